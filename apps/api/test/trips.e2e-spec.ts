import * as ical from 'node-ical';
import { addMember, createTrip, registerOrganization, Session, TRIP } from './support/factories';
import { drainOutbox } from './support/outbox';
import { startTestApp, TestApp } from './support/test-app';

describe('Trips', () => {
  let t: TestApp;
  let admin: Session;
  let manager: Session;
  let traveller: Session;
  let colleague: Session;
  let other: Session;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await registerOrganization(t.api);
    manager = await addMember(t.api, admin, 'manager', 'Mia Manager');
    traveller = await addMember(t.api, admin, 'traveller', 'Tom Traveller');
    colleague = await addMember(t.api, admin, 'traveller', 'Cleo Colleague');
    other = await registerOrganization(t.api);
  });
  afterAll(() => t.close());

  const as = (session: Session) => ({ token: session.accessToken });

  describe('create and read', () => {
    it('creates a draft trip for the caller with the documented shape', async () => {
      const response = await t.api.post('/api/trips', TRIP, as(traveller));
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        title: TRIP.title,
        destination: 'Berlin',
        startDate: '2026-03-09',
        endDate: '2026-03-12',
        purpose: TRIP.purpose,
        budget: { amount: '2500.00', currency: 'EUR' },
        latitude: 52.52,
        longitude: 13.405,
        status: 'draft',
        travellerId: traveller.user.id,
        traveller: { id: traveller.user.id, name: 'Tom Traveller' },
        organizationId: traveller.user.organizationId,
        version: 1,
        timezone: 'Europe/Berlin',
      });
      for (const key of [
        'id',
        'title',
        'destination',
        'startDate',
        'endDate',
        'purpose',
        'budget',
        'latitude',
        'longitude',
        'status',
        'travellerId',
        'traveller',
        'organizationId',
        'version',
        'createdAt',
        'updatedAt',
      ]) {
        expect(response.body).toHaveProperty(key);
      }
      const read = await t.api.get(`/api/trips/${response.body.id}`, as(traveller));
      expect(read.status).toBe(200);
      // The single-trip read adds when it was submitted and its last decision (none yet).
      expect(read.body).toEqual({ ...response.body, submittedAt: null, decision: null });
    });

    it.each([
      ['endDate before startDate', { startDate: '2026-03-12', endDate: '2026-03-09' }],
      ['an impossible date', { startDate: '2026-02-30' }],
      ['a date with a time', { endDate: '2026-03-12T10:00:00Z' }],
      ['a float budget', { budget: { amount: 2500.5, currency: 'EUR' } }],
      ['a bad currency', { budget: { amount: '10.00', currency: 'euro' } }],
      ['latitude out of range', { latitude: 123 }],
      ['latitude without longitude', { longitude: undefined }],
      ['an empty title', { title: '   ' }],
      ['an oversized title', { title: 'x'.repeat(201) }],
      ['an unknown time zone', { timezone: 'Mars/Olympus' }],
    ])('refuses %s with 400', async (_label, change) => {
      const response = await t.api.post('/api/trips', { ...TRIP, ...change }, as(traveller));
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    });

    it('refuses mass assignment of owner, organization, status or id (S12)', async () => {
      for (const field of [
        { organizationId: other.user.organizationId },
        { status: 'approved' },
        { id: '00000000-0000-4000-8000-000000000000' },
        { version: 7 },
      ]) {
        expect((await t.api.post('/api/trips', { ...TRIP, ...field }, as(traveller))).status).toBe(400);
      }
      const trip = await createTrip(t.api, traveller);
      const patch = await t.api.patch(
        `/api/trips/${trip.id}`,
        { organizationId: other.user.organizationId, status: 'approved', travellerId: colleague.user.id },
        as(traveller),
      );
      expect(patch.status).toBe(400);
      const { rows } = await t.sql.query(
        'SELECT organization_id, status, traveller_id, version FROM trips WHERE id = $1',
        [trip.id],
      );
      expect(rows[0]).toEqual({
        organization_id: traveller.user.organizationId,
        status: 'draft',
        traveller_id: traveller.user.id,
        version: 1,
      });
    });

    it('lets a manager plan a trip for a colleague, but not a traveller', async () => {
      const planned = await t.api.post('/api/trips', { ...TRIP, travellerId: colleague.user.id }, as(manager));
      expect(planned.status).toBe(201);
      expect(planned.body.travellerId).toBe(colleague.user.id);
      // The response names who travels, not who planned it.
      expect(planned.body.traveller).toEqual({ id: colleague.user.id, name: 'Cleo Colleague' });
      expect(
        (await t.api.post('/api/trips', { ...TRIP, travellerId: colleague.user.id }, as(traveller))).body,
      ).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
      expect((await t.api.post('/api/trips', { ...TRIP, travellerId: other.user.id }, as(manager))).body).toMatchObject(
        { statusCode: 422, code: 'TRIP_TRAVELLER_NOT_ACTIVE' },
      );
    });

    it("hides a colleague's trip from a traveller (404) but shows it to managers", async () => {
      const trip = await createTrip(t.api, colleague);
      expect((await t.api.get(`/api/trips/${trip.id}`, as(traveller))).status).toBe(404);
      expect((await t.api.get(`/api/trips/${trip.id}`, as(manager))).status).toBe(200);
      expect((await t.api.get(`/api/trips/${trip.id}`, as(admin))).status).toBe(200);
    });

    it('answers 400 for a malformed id and 404 for an unknown one', async () => {
      expect((await t.api.get('/api/trips/not-a-uuid', as(traveller))).body).toMatchObject({
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        errors: [{ field: 'id', code: 'INVALID_FORMAT', message: 'id must be a UUID' }],
      });
      expect((await t.api.get('/api/trips/00000000-0000-4000-8000-000000000000', as(traveller))).body).toMatchObject({
        statusCode: 404,
        code: 'NOT_FOUND',
      });
    });
  });

  describe('listing', () => {
    let seeded: { id: string; title: string }[];
    let lister: Session;

    beforeAll(async () => {
      lister = await addMember(t.api, admin, 'traveller', 'Lisa Lister');
      seeded = [];
      const specs = [
        { title: 'Paris pitch', destination: 'Paris', startDate: '2026-01-10', endDate: '2026-01-12' },
        { title: 'Tokyo summit', destination: 'Tokyo', startDate: '2026-02-01', endDate: '2026-02-05' },
        { title: 'Berlin fair', destination: 'Berlin', startDate: '2026-02-04', endDate: '2026-02-08' },
        { title: 'Lisbon offsite', destination: 'Lisbon', startDate: '2026-04-20', endDate: '2026-04-24' },
        { title: 'New York review', destination: 'New York', startDate: '2026-06-01', endDate: '2026-06-03' },
      ];
      for (const spec of specs)
        seeded.push(await createTrip(t.api, lister, { ...spec, latitude: undefined, longitude: undefined }));
      await t.api.post(`/api/trips/${seeded[1].id}/submit`, {}, as(lister));
    });

    const list = (query: string, session: Session = lister) => t.api.get(`/api/trips${query}`, as(session));

    it("paginates the traveller's own trips, sorted by start date", async () => {
      const first = await list('?limit=2&page=1');
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ total: 5, page: 1, limit: 2 });
      expect(first.body.items.map((trip: { title: string }) => trip.title)).toEqual(['Paris pitch', 'Tokyo summit']);
      const third = await list('?limit=2&page=3');
      expect(third.body.items.map((trip: { title: string }) => trip.title)).toEqual(['New York review']);
      const descending = await list('?sort=startDate&order=desc&limit=1');
      expect(descending.body.items[0].title).toBe('New York review');
    });

    it('clamps limit to 100 and refuses nonsense paging', async () => {
      expect((await list('?limit=100000')).body.limit).toBe(100);
      expect((await list('?limit=-1')).status).toBe(400);
      expect((await list('?page=0')).status).toBe(400);
    });

    it('filters by status, by date-range overlap and by text', async () => {
      expect((await list('?status=submitted')).body.items.map((trip: { title: string }) => trip.title)).toEqual([
        'Tokyo summit',
      ]);
      expect((await list('?status=draft,submitted')).body.total).toBe(5);
      const overlap = await list('?from=2026-02-05&to=2026-02-06');
      expect(overlap.body.items.map((trip: { title: string }) => trip.title)).toEqual(['Tokyo summit', 'Berlin fair']);
      expect((await list('?q=lisb')).body.items.map((trip: { title: string }) => trip.title)).toEqual([
        'Lisbon offsite',
      ]);
      expect((await list('?q=REVIEW')).body.total).toBe(1);
      expect((await list('?status=flying')).status).toBe(400);
      expect((await list('?from=2026-13-01')).status).toBe(400);
    });

    it("shows managers the organization's trips and filters by traveller", async () => {
      const all = await list('?limit=100', manager);
      expect(all.body.total).toBeGreaterThan(5);
      // Every listed trip names its traveller, so clients need no member look-ups.
      const names = new Map(
        [lister, traveller, colleague, manager, admin].map((session) => [session.user.id, session.user.name]),
      );
      for (const trip of all.body.items)
        expect(trip.traveller).toEqual({ id: trip.travellerId, name: names.get(trip.travellerId) });
      const hers = await list(`?travellerId=${lister.user.id}`, manager);
      expect(hers.body.total).toBe(5);
      const mine = await list(`?travellerId=${colleague.user.id}`);
      expect(mine.body.total).toBe(0);
    });

    it('treats SQL-shaped input as data: allow-listed sort, escaped text, 4xx never 5xx (S21)', async () => {
      expect((await list('?sort=id;drop table trips')).status).toBe(400);
      expect((await list('?sort=start_date')).status).toBe(200);
      expect((await list('?order=sideways')).status).toBe(400);
      const injection = await list(`?q=${encodeURIComponent("' OR 1=1 --")}`);
      expect(injection.status).toBe(200);
      expect(injection.body.total).toBe(0);
      expect((await list(`?q=${encodeURIComponent('%_%')}`)).body.total).toBe(0);
      expect((await list(`?q=${'x'.repeat(101)}`)).status).toBe(400);
      expect((await list(`?organizationId=${other.user.organizationId}`)).status).toBe(400);
      const { rows } = await t.sql.query('SELECT count(*)::int AS n FROM trips');
      expect(rows[0].n).toBeGreaterThan(5);
    });
  });

  describe('optimistic concurrency', () => {
    it('refuses a stale version with 409 and accepts the current one', async () => {
      const trip = await createTrip(t.api, traveller);
      const first = await t.api.patch(`/api/trips/${trip.id}`, { title: 'First edit', version: 1 }, as(traveller));
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ title: 'First edit', version: 2 });
      const stale = await t.api.patch(`/api/trips/${trip.id}`, { title: 'Stale edit', version: 1 }, as(traveller));
      expect(stale.status).toBe(409);
      // The code says which object to reload, so clients need not read the message.
      expect(stale.body.code).toBe('TRIP_VERSION_STALE');
      const viaHeader = await t.api.patch(
        `/api/trips/${trip.id}`,
        { title: 'Header edit' },
        { ...as(traveller), headers: { 'if-match': '"2"' } },
      );
      expect(viaHeader.status).toBe(200);
      expect(viaHeader.body.version).toBe(3);
    });

    it('refuses If-Match and a body version that disagree (400, nothing written) and accepts them when they agree (issue 7 §6)', async () => {
      const trip = await createTrip(t.api, traveller);
      const disagree = await t.api.patch(
        `/api/trips/${trip.id}`,
        { title: 'Which one?', version: 1 },
        { ...as(traveller), headers: { 'if-match': '"7"' } },
      );
      expect(disagree.status).toBe(400);
      expect(disagree.body.code).toBe('IF_MATCH_MISMATCH');
      const { rows } = await t.sql.query('SELECT title, version FROM trips WHERE id = $1', [trip.id]);
      expect(rows[0]).toEqual({ title: TRIP.title, version: 1 });
      const agree = await t.api.patch(
        `/api/trips/${trip.id}`,
        { title: 'Both say 1', version: 1 },
        { ...as(traveller), headers: { 'if-match': 'W/"1"' } },
      );
      expect(agree.status).toBe(200);
      expect(agree.body).toMatchObject({ title: 'Both say 1', version: 2 });
    });

    it('lets exactly one of 50 concurrent PATCHes with the same version win (R16, R18)', async () => {
      const trip = await createTrip(t.api, traveller);
      const responses = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          t.api.patch(`/api/trips/${trip.id}`, { title: `Edit ${i}`, version: 1 }, as(traveller)),
        ),
      );
      const statuses = responses.map((response) => response.status);
      expect(statuses.filter((status) => status === 200)).toHaveLength(1);
      expect(statuses.filter((status) => status === 409)).toHaveLength(49);
      const winner = responses.find((response) => response.status === 200)!.body;
      const { rows } = await t.sql.query('SELECT title, version FROM trips WHERE id = $1', [trip.id]);
      expect(rows[0]).toEqual({ title: winner.title, version: 2 });
    });

    it('keeps a concurrent read-modify-write from silently overwriting (R18)', async () => {
      const trip = await createTrip(t.api, traveller);
      const [a, b] = await Promise.all([
        t.api.get(`/api/trips/${trip.id}`, as(traveller)),
        t.api.get(`/api/trips/${trip.id}`, as(manager)),
      ]);
      const first = await t.api.patch(
        `/api/trips/${trip.id}`,
        { purpose: 'from traveller', version: a.body.version },
        as(traveller),
      );
      const second = await t.api.patch(
        `/api/trips/${trip.id}`,
        { purpose: 'from manager', version: b.body.version },
        as(manager),
      );
      expect([first.status, second.status]).toEqual([200, 409]);
      expect((await t.api.get(`/api/trips/${trip.id}`, as(traveller))).body.purpose).toBe('from traveller');
    });
  });

  describe('lifecycle', () => {
    it('walks draft → submitted → approved → completed, e-mailing approvers and the traveller, with an audit trail', async () => {
      const trip = await createTrip(t.api, traveller);
      const submitted = await t.api.post(`/api/trips/${trip.id}/submit`, {}, as(traveller));
      expect(submitted.status).toBe(200);
      expect(submitted.body).toMatchObject({ status: 'submitted', version: 2 });
      const approved = await t.api.post(`/api/trips/${trip.id}/approve`, { reason: 'Within budget' }, as(manager));
      expect(approved.body.status).toBe('approved');
      const completed = await t.api.post(`/api/trips/${trip.id}/complete`, {}, as(traveller));
      expect(completed.body.status).toBe('completed');
      await drainOutbox(t);

      const audit = await t.api.get(`/api/audit?entityId=${trip.id}`, as(admin));
      const steps = audit.body.items
        .map((event: { action: string; data: { from?: string; to?: string } }) => [
          event.action,
          event.data.from,
          event.data.to,
        ])
        .reverse();
      expect(steps).toEqual([
        ['trip.created', undefined, undefined],
        ['trip.submitted', 'draft', 'submitted'],
        ['trip.approved', 'submitted', 'approved'],
        ['trip.completed', 'approved', 'completed'],
      ]);
      const approval = audit.body.items.find((event: { action: string }) => event.action === 'trip.approved');
      expect(approval).toMatchObject({ actorId: manager.user.id, data: { reason: 'Within budget' } });

      const mail = await t.sql.query(
        'SELECT "to", subject FROM outbox_messages WHERE subject LIKE $1 OR subject LIKE $2',
        [`Approval needed: ${TRIP.title}`, `Your trip "${TRIP.title}" was approved`],
      );
      const recipients = mail.rows.map((row: { to: string }) => row.to);
      expect(recipients).toEqual(expect.arrayContaining([manager.user.email, admin.user.email, traveller.user.email]));
      expect(recipients).not.toContain(colleague.user.email);
    });

    it('rejects only with a reason, and the traveller is told why', async () => {
      const trip = await createTrip(t.api, traveller, { title: 'Costly trip' });
      await t.api.post(`/api/trips/${trip.id}/submit`, {}, as(traveller));
      expect((await t.api.post(`/api/trips/${trip.id}/reject`, {}, as(manager))).body).toMatchObject({
        statusCode: 400,
        code: 'TRIP_REJECTION_REASON_REQUIRED',
      });
      const rejected = await t.api.post(`/api/trips/${trip.id}/reject`, { reason: 'Over budget' }, as(manager));
      expect(rejected.body.status).toBe('rejected');
      await drainOutbox(t);
      const mail = await t.sql.query('SELECT text FROM outbox_messages WHERE "to" = $1 AND subject LIKE $2', [
        traveller.user.email,
        '%Costly trip" was rejected',
      ]);
      expect(mail.rows[0].text).toContain('Over budget');
    });

    it('checks the trip and the role before the body: rejecting without a reason is 404 across organizations, 403 for a traveller (issue 7 §6)', async () => {
      const trip = await createTrip(t.api, traveller);
      await t.api.post(`/api/trips/${trip.id}/submit`, {}, as(traveller));
      expect((await t.api.post(`/api/trips/${trip.id}/reject`, {}, as(other))).status).toBe(404);
      expect((await t.api.post(`/api/trips/${trip.id}/reject`, {}, as(traveller))).status).toBe(403);
      expect((await t.api.post(`/api/trips/${trip.id}/reject`, {}, as(colleague))).status).toBe(404);
      expect((await t.api.post(`/api/trips/${trip.id}/reject`, {}, as(manager))).status).toBe(400);
    });

    it('never lets travellers decide, nor anyone approve their own trip (403)', async () => {
      const trip = await createTrip(t.api, traveller);
      await t.api.post(`/api/trips/${trip.id}/submit`, {}, as(traveller));
      expect((await t.api.post(`/api/trips/${trip.id}/approve`, {}, as(traveller))).status).toBe(403);
      const own = await createTrip(t.api, manager);
      await t.api.post(`/api/trips/${own.id}/submit`, {}, as(manager));
      expect((await t.api.post(`/api/trips/${own.id}/approve`, {}, as(manager))).status).toBe(403);
      expect((await t.api.post(`/api/trips/${own.id}/approve`, {}, as(admin))).status).toBe(200);
    });

    it.each([
      ['approve a draft', [], 'approve'],
      ['complete a draft', [], 'complete'],
      ['submit twice', ['submit'], 'submit'],
      ['cancel a cancelled trip', ['cancel'], 'cancel'],
      ['submit a rejected trip', ['submit', 'reject'], 'submit'],
    ])('refuses to %s with 409', async (_label, before, action) => {
      const trip = await createTrip(t.api, traveller);
      for (const step of before as string[]) {
        const actor = step === 'reject' ? manager : traveller;
        expect((await t.api.post(`/api/trips/${trip.id}/${step}`, { reason: 'because' }, as(actor))).status).toBe(200);
      }
      const response = await t.api.post(
        `/api/trips/${trip.id}/${action}`,
        {},
        as(action === 'approve' ? manager : traveller),
      );
      expect(response.body).toMatchObject({ statusCode: 409, code: 'TRIP_ILLEGAL_TRANSITION' });
    });

    it('cancels from draft, submitted and approved', async () => {
      for (const path of [[], ['submit'], ['submit', 'approve']]) {
        const trip = await createTrip(t.api, traveller);
        for (const step of path)
          await t.api.post(`/api/trips/${trip.id}/${step}`, {}, as(step === 'approve' ? manager : traveller));
        const cancelled = await t.api.post(`/api/trips/${trip.id}/cancel`, {}, as(traveller));
        expect(cancelled.body.status).toBe('cancelled');
      }
    });

    it('edits only drafts, and deletes drafts with their activities but not trips in flight', async () => {
      const trip = await createTrip(t.api, traveller);
      await t.api.post(
        `/api/trips/${trip.id}/activities`,
        { title: 'Dinner', type: 'meal', startsAt: '2026-03-10T19:00:00+01:00' },
        as(traveller),
      );
      await t.api.post(`/api/trips/${trip.id}/submit`, {}, as(traveller));
      expect((await t.api.patch(`/api/trips/${trip.id}`, { title: 'Late change' }, as(traveller))).body).toMatchObject({
        statusCode: 409,
        code: 'TRIP_NOT_EDITABLE',
      });
      expect((await t.api.delete(`/api/trips/${trip.id}`, as(traveller))).body).toMatchObject({
        statusCode: 409,
        code: 'TRIP_NOT_DELETABLE',
      });
      await t.api.post(`/api/trips/${trip.id}/cancel`, {}, as(traveller));
      expect((await t.api.delete(`/api/trips/${trip.id}`, as(traveller))).status).toBe(204);
      expect((await t.api.get(`/api/trips/${trip.id}`, as(traveller))).status).toBe(404);
      const { rows } = await t.sql.query('SELECT count(*)::int AS n FROM activities WHERE trip_id = $1', [trip.id]);
      expect(rows[0].n).toBe(0);
    });

    it('keeps the audit log append-only in the database itself', async () => {
      await expect(t.sql.query('UPDATE audit_events SET action = $1', ['tampered'])).rejects.toThrow(/append-only/);
      await expect(t.sql.query('DELETE FROM audit_events')).rejects.toThrow(/append-only/);
    });
  });

  describe('calendar', () => {
    it('exports a trip with its activities as iCalendar', async () => {
      const trip = await createTrip(t.api, traveller, {
        title: 'Tokyo summit',
        destination: 'Tokyo',
        latitude: 35.68,
        longitude: 139.69,
      });
      await t.api.post(
        `/api/trips/${trip.id}/activities`,
        { title: 'Late dinner', type: 'meal', startsAt: '2026-03-12T23:30:00+09:00' },
        as(traveller),
      );
      const response = await t.api.get(`/api/trips/${trip.id}/calendar.ics`, as(traveller));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
      expect(response.headers.get('content-disposition')).toBe('attachment; filename="Tokyo-summit.ics"');
      const events = Object.values(ical.sync.parseICS(response.text)).filter(
        (item) => item?.type === 'VEVENT',
      ) as ical.VEvent[];
      expect(events.map((event) => event.summary).sort()).toEqual(['Late dinner', 'Tokyo summit (Tokyo)']);
      expect(response.text).toContain('DTSTART;TZID=Asia/Tokyo:20260312T233000');
      expect((await t.api.get(`/api/trips/${trip.id}/calendar.ics`, as(colleague))).status).toBe(404);
    });

    it("serves a subscription feed of the caller's trips at one address that stays until reset or revoked", async () => {
      const created = await t.api.get('/api/calendar/feed', as(colleague));
      expect(created.status).toBe(200);
      const path = new URL(created.body.url).pathname;
      expect(path).toMatch(/^\/api\/calendar\/[\w-]{43}\.ics$/);
      // Opening the dialog again (after a reload) shows the same address, and it keeps working.
      expect((await t.api.get('/api/calendar/feed', as(colleague))).body.url).toBe(created.body.url);
      const { rows } = await t.sql.query('SELECT token_hash, token_seed FROM calendar_feeds WHERE user_id = $1', [
        colleague.user.id,
      ]);
      expect(rows).toHaveLength(1);
      expect(created.body.url).not.toContain(rows[0].token_seed);
      expect(created.body.url).not.toContain(rows[0].token_hash);
      await createTrip(t.api, colleague, { title: 'Feed trip', startDate: '2099-01-01', endDate: '2099-01-02' });
      const feed = await t.api.get(path);
      expect(feed.status).toBe(200);
      expect(feed.text).toContain('SUMMARY:Feed trip (Berlin)');
      expect(feed.text).not.toContain('Tokyo summit');

      const rotated = await t.api.post('/api/calendar/feed/reset', {}, as(colleague));
      expect(rotated.status).toBe(200);
      expect(rotated.body.url).not.toBe(created.body.url);
      expect((await t.api.get(path)).status).toBe(404);
      expect((await t.api.get('/api/calendar/feed', as(colleague))).body.url).toBe(rotated.body.url);
      expect((await t.api.get(new URL(rotated.body.url).pathname)).status).toBe(200);
      expect((await t.api.delete('/api/calendar/feed', as(colleague))).status).toBe(204);
      expect((await t.api.get(new URL(rotated.body.url).pathname)).status).toBe(404);
      expect((await t.api.get('/api/calendar/not-a-token.ics')).status).toBe(404);
    });

    it('gives a feed made before addresses could be shown again a new address once, then keeps it', async () => {
      await t.sql.query('DELETE FROM calendar_feeds WHERE user_id = $1', [colleague.user.id]);
      await t.sql.query(
        "INSERT INTO calendar_feeds (user_id, organization_id, token_hash) VALUES ($1, $2, repeat('a', 64))",
        [colleague.user.id, colleague.user.organizationId],
      );
      const first = await t.api.get('/api/calendar/feed', as(colleague));
      expect(first.status).toBe(200);
      expect((await t.api.get('/api/calendar/feed', as(colleague))).body.url).toBe(first.body.url);
      expect((await t.api.get(new URL(first.body.url).pathname)).status).toBe(200);
    });

    it('serves a per-trip feed to whoever may see the trip, separately revocable', async () => {
      const own = await createTrip(t.api, colleague, {
        title: 'Per-trip feed',
        startDate: '2099-02-01',
        endDate: '2099-02-02',
      });
      await createTrip(t.api, colleague, { title: 'Another trip', startDate: '2099-03-01', endDate: '2099-03-02' });
      const address = await t.api.get(`/api/trips/${own.id}/calendar/feed`, as(colleague));
      expect(address.status).toBe(200);
      expect((await t.api.get(`/api/trips/${own.id}/calendar/feed`, as(colleague))).body.url).toBe(address.body.url);
      expect(address.body.url).not.toBe((await t.api.get('/api/calendar/feed', as(colleague))).body.url);
      const path = new URL(address.body.url).pathname;
      const feed = await t.api.get(path);
      expect(feed.status).toBe(200);
      expect(feed.text).toContain('SUMMARY:Per-trip feed (Berlin)');
      expect(feed.text).not.toContain('Another trip');

      // The admin sees the trip, so may subscribe to it too: another address.
      const admins = await t.api.get(`/api/trips/${own.id}/calendar/feed`, as(admin));
      expect(admins.status).toBe(200);
      expect(admins.body.url).not.toBe(address.body.url);
      // A colleague who cannot see the trip gets no feed of it.
      expect((await t.api.get(`/api/trips/${own.id}/calendar/feed`, as(traveller))).status).toBe(404);

      const reset = await t.api.post(`/api/trips/${own.id}/calendar/feed/reset`, {}, as(colleague));
      expect(reset.status).toBe(200);
      expect((await t.api.get(path)).status).toBe(404);
      expect((await t.api.get(new URL(admins.body.url).pathname)).status).toBe(200);
      expect((await t.api.delete(`/api/trips/${own.id}/calendar/feed`, as(colleague))).status).toBe(204);
      expect((await t.api.get(new URL(reset.body.url).pathname)).status).toBe(404);
      // Deleting the trip ends its feeds.
      expect((await t.api.delete(`/api/trips/${own.id}`, as(colleague))).status).toBe(204);
      expect((await t.api.get(new URL(admins.body.url).pathname)).status).toBe(404);
    });
  });

  describe('places', () => {
    it('finds destinations with coordinates and time zones from the bundled dataset', async () => {
      const response = await t.api.get('/api/places?q=ber', as(traveller));
      expect(response.status).toBe(200);
      expect(response.body[0]).toMatchObject({
        name: 'Berlin',
        country: 'Germany',
        countryCode: 'DE',
        timezone: 'Europe/Berlin',
      });
      expect((await t.api.get('/api/places', as(traveller))).status).toBe(400);
      expect((await t.api.get('/api/places?q=ber&limit=500', as(traveller))).status).toBe(400);
      expect((await t.api.get('/api/places?q=ber')).status).toBe(401);
    });
  });

  describe('another organization', () => {
    it('gets 404 on every trip route and leaves the row unchanged (S1)', async () => {
      const trip = await createTrip(t.api, traveller);
      const before = (await t.sql.query('SELECT * FROM trips WHERE id = $1', [trip.id])).rows[0];
      const attempts = [
        t.api.get(`/api/trips/${trip.id}`, as(other)),
        t.api.patch(`/api/trips/${trip.id}`, { title: 'Hijacked' }, as(other)),
        t.api.delete(`/api/trips/${trip.id}`, as(other)),
        ...['submit', 'approve', 'reject', 'cancel', 'complete'].map((action) =>
          t.api.post(`/api/trips/${trip.id}/${action}`, { reason: 'x' }, as(other)),
        ),
        t.api.get(`/api/trips/${trip.id}/calendar.ics`, as(other)),
        t.api.get(`/api/trips/${trip.id}/activities`, as(other)),
        t.api.post(
          `/api/trips/${trip.id}/activities`,
          { title: 'x', type: 'meal', startsAt: '2026-03-10T10:00:00Z' },
          as(other),
        ),
        t.api.put(`/api/trips/${trip.id}/activities/order`, { activityIds: [] }, as(other)),
      ];
      for (const response of await Promise.all(attempts)) {
        expect(response.status).toBe(404);
        expect(response.text).not.toContain(trip.title);
      }
      const after = (await t.sql.query('SELECT * FROM trips WHERE id = $1', [trip.id])).rows[0];
      expect(after).toEqual(before);
      const list = await t.api.get('/api/trips?limit=100', as(other));
      expect(list.body.items.map((item: { id: string }) => item.id)).not.toContain(trip.id);
      await drainOutbox(t);
      const audit = await t.api.get(`/api/audit?entityId=${trip.id}`, as(other));
      expect(audit.body.total).toBe(0);
    });
  });
});
