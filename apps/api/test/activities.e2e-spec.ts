import { addMember, createTrip, registerOrganization, Session } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

const TOKYO_TRIP = { title: 'Tokyo summit', destination: 'Tokyo', startDate: '2026-03-09', endDate: '2026-03-12', latitude: 35.68, longitude: 139.69, budget: { amount: '1000.00', currency: 'JPY' } };

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
    t = await startTestApp({ DB_STATEMENT_TIMEOUT_MS: '60000', DB_LOCK_TIMEOUT_MS: '30000', DB_CONNECT_TIMEOUT_MS: '60000' });
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
    expect(tooLate.body.message).toMatch(/within the trip's dates/);
  });

  it.each([
    ['an end before the start', { startsAt: '2026-03-10T10:00:00+09:00', endsAt: '2026-03-10T09:00:00+09:00' }],
    ['an unknown type', { type: 'party', startsAt: '2026-03-10T10:00:00+09:00' }],
    ['a time without offset', { startsAt: '2026-03-10T10:00:00' }],
    ['a day before the trip', { startsAt: '2026-03-08T10:00:00+09:00' }],
    ['an unknown time zone', { startsAt: '2026-03-10T10:00:00+09:00', timezone: 'Mars/Base' }],
    ['latitude without longitude', { startsAt: '2026-03-10T10:00:00+09:00', latitude: 35.6 }],
    ['an unknown field', { startsAt: '2026-03-10T10:00:00+09:00', organizationId: '00000000-0000-4000-8000-000000000000' }],
  ])('refuses %s with 400', async (_label, body) => {
    expect((await add({ title: 'Invalid', ...body })).status).toBe(400);
  });

  it('lists the itinerary in order with its conflicts: overlap and impossible travel', async () => {
    const own = await createTrip(t.api, traveller, { title: 'Conflicts', destination: 'Berlin', latitude: 52.52, longitude: 13.405 });
    const meeting = await add({ title: 'Berlin meeting', startsAt: '2026-03-10T09:00:00+01:00', endsAt: '2026-03-10T11:00:00+01:00', latitude: 52.52, longitude: 13.405 }, traveller, own.id);
    const call = await add({ title: 'Overlapping call', startsAt: '2026-03-10T10:00:00+01:00', endsAt: '2026-03-10T10:30:00+01:00' }, traveller, own.id);
    const nyc = await add({ title: 'New York lunch', startsAt: '2026-03-10T12:00:00+01:00', latitude: 40.71, longitude: -74.0, timezone: 'America/New_York' }, traveller, own.id);
    const response = await t.api.get(`/api/trips/${own.id}/activities`, as(traveller));
    expect(response.status).toBe(200);
    expect(response.body.items.map((item: { id: string }) => item.id)).toEqual([meeting.body.id, call.body.id, nyc.body.id]);
    expect(response.body.items[2].startsAt).toBe('2026-03-10T07:00:00.000-04:00');
    expect(response.body.conflicts).toEqual([
      expect.objectContaining({ type: 'overlap', activityIds: [meeting.body.id, call.body.id] }),
      expect.objectContaining({ type: 'impossible_travel', activityIds: [meeting.body.id, nyc.body.id], availableMinutes: 60 }),
    ]);
  });

  it('edits and deletes activities, revalidating the result', async () => {
    const created = await add({ title: 'Sightseeing', type: 'sight', startsAt: '2026-03-11T10:00:00+09:00' });
    const edited = await t.api.patch(`/api/activities/${created.body.id}`, { title: 'Temple visit', endsAt: '2026-03-11T12:00:00+09:00' }, as(traveller));
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ title: 'Temple visit', endsAt: '2026-03-11T12:00:00.000+09:00' });
    expect((await t.api.patch(`/api/activities/${created.body.id}`, { endsAt: '2026-03-11T09:00:00+09:00' }, as(traveller))).status).toBe(400);
    expect((await t.api.patch(`/api/activities/${created.body.id}`, { startsAt: '2026-04-01T09:00:00+09:00' }, as(traveller))).status).toBe(400);
    expect((await t.api.delete(`/api/activities/${created.body.id}`, as(traveller))).status).toBe(204);
    expect((await t.api.delete(`/api/activities/${created.body.id}`, as(traveller))).status).toBe(404);
  });

  it('reorders the itinerary manually, refusing a list that is not the trip\'s exact set', async () => {
    const own = await createTrip(t.api, traveller, { title: 'Ordering' });
    const ids: string[] = [];
    for (const hour of ['09', '11', '13']) ids.push((await add({ title: `At ${hour}`, startsAt: `2026-03-10T${hour}:00:00+01:00` }, traveller, own.id)).body.id);
    const reordered = await t.api.put(`/api/trips/${own.id}/activities/order`, { activityIds: [ids[2], ids[0], ids[1]] }, as(traveller));
    expect(reordered.status).toBe(200);
    expect(reordered.body.items.map((item: { id: string }) => item.id)).toEqual([ids[2], ids[0], ids[1]]);
    expect(reordered.body.items.map((item: { position: number }) => item.position)).toEqual([0, 1, 2]);
    expect((await t.api.put(`/api/trips/${own.id}/activities/order`, { activityIds: [ids[0], ids[1]] }, as(traveller))).status).toBe(400);
    expect((await t.api.put(`/api/trips/${own.id}/activities/order`, { activityIds: [ids[0], ids[0], ids[1]] }, as(traveller))).status).toBe(400);
  });

  it('keeps costs within the trip budget under 200 concurrent creations (R17)', async () => {
    const own = await createTrip(t.api, traveller, { title: 'Budgeted', budget: { amount: '1000.00', currency: 'EUR' } });
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) => add({ title: `Expense ${i}`, type: 'other', startsAt: '2026-03-10T10:00:00+01:00', cost: { amount: '10.00', currency: 'EUR' } }, traveller, own.id)),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(100);
    expect(statuses.filter((status) => status === 422)).toHaveLength(100);
    const { rows } = await t.sql.query("SELECT sum(cost_amount)::text AS total FROM activities WHERE trip_id = $1 AND cost_currency = 'EUR'", [own.id]);
    expect(Number(rows[0].total)).toBe(1000);
    // A full budget is full in every currency (issue 7 §5).
    expect((await add({ title: 'Other currency', type: 'meal', startsAt: '2026-03-10T10:00:00+01:00', cost: { amount: '0.02', currency: 'USD' } }, traveller, own.id)).status).toBe(422);
  });

  it('freezes the itinerary of a cancelled trip (409)', async () => {
    const own = await createTrip(t.api, traveller, { title: 'Cancelled' });
    const activity = await add({ title: 'Planned', startsAt: '2026-03-10T10:00:00+01:00' }, traveller, own.id);
    await t.api.post(`/api/trips/${own.id}/cancel`, {}, as(traveller));
    expect((await add({ title: 'Too late', startsAt: '2026-03-10T12:00:00+01:00' }, traveller, own.id)).status).toBe(409);
    expect((await t.api.patch(`/api/activities/${activity.body.id}`, { title: 'Renamed' }, as(traveller))).status).toBe(409);
  });

  it("keeps a colleague's itinerary out of reach (404)", async () => {
    const activity = await add({ title: 'Private', startsAt: '2026-03-10T10:00:00+09:00' });
    expect((await t.api.get(`/api/trips/${trip.id}/activities`, as(colleague))).status).toBe(404);
    expect((await t.api.patch(`/api/activities/${activity.body.id}`, { title: 'Mine now' }, as(colleague))).status).toBe(404);
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
