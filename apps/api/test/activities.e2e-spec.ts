import { addMember, createTrip, registerOrganization, Session } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

const TOKYO_TRIP = {
  title: 'Tokyo summit',
  destination: 'Tokyo',
  startDate: '2026-03-09',
  endDate: '2026-03-12',
  latitude: 35.68,
  longitude: 139.69,
  budget: { amount: '1000.00', currency: 'JPY' },
};

describe('Activities', () => {
  let t: TestApp;
  let admin: Session;
  let traveller: Session;
  let colleague: Session;
  let other: Session;
  let trip: { id: string };

  beforeAll(async () => {
    // 200 creations queue for 10 pooled connections and one trip's row lock; on a busy machine the
    // last wait longer than the production pool, lock and statement timeouts, which would turn them into
    // (correct, but here unwanted) 503s.
    t = await startTestApp({
      DB_STATEMENT_TIMEOUT_MS: '60000',
      DB_LOCK_TIMEOUT_MS: '30000',
      DB_CONNECT_TIMEOUT_MS: '60000',
    });
    admin = await registerOrganization(t.api);
    traveller = await addMember(t.api, admin, 'traveller');
    colleague = await addMember(t.api, admin, 'traveller', 'Cleo Colleague');
    other = await registerOrganization(t.api);
    trip = await createTrip(t.api, traveller, TOKYO_TRIP);
  });
  afterAll(() => t.close());

  const as = (session: Session) => ({ token: session.accessToken });
  const add = (body: Record<string, unknown>, session: Session = traveller, tripId = trip.id) =>
    t.api.post(`/api/trips/${tripId}/activities`, { type: 'meeting', ...body }, as(session));

  it("creates an activity in the destination's zone and returns its local time", async () => {
    const response = await add({
      title: 'Partner meeting',
      startsAt: '2026-03-10T01:00:00Z',
      endsAt: '2026-03-10T02:30:00Z',
      locationName: 'Marunouchi',
      latitude: 35.681,
      longitude: 139.767,
      notes: 'Bring the deck',
      cost: { amount: '100.00', currency: 'JPY' },
      bookingReference: 'MTG-1',
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      tripId: trip.id,
      title: 'Partner meeting',
      type: 'meeting',
      timezone: 'Asia/Tokyo',
      startsAt: '2026-03-10T10:00:00.000+09:00',
      endsAt: '2026-03-10T11:30:00.000+09:00',
      cost: { amount: '100.00', currency: 'JPY' },
      position: 0,
    });
  });

  it("accepts 23:30 Tokyo time on the trip's last day and refuses 00:30 the next day (400)", async () => {
    expect((await add({ title: 'Late dinner', type: 'meal', startsAt: '2026-03-12T23:30:00+09:00' })).status).toBe(201);
    const tooLate = await add({ title: 'After midnight', type: 'meal', startsAt: '2026-03-13T00:30:00+09:00' });
    expect(tooLate.status).toBe(400);
    expect(tooLate.body.code).toBe('ACTIVITY_OUTSIDE_TRIP');
  });

  it.each([
    [
      'an end before the start',
      { startsAt: '2026-03-10T10:00:00+09:00', endsAt: '2026-03-10T09:00:00+09:00' },
      'ACTIVITY_ENDS_BEFORE_START',
    ],
    ['an unknown type', { type: 'party', startsAt: '2026-03-10T10:00:00+09:00' }, 'VALIDATION_FAILED'],
    ['a time without offset', { startsAt: '2026-03-10T10:00:00' }, 'VALIDATION_FAILED'],
    ['a day before the trip', { startsAt: '2026-03-08T10:00:00+09:00' }, 'ACTIVITY_OUTSIDE_TRIP'],
    ['an unknown time zone', { startsAt: '2026-03-10T10:00:00+09:00', timezone: 'Mars/Base' }, 'VALIDATION_FAILED'],
    ['latitude without longitude', { startsAt: '2026-03-10T10:00:00+09:00', latitude: 35.6 }, 'COORDINATES_INCOMPLETE'],
    [
      'an unknown field',
      { startsAt: '2026-03-10T10:00:00+09:00', organizationId: '00000000-0000-4000-8000-000000000000' },
      'VALIDATION_FAILED',
    ],
  ])('refuses %s with 400', async (_label, body, code) => {
    const refused = await add({ title: 'Invalid', ...body });
    expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 400, code });
  });

  it('lists the itinerary in order with its conflicts: overlap and impossible travel', async () => {
    const own = await createTrip(t.api, traveller, {
      title: 'Conflicts',
      destination: 'Berlin',
      latitude: 52.52,
      longitude: 13.405,
    });
    const meeting = await add(
      {
        title: 'Berlin meeting',
        startsAt: '2026-03-10T09:00:00+01:00',
        endsAt: '2026-03-10T11:00:00+01:00',
        latitude: 52.52,
        longitude: 13.405,
      },
      traveller,
      own.id,
    );
    const call = await add(
      { title: 'Overlapping call', startsAt: '2026-03-10T10:00:00+01:00', endsAt: '2026-03-10T10:30:00+01:00' },
      traveller,
      own.id,
    );
    const nyc = await add(
      {
        title: 'New York lunch',
        startsAt: '2026-03-10T12:00:00+01:00',
        latitude: 40.71,
        longitude: -74.0,
        timezone: 'America/New_York',
      },
      traveller,
      own.id,
    );
    const response = await t.api.get(`/api/trips/${own.id}/activities`, as(traveller));
    expect(response.status).toBe(200);
    expect(response.body.items.map((item: { id: string }) => item.id)).toEqual([
      meeting.body.id,
      call.body.id,
      nyc.body.id,
    ]);
    expect(response.body.items[2].startsAt).toBe('2026-03-10T07:00:00.000-04:00');
    expect(response.body.conflicts).toEqual([
      expect.objectContaining({ type: 'overlap', activityIds: [meeting.body.id, call.body.id] }),
      expect.objectContaining({
        type: 'impossible_travel',
        activityIds: [meeting.body.id, nyc.body.id],
        availableMinutes: 60,
      }),
    ]);
  });

  it('edits and deletes activities, revalidating the result', async () => {
    const created = await add({ title: 'Sightseeing', type: 'sight', startsAt: '2026-03-11T10:00:00+09:00' });
    const edited = await t.api.patch(
      `/api/activities/${created.body.id}`,
      { title: 'Temple visit', endsAt: '2026-03-11T12:00:00+09:00' },
      as(traveller),
    );
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ title: 'Temple visit', endsAt: '2026-03-11T12:00:00.000+09:00' });
    expect(
      (await t.api.patch(`/api/activities/${created.body.id}`, { endsAt: '2026-03-11T09:00:00+09:00' }, as(traveller)))
        .body,
    ).toMatchObject({ statusCode: 400, code: 'ACTIVITY_ENDS_BEFORE_START' });
    expect(
      (
        await t.api.patch(
          `/api/activities/${created.body.id}`,
          { startsAt: '2026-04-01T09:00:00+09:00' },
          as(traveller),
        )
      ).status,
    ).toBe(400);
    expect((await t.api.delete(`/api/activities/${created.body.id}`, as(traveller))).status).toBe(204);
    expect((await t.api.delete(`/api/activities/${created.body.id}`, as(traveller))).status).toBe(404);
  });

  it('keeps timed activities in time order: creation or a new time places them, a contradicting manual order is refused (422)', async () => {
    const own = await createTrip(t.api, traveller, { title: 'Ordering' });
    const at = async (title: string, startsAt: string) =>
      (await add({ title, startsAt }, traveller, own.id)).body.id as string;
    const call = await at('11:00 call', '2026-03-10T11:00:00+01:00');
    const lunch = await at('12:30 lunch', '2026-03-10T12:30:00+01:00');
    const breakfast = await at('08:00 breakfast', '2026-03-10T08:00:00+01:00');
    const ids = async () =>
      (await t.api.get(`/api/trips/${own.id}/activities`, as(traveller))).body.items.map(
        (item: { id: string }) => item.id,
      );
    expect(await ids()).toEqual([breakfast, call, lunch]);

    // Retimed: the breakfast moves to 14:00 and so to the end, without a reorder call.
    expect(
      (await t.api.patch(`/api/activities/${breakfast}`, { startsAt: '2026-03-10T14:00:00+01:00' }, as(traveller)))
        .status,
    ).toBe(200);
    expect(await ids()).toEqual([call, lunch, breakfast]);

    const contradicting = await t.api.put(
      `/api/trips/${own.id}/activities/order`,
      { activityIds: [lunch, call, breakfast] },
      as(traveller),
    );
    expect(contradicting.status).toBe(422);
    expect(contradicting.body.code).toBe('ACTIVITY_ORDER_CONTRADICTS_TIME');
    expect(await ids()).toEqual([call, lunch, breakfast]);

    // Two things at the same time: the manual order decides between them.
    const alsoAtEleven = await at('11:00 second call', '2026-03-10T11:00:00+01:00');
    expect(await ids()).toEqual([call, alsoAtEleven, lunch, breakfast]);
    const swapped = await t.api.put(
      `/api/trips/${own.id}/activities/order`,
      { activityIds: [alsoAtEleven, call, lunch, breakfast] },
      as(traveller),
    );
    expect(swapped.status).toBe(200);
    expect(swapped.body.items.map((item: { id: string }) => item.id)).toEqual([alsoAtEleven, call, lunch, breakfast]);
    expect(
      (await t.api.put(`/api/trips/${own.id}/activities/order`, { activityIds: [call, lunch] }, as(traveller))).body,
    ).toMatchObject({ statusCode: 400, code: 'ACTIVITY_ORDER_INCOMPLETE' });
    expect(
      (await t.api.put(`/api/trips/${own.id}/activities/order`, { activityIds: [call, call, lunch] }, as(traveller)))
        .status,
    ).toBe(400);
  });

  it('refuses an edit of a stale version with 409 ACTIVITY_VERSION_STALE, so one tab cannot silently undo another', async () => {
    const created = await add({ title: 'Workshop', startsAt: '2026-03-11T10:00:00+09:00' });
    const { id, version } = created.body as { id: string; version: number };
    expect(version).toBe(1);
    // Tab B renames; tab A, still on version 1, changes the end time.
    const renamed = await t.api.patch(`/api/activities/${id}`, { title: 'Customer workshop', version }, as(traveller));
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ title: 'Customer workshop', version: 2 });
    const stale = await t.api.patch(
      `/api/activities/${id}`,
      { endsAt: '2026-03-11T12:00:00+09:00', version },
      as(traveller),
    );
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ statusCode: 409, code: 'ACTIVITY_VERSION_STALE' });
    expect(stale.body.message).toMatch(/you edited version 1, it is now version 2/);
    const afterStale = (await t.api.get(`/api/trips/${trip.id}/activities`, as(traveller))).body.items.find(
      (item: { id: string }) => item.id === id,
    );
    expect(afterStale).toMatchObject({ title: 'Customer workshop', endsAt: null, version: 2 });

    // The current version (in the body or as If-Match) goes through; a stale If-Match does not.
    const header = (v: number) => ({ ...as(traveller), headers: { 'if-match': `"${v}"` } });
    expect(
      (await t.api.patch(`/api/activities/${id}`, { endsAt: '2026-03-11T12:00:00+09:00' }, header(1))).body,
    ).toMatchObject({ statusCode: 409, code: 'ACTIVITY_VERSION_STALE' });
    const current = await t.api.patch(`/api/activities/${id}`, { endsAt: '2026-03-11T12:00:00+09:00' }, header(2));
    expect(current.status).toBe(200);
    expect(current.body).toMatchObject({
      title: 'Customer workshop',
      endsAt: '2026-03-11T12:00:00.000+09:00',
      version: 3,
    });

    // Deleted in another tab: the save says so (404), not a conflict.
    expect((await t.api.delete(`/api/activities/${id}`, as(traveller))).status).toBe(204);
    const gone = await t.api.patch(`/api/activities/${id}`, { title: 'Too late', version: 3 }, as(traveller));
    expect(gone.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND', message: 'Activity not found' });
  });

  it('rewrites positions to the itinerary order when activities are created, retimed or deleted', async () => {
    const own = await createTrip(t.api, traveller, { title: 'Positions' });
    const at = async (title: string, startsAt: string) =>
      (await add({ title, startsAt }, traveller, own.id)).body as { id: string; position: number };
    const listed = async () =>
      (await t.api.get(`/api/trips/${own.id}/activities`, as(traveller))).body.items.map(
        (item: { id: string; position: number }) => [item.id, item.position],
      );
    const lunch = await at('12:30 lunch', '2026-03-10T12:30:00+01:00');
    const call = await at('11:00 call', '2026-03-10T11:00:00+01:00');
    const breakfast = await at('08:00 breakfast', '2026-03-10T08:00:00+01:00');
    // Created last but earliest: the response already says it comes first.
    expect(breakfast.position).toBe(0);
    expect(await listed()).toEqual([
      [breakfast.id, 0],
      [call.id, 1],
      [lunch.id, 2],
    ]);

    // Retimed to lunch's instant: after lunch, which was there first.
    const retimed = await t.api.patch(
      `/api/activities/${call.id}`,
      { startsAt: '2026-03-10T12:30:00+01:00' },
      as(traveller),
    );
    expect(retimed.body.position).toBe(2);
    expect(await listed()).toEqual([
      [breakfast.id, 0],
      [lunch.id, 1],
      [call.id, 2],
    ]);
    // An edit that keeps the time keeps the place.
    expect(
      (await t.api.patch(`/api/activities/${lunch.id}`, { title: 'Team lunch' }, as(traveller))).body.position,
    ).toBe(1);

    // The manual order still ranks the two at 12:30, and survives a later creation.
    expect(
      (
        await t.api.put(
          `/api/trips/${own.id}/activities/order`,
          { activityIds: [breakfast.id, call.id, lunch.id] },
          as(traveller),
        )
      ).status,
    ).toBe(200);
    const dinner = await at('19:00 dinner', '2026-03-10T19:00:00+01:00');
    expect(await listed()).toEqual([
      [breakfast.id, 0],
      [call.id, 1],
      [lunch.id, 2],
      [dinner.id, 3],
    ]);

    expect((await t.api.delete(`/api/activities/${breakfast.id}`, as(traveller))).status).toBe(204);
    expect(await listed()).toEqual([
      [call.id, 0],
      [lunch.id, 1],
      [dinner.id, 2],
    ]);
  });

  it('ends a flight in its arrival zone: shown there, and the date rule reads the end there', async () => {
    const own = await createTrip(t.api, traveller, {
      title: 'Newark visit',
      startDate: '2026-03-09',
      endDate: '2026-03-12',
    });
    // Frankfurt 20:00 → Newark 23:30 the same evening (04:30 on the 13th in Frankfurt).
    const flight = {
      title: 'LH 402 FRA→EWR',
      type: 'flight',
      startsAt: '2026-03-12T20:00:00+01:00',
      endsAt: '2026-03-13T04:30:00+01:00',
      timezone: 'Europe/Berlin',
    };
    const inDepartureZone = await add(flight, traveller, own.id);
    expect(inDepartureZone.status).toBe(400);
    expect(inDepartureZone.body.code).toBe('ACTIVITY_OUTSIDE_TRIP');

    const created = await add({ ...flight, endTimezone: 'America/New_York' }, traveller, own.id);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      timezone: 'Europe/Berlin',
      endTimezone: 'America/New_York',
      startsAt: '2026-03-12T20:00:00.000+01:00',
      endsAt: '2026-03-12T23:30:00.000-04:00',
    });
    const ics = await t.api.get(`/api/trips/${own.id}/calendar.ics`, as(traveller));
    expect(ics.text).toContain('DTSTART;TZID=Europe/Berlin:20260312T200000');
    expect(ics.text).toContain('DTEND;TZID=America/New_York:20260312T233000');

    expect((await add({ ...flight, endTimezone: 'Mars/Base' }, traveller, own.id)).status).toBe(400);
    const cleared = await t.api.patch(`/api/activities/${created.body.id}`, { endTimezone: null }, as(traveller));
    expect(cleared.status).toBe(400);
  });

  it('keeps costs within the trip budget under 200 concurrent creations (R17)', async () => {
    const own = await createTrip(t.api, traveller, {
      title: 'Budgeted',
      budget: { amount: '1000.00', currency: 'EUR' },
    });
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        add(
          {
            title: `Expense ${i}`,
            type: 'other',
            startsAt: '2026-03-10T10:00:00+01:00',
            cost: { amount: '10.00', currency: 'EUR' },
          },
          traveller,
          own.id,
        ),
      ),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(100);
    expect(statuses.filter((status) => status === 422)).toHaveLength(100);
    expect(
      new Set(responses.filter((response) => response.status === 422).map((response) => response.body.code)),
    ).toEqual(new Set(['BUDGET_EXCEEDED']));
    const { rows } = await t.sql.query(
      "SELECT sum(cost_amount)::text AS total FROM activities WHERE trip_id = $1 AND cost_currency = 'EUR'",
      [own.id],
    );
    expect(Number(rows[0].total)).toBe(1000);
    // A full budget is full in every currency (issue 7 §5).
    expect(
      (
        await add(
          {
            title: 'Other currency',
            type: 'meal',
            startsAt: '2026-03-10T10:00:00+01:00',
            cost: { amount: '0.02', currency: 'USD' },
          },
          traveller,
          own.id,
        )
      ).body,
    ).toMatchObject({ statusCode: 422, code: 'BUDGET_EXCEEDED' });
  });

  it('freezes the itinerary of a cancelled trip (409)', async () => {
    const own = await createTrip(t.api, traveller, { title: 'Cancelled' });
    const activity = await add({ title: 'Planned', startsAt: '2026-03-10T10:00:00+01:00' }, traveller, own.id);
    await t.api.post(`/api/trips/${own.id}/cancel`, {}, as(traveller));
    expect(
      (await add({ title: 'Too late', startsAt: '2026-03-10T12:00:00+01:00' }, traveller, own.id)).body,
    ).toMatchObject({ statusCode: 409, code: 'ITINERARY_CLOSED' });
    expect(
      (await t.api.patch(`/api/activities/${activity.body.id}`, { title: 'Renamed' }, as(traveller))).body,
    ).toMatchObject({ statusCode: 409, code: 'ITINERARY_CLOSED' });
  });

  it("keeps a colleague's itinerary out of reach (404)", async () => {
    const activity = await add({ title: 'Private', startsAt: '2026-03-10T10:00:00+09:00' });
    expect((await t.api.get(`/api/trips/${trip.id}/activities`, as(colleague))).status).toBe(404);
    expect(
      (await t.api.patch(`/api/activities/${activity.body.id}`, { title: 'Mine now' }, as(colleague))).status,
    ).toBe(404);
    expect((await t.api.delete(`/api/activities/${activity.body.id}`, as(colleague))).status).toBe(404);
    expect((await t.api.get(`/api/trips/${trip.id}/activities`, as(admin))).status).toBe(200);
  });

  it('gives another organization 404 on every activity route, leaving the row unchanged (S1)', async () => {
    const activity = await add({ title: 'Confidential', startsAt: '2026-03-10T10:00:00+09:00' });
    const before = (await t.sql.query('SELECT * FROM activities WHERE id = $1', [activity.body.id])).rows[0];
    for (const response of [
      await t.api.get(`/api/trips/${trip.id}/activities`, as(other)),
      await t.api.patch(`/api/activities/${activity.body.id}`, { title: 'Hijacked' }, as(other)),
      await t.api.delete(`/api/activities/${activity.body.id}`, as(other)),
      await add({ title: 'Injected', startsAt: '2026-03-10T10:00:00+09:00' }, other),
    ]) {
      expect(response.status).toBe(404);
      expect(response.text).not.toContain('Confidential');
    }
    expect((await t.sql.query('SELECT * FROM activities WHERE id = $1', [activity.body.id])).rows[0]).toEqual(before);
  });
});
