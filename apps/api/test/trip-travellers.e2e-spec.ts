import { tripTravellerIds } from '../src/trips/trip-travellers';
import { TripAccessService } from '../src/trips/trip-access.service';
import type { AuthContext } from '../src/common/auth/auth-context';
import type { UserRole } from '../src/common/auth/user-role';
import { addMember, createTrip, registerOrganization, Session } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

/** docs/booking.md § Travellers and passenger profiles; docs/access.md (the `co` relation). */
describe('Trip travellers', () => {
  let t: TestApp;
  let admin: Session;
  let manager: Session;
  let lead: Session;
  let colleague: Session;
  let second: Session;
  let bystander: Session;
  let stranger: Session;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await registerOrganization(t.api);
    manager = await addMember(t.api, admin, 'manager', 'Mona Manager');
    lead = await addMember(t.api, admin, 'traveller', 'Lea Lead');
    colleague = await addMember(t.api, admin, 'traveller', 'Carl Colleague');
    second = await addMember(t.api, admin, 'traveller', 'Sam Second');
    bystander = await addMember(t.api, admin, 'traveller', 'Bea Bystander');
    stranger = await registerOrganization(t.api);
  });
  afterAll(() => t.close());

  const as = (session: Session) => ({ token: session.accessToken });
  const ref = (session: Session) => ({ id: session.user.id, name: session.user.name });
  const ctxOf = (session: Session) =>
    ({
      userId: session.user.id,
      organizationId: session.user.organizationId,
      role: session.user.role as UserRole,
    }) as AuthContext;

  it('creates a trip with co-travellers: travellers lists the lead first, then the others in order', async () => {
    const trip = await createTrip(t.api, lead, { coTravellerIds: [second.user.id, colleague.user.id] });
    expect(trip.traveller).toEqual(ref(lead));
    expect(trip.travellerId).toBe(lead.user.id);
    expect(trip.travellers).toEqual([ref(lead), ref(second), ref(colleague)]);
    const read = await t.api.get(`/api/trips/${trip.id}`, as(lead));
    expect(read.body.travellers).toEqual([ref(lead), ref(second), ref(colleague)]);
    const { rows } = await t.sql.query(
      'SELECT user_id, position, organization_id FROM trip_travellers WHERE trip_id = $1 ORDER BY position',
      [trip.id],
    );
    expect(rows).toEqual([
      { user_id: second.user.id, position: 1, organization_id: lead.user.organizationId },
      { user_id: colleague.user.id, position: 2, organization_id: lead.user.organizationId },
    ]);
  });

  it('a trip without co-travellers lists its lead alone', async () => {
    const trip = await createTrip(t.api, lead);
    expect(trip.travellers).toEqual([ref(lead)]);
  });

  it('replaces the co-travellers on PATCH (add, reorder, remove), bumping the version, and leaves them when the field is left out', async () => {
    const trip = await createTrip(t.api, lead, { coTravellerIds: [colleague.user.id] });
    const added = await t.api.patch(
      `/api/trips/${trip.id}`,
      { coTravellerIds: [second.user.id, colleague.user.id], version: trip.version },
      as(lead),
    );
    expect(added.status).toBe(200);
    expect(added.body.travellers).toEqual([ref(lead), ref(second), ref(colleague)]);
    expect(added.body.version).toBe(trip.version + 1);
    const renamed = await t.api.patch(`/api/trips/${trip.id}`, { title: 'Renamed' }, as(lead));
    expect(renamed.body.travellers).toEqual([ref(lead), ref(second), ref(colleague)]);
    const removed = await t.api.patch(`/api/trips/${trip.id}`, { coTravellerIds: [] }, as(lead));
    expect(removed.body.travellers).toEqual([ref(lead)]);
    expect(
      (await t.sql.query('SELECT count(*)::int AS n FROM trip_travellers WHERE trip_id = $1', [trip.id])).rows[0].n,
    ).toBe(0);
  });

  it('a stale version changes no traveller', async () => {
    const trip = await createTrip(t.api, lead, { coTravellerIds: [colleague.user.id] });
    await t.api.patch(`/api/trips/${trip.id}`, { title: 'Moved on' }, as(lead));
    const stale = await t.api.patch(
      `/api/trips/${trip.id}`,
      { coTravellerIds: [second.user.id], version: trip.version },
      as(lead),
    );
    expect({ status: stale.status, code: stale.body.code }).toEqual({ status: 409, code: 'TRIP_VERSION_STALE' });
    expect((await t.api.get(`/api/trips/${trip.id}`, as(lead))).body.travellers).toEqual([ref(lead), ref(colleague)]);
  });

  it('drops the lead from the co-travellers (they travel anyway)', async () => {
    const trip = await createTrip(t.api, lead, { coTravellerIds: [lead.user.id, colleague.user.id] });
    expect(trip.travellers).toEqual([ref(lead), ref(colleague)]);
  });

  it("refuses another organization's user exactly like an unknown one (422), creating nothing and revealing nothing", async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    const before = (await t.sql.query('SELECT count(*)::int AS n FROM trips')).rows[0].n;
    const foreign = await t.api.post(
      '/api/trips',
      {
        title: 'X',
        destination: 'Oslo',
        startDate: '2026-05-01',
        endDate: '2026-05-02',
        coTravellerIds: [stranger.user.id],
      },
      as(lead),
    );
    const missing = await t.api.post(
      '/api/trips',
      { title: 'X', destination: 'Oslo', startDate: '2026-05-01', endDate: '2026-05-02', coTravellerIds: [unknown] },
      as(lead),
    );
    for (const [response, id] of [
      [foreign, stranger.user.id],
      [missing, unknown],
    ] as const) {
      expect({ status: response.status, code: response.body.code }).toEqual({
        status: 422,
        code: 'TRIP_TRAVELLER_NOT_ACTIVE',
      });
      expect(response.body.message).toBe(`coTravellerIds: ${id} is not an active member of your organization`);
      expect(response.text).not.toContain(stranger.user.name);
    }
    expect((await t.sql.query('SELECT count(*)::int AS n FROM trips')).rows[0].n).toBe(before);
    const trip = await createTrip(t.api, lead);
    const patched = await t.api.patch(`/api/trips/${trip.id}`, { coTravellerIds: [stranger.user.id] }, as(lead));
    expect(patched.status).toBe(422);
    expect(
      (await t.sql.query('SELECT count(*)::int AS n FROM trip_travellers WHERE trip_id = $1', [trip.id])).rows[0].n,
    ).toBe(0);
  });

  it('refuses a deactivated member as co-traveller (422)', async () => {
    const leaver = await addMember(t.api, admin, 'traveller', 'Lou Leaver');
    expect(
      (await t.api.patch(`/api/organizations/current/members/${leaver.user.id}`, { active: false }, as(admin))).status,
    ).toBe(200);
    const response = await t.api.post(
      '/api/trips',
      {
        title: 'X',
        destination: 'Oslo',
        startDate: '2026-05-01',
        endDate: '2026-05-02',
        coTravellerIds: [leaver.user.id],
      },
      as(lead),
    );
    expect({ status: response.status, code: response.body.code }).toEqual({
      status: 422,
      code: 'TRIP_TRAVELLER_NOT_ACTIVE',
    });
  });

  it.each<[string, () => unknown]>([
    ['not a list', () => colleague.user.id],
    ['a list with one id twice', () => [colleague.user.id, colleague.user.id]],
    ['an id that is not a UUID', () => ['not-a-uuid']],
    [
      'more than eight co-travellers',
      () => Array.from({ length: 9 }, (_, i) => `00000000-0000-4000-8000-00000000000${i}`),
    ],
    ['null', () => null],
  ])('refuses coTravellerIds that is %s (400)', async (_label, value) => {
    const body = {
      title: 'X',
      destination: 'Oslo',
      startDate: '2026-05-01',
      endDate: '2026-05-02',
      coTravellerIds: value(),
    };
    const response = await t.api.post('/api/trips', body, as(lead));
    expect({ status: response.status, code: response.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect(response.body.errors.map((error: { field: string }) => error.field)).toContain('coTravellerIds');
  });

  describe('access (docs/access.md: the co relation)', () => {
    let tripId: string;

    beforeAll(async () => {
      tripId = (await createTrip(t.api, lead, { coTravellerIds: [colleague.user.id] })).id;
    });

    it('lets a co-traveller see the trip, its itinerary and its calendar, with view and comment only', async () => {
      const read = await t.api.get(`/api/trips/${tripId}`, as(colleague));
      expect(read.status).toBe(200);
      expect(read.body.allowedActions).toEqual(['view', 'comment']);
      expect((await t.api.get(`/api/trips/${tripId}/activities`, as(colleague))).status).toBe(200);
      expect((await t.api.get(`/api/trips/${tripId}/calendar.ics`, as(colleague))).status).toBe(200);
    });

    it("lists the trip among the co-traveller's trips, and not among a bystander's", async () => {
      const mine = await t.api.get('/api/trips?limit=100', as(colleague));
      expect(mine.body.items.map((trip: { id: string }) => trip.id)).toContain(tripId);
      const listed = mine.body.items.find((trip: { id: string }) => trip.id === tripId);
      expect(listed.travellers).toEqual([ref(lead), ref(colleague)]);
      expect(listed.allowedActions).toEqual(['view', 'comment']);
      expect(
        mine.body.items.every((trip: { travellers: { id: string }[] }) =>
          trip.travellers.some((traveller) => traveller.id === colleague.user.id),
        ),
      ).toBe(true);
      // The web app's "My trips" asks for ?travellerId=<me>: that is every trip one travels on.
      const filtered = await t.api.get(`/api/trips?limit=100&travellerId=${colleague.user.id}`, as(colleague));
      expect(filtered.body.items.map((trip: { id: string }) => trip.id)).toContain(tripId);
      const byAdmin = await t.api.get(`/api/trips?limit=100&travellerId=${colleague.user.id}`, as(admin));
      expect(byAdmin.body.items.map((trip: { id: string }) => trip.id)).toContain(tripId);
      const theirs = await t.api.get('/api/trips?limit=100', as(bystander));
      expect(theirs.body.items.map((trip: { id: string }) => trip.id)).not.toContain(tripId);
    });

    it('refuses a co-traveller everything that manages the trip (403) and a bystander everything (404)', async () => {
      const writes: [string, string, unknown][] = [
        ['PATCH', `/api/trips/${tripId}`, { title: 'Mine now' }],
        ['POST', `/api/trips/${tripId}/submit`, {}],
        ['POST', `/api/trips/${tripId}/cancel`, {}],
        ['DELETE', `/api/trips/${tripId}`, undefined],
        [
          'POST',
          `/api/trips/${tripId}/activities`,
          { title: 'Dinner', type: 'meal', startsAt: '2026-03-10T19:00:00+01:00' },
        ],
      ];
      for (const [method, path, body] of writes) {
        const co = await t.api.request(method, path, { ...as(colleague), body });
        expect({ route: `${method} ${path}`, status: co.status, code: co.body.code }).toEqual({
          route: `${method} ${path}`,
          status: 403,
          code: 'FORBIDDEN',
        });
        const other = await t.api.request(method, path, { ...as(bystander), body });
        expect({ route: `${method} ${path}`, status: other.status }).toEqual({
          route: `${method} ${path}`,
          status: 404,
        });
      }
      expect((await t.api.get(`/api/trips/${tripId}`, as(bystander))).status).toBe(404);
      const row = (await t.sql.query('SELECT title, status FROM trips WHERE id = $1', [tripId])).rows[0];
      expect(row).toEqual({ title: 'Sales kick-off', status: 'draft' });
    });

    it('never lets a manager decide on a trip they travel on', async () => {
      const trip = await createTrip(t.api, lead, { coTravellerIds: [manager.user.id] });
      expect((await t.api.post(`/api/trips/${trip.id}/submit`, {}, as(lead))).status).toBe(200);
      const read = await t.api.get(`/api/trips/${trip.id}`, as(manager));
      expect(read.body.allowedActions).not.toContain('decide');
      const approve = await t.api.post(`/api/trips/${trip.id}/approve`, {}, as(manager));
      expect({ status: approve.status, code: approve.body.code }).toEqual({ status: 403, code: 'FORBIDDEN' });
      expect((await t.api.post(`/api/trips/${trip.id}/approve`, {}, as(admin))).status).toBe(200);
    });

    it("puts the trip in the co-traveller's personal calendar feed, and not in a bystander's", async () => {
      await createTrip(t.api, lead, {
        title: 'Group feed trip',
        startDate: '2099-04-01',
        endDate: '2099-04-02',
        coTravellerIds: [colleague.user.id],
      });
      const feedOf = async (session: Session) =>
        (await t.api.get(new URL((await t.api.get('/api/calendar/feed', as(session))).body.url).pathname)).text;
      expect(await feedOf(colleague)).toContain('SUMMARY:Group feed trip');
      expect(await feedOf(lead)).toContain('SUMMARY:Group feed trip');
      expect(await feedOf(bystander)).not.toContain('Group feed trip');
    });

    it('loses access once removed from the trip', async () => {
      const trip = await createTrip(t.api, lead, { coTravellerIds: [second.user.id] });
      expect((await t.api.get(`/api/trips/${trip.id}`, as(second))).status).toBe(200);
      await t.api.patch(`/api/trips/${trip.id}`, { coTravellerIds: [] }, as(lead));
      expect((await t.api.get(`/api/trips/${trip.id}`, as(second))).status).toBe(404);
    });

    it("answers 404 to another organization's admin", async () => {
      expect((await t.api.get(`/api/trips/${tripId}`, as(stranger))).status).toBe(404);
      expect(
        (await t.api.patch(`/api/trips/${tripId}`, { coTravellerIds: [stranger.user.id] }, as(stranger))).status,
      ).toBe(404);
    });
  });

  it('gives the flight search and the booking the travellers, lead first, from the access check (tripTravellerIds)', async () => {
    const trip = await createTrip(t.api, admin, {
      travellerId: lead.user.id,
      coTravellerIds: [colleague.user.id, second.user.id],
    });
    const access = t.app.get(TripAccessService);
    const checked = await access.require(ctxOf(admin), trip.id, 'book_travel');
    expect(tripTravellerIds(checked)).toEqual([lead.user.id, colleague.user.id, second.user.id]);
    const seen = await access.require(ctxOf(colleague), trip.id, 'view');
    expect(tripTravellerIds(seen)).toEqual([lead.user.id, colleague.user.id, second.user.id]);
    await expect(access.require(ctxOf(colleague), trip.id, 'book_travel')).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
