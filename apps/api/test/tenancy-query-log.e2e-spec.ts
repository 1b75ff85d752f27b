import { Client } from 'pg';
import { BookingReconciler } from '../src/booking/booking-reconciler';
import { PRE_AUTH } from '../src/common/tenancy/pre-auth';
import { addMember, createTrip, registerOrganization, STRONG_PASSWORD } from './support/factories';
import { inDays, PASSENGER_PROFILE } from './support/flight-fixtures';
import { drainOutbox } from './support/outbox';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Tenancy is enforced, not only conventional (docs/access.md): every SQL statement the API sends
 * while the main flows run is recorded, and any SELECT, UPDATE or DELETE touching a table of
 * organization-owned rows must name organization_id — unless it carries the pre-auth mark that
 * only the named `PreAuth…` classes (and the refresh-token store) put on their look-ups.
 */

/**
 * The outbox is delivered by a background worker for every organization at once (it runs no
 * caller's request); its handlers then act as the event's actor, through the scoped repositories.
 */
const SYSTEM_TABLES = new Set(['outbox_messages']);

describe('Tenancy in the SQL the API sends', () => {
  let t: TestApp;
  let ownedTables: Set<string>;
  const statements: string[] = [];
  const originalQuery = Client.prototype.query;

  beforeAll(async () => {
    t = await startTestApp();
    const { rows } = await t.sql.query<{ table_name: string }>(
      "SELECT DISTINCT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'organization_id'",
    );
    ownedTables = new Set(rows.map((row) => row.table_name).filter((table) => !SYSTEM_TABLES.has(table)));
    // Every pooled connection of the app is a pg Client; the test's own `t.sql` is left out by identity.
    const direct = t.sql;
    Client.prototype.query = function (this: Client, ...args: unknown[]) {
      const [config] = args as [string | { text?: string }];
      if (this !== direct) statements.push(typeof config === 'string' ? config : (config?.text ?? ''));
      return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof Client.prototype.query;
  });
  afterAll(async () => {
    Client.prototype.query = originalQuery;
    await t.close();
  });

  /**
   * The organization-owned tables a statement reads or changes, when its conditions (everything
   * from the first FROM or WHERE on: a selected organization_id column scopes nothing) do not
   * name organization_id.
   */
  function unscoped(sql: string): string[] {
    if (sql.includes(PRE_AUTH) || !/^\s*(\/\*.*?\*\/\s*)?(select|update|delete|with)\b/is.test(sql)) return [];
    const conditions = sql.slice(Math.max(0, sql.search(/\b(from|where)\b/i)));
    if (/organization_id/i.test(conditions)) return [];
    const tables = [...sql.matchAll(/\b(?:from|join|update)\s+"?(\w+)"?/gi)].map((match) => match[1]);
    return tables.filter((table) => ownedTables.has(table));
  }

  it('knows the organization-owned tables', () => {
    expect([...ownedTables]).toEqual(
      expect.arrayContaining([
        'trips',
        'activities',
        'users',
        'invitations',
        'audit_events',
        'exchange_rates',
        'travel_policies',
      ]),
    );
  });

  it('sends no unscoped statement on organization-owned rows through the main flows', async () => {
    const as = (token: string) => ({ token });
    const admin = await registerOrganization(t.api);
    const stranger = await registerOrganization(t.api);
    const login = await t.api.post('/api/auth/login', { email: admin.user.email, password: STRONG_PASSWORD });
    expect(login.status).toBe(200);
    expect((await t.api.post('/api/auth/refresh', { refreshToken: login.body.refreshToken })).status).toBe(200);
    const adminToken = admin.accessToken;
    expect((await t.api.get('/api/auth/me', as(adminToken))).status).toBe(200);

    // Members and invitations (peek and accept run before the invitee has an account).
    const invited = await t.api.post(
      '/api/organizations/current/invitations',
      { email: `peek-${Date.now()}@example.com`, role: 'traveller' },
      as(adminToken),
    );
    const inviteToken = new URL(invited.body.inviteUrl).pathname.split('/').pop();
    expect((await t.api.post('/api/invitations/peek', { token: inviteToken })).status).toBe(200);
    const manager = await addMember(t.api, admin, 'manager', 'Mia Manager');
    const traveller = await addMember(t.api, admin, 'traveller', 'Tom Traveller');
    expect((await t.api.get('/api/organizations/current/members', as(adminToken))).status).toBe(200);
    expect(
      (
        await t.api.patch(
          `/api/organizations/current/members/${traveller.user.id}`,
          { role: 'traveller' },
          as(adminToken),
        )
      ).status,
    ).toBeLessThan(300);
    expect((await t.api.get('/api/organizations/current/invitations', as(adminToken))).status).toBe(200);
    expect(
      (await t.api.delete(`/api/organizations/current/invitations/${invited.body.id}`, as(adminToken))).status,
    ).toBeLessThan(300);

    // Trips through their lifecycle, with an itinerary.
    const dates = { startDate: '2027-05-10', endDate: '2027-05-14' };
    const trip = await createTrip(t.api, traveller, { ...dates, budget: undefined });
    const token = traveller.accessToken;
    expect((await t.api.get('/api/trips?q=Sales&sort=title', as(token))).status).toBe(200);
    expect(
      (await t.api.patch(`/api/trips/${trip.id}`, { purpose: 'Changed', version: trip.version }, as(token))).status,
    ).toBe(200);
    const first = await t.api.post(
      `/api/trips/${trip.id}/activities`,
      { title: 'Flight', type: 'flight', startsAt: '2027-05-10T09:00:00+02:00' },
      as(token),
    );
    const second = await t.api.post(
      `/api/trips/${trip.id}/activities`,
      {
        title: 'Lunch',
        type: 'meal',
        startsAt: '2027-05-10T09:00:00+02:00',
        cost: { amount: '30.00', currency: 'EUR' },
      },
      as(token),
    );
    expect(
      (
        await t.api.put(
          `/api/trips/${trip.id}/activities/order`,
          { activityIds: [second.body.id, first.body.id] },
          as(token),
        )
      ).status,
    ).toBe(200);
    expect((await t.api.patch(`/api/activities/${first.body.id}`, { title: 'Flight LH123' }, as(token))).status).toBe(
      200,
    );
    expect((await t.api.get(`/api/trips/${trip.id}/activities`, as(token))).status).toBe(200);
    expect((await t.api.post(`/api/trips/${trip.id}/submit`, {}, as(token))).status).toBe(200);
    expect((await t.api.get('/api/trips?status=submitted', as(manager.accessToken))).status).toBe(200);
    expect(
      (await t.api.post(`/api/trips/${trip.id}/approve`, { reason: 'Fine' }, as(manager.accessToken))).status,
    ).toBe(200);
    expect((await t.api.get(`/api/trips/${trip.id}`, as(token))).status).toBe(200);
    expect((await t.api.delete(`/api/activities/${first.body.id}`, as(token))).status).toBe(204);
    expect((await t.api.post(`/api/trips/${trip.id}/complete`, {}, as(token))).status).toBe(200);
    const rejected = await createTrip(t.api, traveller, dates);
    await t.api.post(`/api/trips/${rejected.id}/submit`, {}, as(token));
    expect((await t.api.post(`/api/trips/${rejected.id}/reject`, { reason: 'No' }, as(adminToken))).status).toBe(200);
    expect((await t.api.post(`/api/trips/${rejected.id}/revise`, {}, as(token))).status).toBe(200);
    expect((await t.api.post(`/api/trips/${rejected.id}/cancel`, {}, as(token))).status).toBe(200);
    expect((await t.api.delete(`/api/trips/${rejected.id}`, as(token))).status).toBe(204);
    // Another organization's objects are not found.
    expect((await t.api.get(`/api/trips/${trip.id}`, as(stranger.accessToken))).status).toBe(404);

    // Flight search (sandbox supplier): a search, its offers sorted and filtered, another organization's 404.
    const flights = await createTrip(t.api, traveller, { ...dates, budget: undefined });
    const departureDate = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    const flightSearch = await t.api.post(
      `/api/trips/${flights.id}/flight-searches`,
      { slices: [{ origin: 'FRA', destination: 'JFK', departureDate }] },
      as(token),
    );
    expect(flightSearch.status).toBe(201);
    const searchPath = `/api/flight-searches/${flightSearch.body.search.id}`;
    expect(
      (await t.api.get(`${searchPath}?sort=duration&maxStops=1&airline=LH&inPolicyOnly=true`, as(token))).status,
    ).toBe(200);
    expect((await t.api.get(searchPath, as(stranger.accessToken))).status).toBe(404);

    // Flight booking (sandbox): booked, read, listed, quoted and cancelled; a reconciler pass; another organization's 404.
    expect((await t.api.put('/api/users/me/passenger-profile', PASSENGER_PROFILE, as(token))).status).toBe(200);
    const bookingTrip = await createTrip(t.api, traveller, { ...dates, budget: undefined });
    const bookingSearch = await t.api.post(
      `/api/trips/${bookingTrip.id}/flight-searches`,
      { slices: [{ origin: 'FRA', destination: 'LHR', departureDate: inDays(50) }] },
      as(token),
    );
    const booked = await t.api.post(
      `/api/trips/${bookingTrip.id}/bookings`,
      { offerId: bookingSearch.body.items[0].id },
      { token, headers: { 'idempotency-key': 'tenancy-query-log' } },
    );
    expect(booked.status).toBe(201);
    expect((await t.api.get(`/api/bookings/${booked.body.id}`, as(token))).status).toBe(200);
    expect((await t.api.get(`/api/trips/${bookingTrip.id}/bookings`, as(token))).status).toBe(200);
    expect((await t.api.get('/api/bookings?status=confirmed', as(adminToken))).status).toBe(200);
    expect((await t.api.post(`/api/bookings/${booked.body.id}/cancellation-quote`, {}, as(token))).status).toBe(200);
    expect((await t.api.post(`/api/bookings/${booked.body.id}/cancel`, {}, as(token))).status).toBe(200);
    expect((await t.api.get(`/api/bookings/${booked.body.id}`, as(stranger.accessToken))).status).toBe(404);
    await t.app.get(BookingReconciler).reconcile(new Date(Date.now() + 86_400_000));

    // Stays (sandbox): a search, its rates paged, a stay booked, quoted and cancelled; another organization's 404.
    const staySearch = await t.api.post(
      `/api/trips/${bookingTrip.id}/stay-searches`,
      { checkInDate: inDays(50), checkOutDate: inDays(52) },
      as(token),
    );
    expect(staySearch.status).toBe(201);
    const stayPath = `/api/stay-searches/${staySearch.body.search.id}`;
    expect((await t.api.get(`${stayPath}?sort=stars&minStars=2&inPolicyOnly=true`, as(token))).status).toBe(200);
    expect((await t.api.get(stayPath, as(stranger.accessToken))).status).toBe(404);
    const stay = await t.api.post(
      `/api/trips/${bookingTrip.id}/bookings`,
      { stayRateId: staySearch.body.items[0].id },
      { token, headers: { 'idempotency-key': 'tenancy-query-log-stay' } },
    );
    expect(stay.status).toBe(201);
    expect((await t.api.post(`/api/bookings/${stay.body.id}/cancellation-quote`, {}, as(token))).status).toBe(200);
    expect((await t.api.post(`/api/bookings/${stay.body.id}/cancel`, {}, as(token))).status).toBe(200);

    // Calendars: the export, both feeds, and a feed polled by its secret address (no session).
    expect((await t.api.get(`/api/trips/${trip.id}/calendar.ics`, as(token))).status).toBe(200);
    const feed = await t.api.get('/api/calendar/feed', as(token));
    expect((await t.api.get(new URL(feed.body.url).pathname)).status).toBe(200);
    const tripFeed = await t.api.post(`/api/trips/${trip.id}/calendar/feed/reset`, {}, as(token));
    expect((await t.api.get(new URL(tripFeed.body.url).pathname)).status).toBe(200);
    expect((await t.api.delete(`/api/trips/${trip.id}/calendar/feed`, as(token))).status).toBe(204);

    // Organization settings, rates, policy, audit and outbox.
    expect((await t.api.patch('/api/organizations/current', { name: 'Renamed' }, as(adminToken))).status).toBe(200);
    expect(
      (
        await t.api.put(
          '/api/exchange-rates',
          { rates: [{ currency: 'USD', rate: '1.1', date: '2027-01-01', source: 'manual' }] },
          as(adminToken),
        )
      ).status,
    ).toBe(200);
    expect((await t.api.get('/api/exchange-rates', as(token))).status).toBe(200);
    const {
      updatedAt: _updatedAt,
      outOfPolicyRequiresApproval: _deprecated,
      ...policy
    } = (await t.api.get('/api/organizations/current/policy', as(adminToken))).body;
    expect(
      (await t.api.put('/api/organizations/current/policy', { ...policy, minAdvanceBookingDays: 3 }, as(adminToken)))
        .status,
    ).toBe(200);
    await drainOutbox(t);
    expect((await t.api.get('/api/audit?limit=50', as(adminToken))).status).toBe(200);
    expect((await t.api.get('/api/audit/export.csv', as(adminToken))).status).toBe(200);
    // Spend reports, with every filter (the SQL differs with each), and the CSV read through a cursor.
    const reportQuery = `costCentre=none&supplier=sandbox&travellerId=${traveller.user.id}`;
    expect((await t.api.get(`/api/reports/spend?${reportQuery}`, as(adminToken))).status).toBe(200);
    expect((await t.api.get(`/api/reports/spend.csv?${reportQuery}`, as(adminToken))).status).toBe(200);
    expect((await t.api.get('/api/organizations/current/outbox', as(adminToken))).status).toBe(200);

    // Accounts: password change, reset (request and a refused confirmation), logout.
    expect(
      (
        await t.api.post(
          '/api/auth/password',
          { currentPassword: STRONG_PASSWORD, newPassword: 'indigo bicycle lantern 77' },
          as(manager.accessToken),
        )
      ).status,
    ).toBeLessThan(300);
    expect((await t.api.post('/api/auth/password-reset/request', { email: traveller.user.email })).status).toBe(202);
    expect(
      (
        await t.api.post('/api/auth/password-reset/confirm', {
          token: 'x'.repeat(43),
          password: 'indigo bicycle lantern 77',
        })
      ).status,
    ).toBe(400);
    expect(
      (await t.api.post('/api/auth/logout', { refreshToken: login.body.refreshToken }, as(login.body.accessToken)))
        .status,
    ).toBeLessThan(300);
    expect((await t.api.post('/api/auth/logout-all', {}, as(token))).status).toBeLessThan(300);

    expect(statements.length).toBeGreaterThan(100);
    const offenders = statements
      .filter((sql) => unscoped(sql).length > 0)
      .map((sql) => sql.replace(/\s+/g, ' ').slice(0, 300));
    expect([...new Set(offenders)]).toEqual([]);
  });

  it('would catch an unscoped statement (the check itself can fail)', () => {
    expect(unscoped('SELECT "trip"."id" FROM "trips" "trip" WHERE "trip"."id" = $1')).toEqual(['trips']);
    expect(unscoped('UPDATE "users" SET "token_version" = token_version + 1 WHERE "id" = $1')).toEqual(['users']);
    expect(unscoped(`/* ${PRE_AUTH} */ SELECT u.id FROM users u WHERE u.id = $1`)).toEqual([]);
    expect(unscoped('SELECT * FROM "trips" "trip" WHERE "trip"."organization_id" = $1')).toEqual([]);
    expect(unscoped('SELECT u.id, u.organization_id FROM users u WHERE u.id = $1')).toEqual(['users']);
  });
});
