import { randomUUID } from 'node:crypto';
import { BookingOrders } from '../src/booking/booking-orders';
import { BookingReconciler } from '../src/booking/booking-reconciler';
import { addMember, createTrip, registerOrganization, Session } from './support/factories';
import { inDays, OPEN_POLICY, PASSENGER_PROFILE } from './support/flight-fixtures';
import { drainOutbox } from './support/outbox';
import { startTestApp, TestApp } from './support/test-app';

interface Rate {
  id: string;
  totalAmount: { amount: string; currency: string };
  nightlyRate: { amount: string; currency: string };
  property: { name: string; address: { cityName: string }; latitude: number; longitude: number; stars: number };
  cancellation: { refundable: boolean; timeline: Array<{ before: string; refund: { amount: string } }> };
  policy: { verdict: string; reasons: Array<{ rule: string; limit: string; actual: string }> };
}

/** Issue 11 § Stays: stay search with policy verdicts, and stays booked through the one booking flow (sandbox supplier). */
describe('Stays', () => {
  let t: TestApp;
  let admin: Session;
  let manager: Session;
  let traveller: Session;
  let stranger: Session;

  const as = (session: Session, key?: string) => ({
    token: session.accessToken,
    headers: key !== undefined ? { 'idempotency-key': key } : undefined,
  });
  const setPolicy = async (changes: Record<string, unknown> = {}) => {
    const response = await t.api.put('/api/organizations/current/policy', { ...OPEN_POLICY, ...changes }, as(admin));
    if (response.status !== 200) throw new Error(`policy: ${response.status} ${response.text}`);
  };
  /** An approved trip of the traveller to Berlin (the factory's coordinates) and a 3-night search around it. */
  const approvedTripWithRates = async (
    query = '?limit=100',
  ): Promise<{ trip: { id: string }; rates: Rate[]; searchId: string }> => {
    const trip = await createTrip(t.api, traveller, {
      startDate: inDays(30),
      endDate: inDays(34),
      budget: undefined,
      timezone: 'Europe/Berlin',
    });
    expect((await t.api.post(`/api/trips/${trip.id}/submit`, {}, as(traveller))).status).toBe(200);
    expect((await t.api.post(`/api/trips/${trip.id}/approve`, {}, as(manager))).status).toBe(200);
    const search = await t.api.post(
      `/api/trips/${trip.id}/stay-searches${query}`,
      { checkInDate: inDays(30), checkOutDate: inDays(33) },
      as(traveller),
    );
    expect(search.status).toBe(201);
    return { trip, rates: search.body.items, searchId: search.body.search.id };
  };
  const book = (session: Session, tripId: string, body: Record<string, unknown>, key = randomUUID()) =>
    t.api.post(`/api/trips/${tripId}/bookings`, body, as(session, key));
  const sandboxBookings = async (bookingId: string) =>
    (await t.sql.query('SELECT count(*)::int AS n FROM sandbox_stay_bookings WHERE booking_id = $1', [bookingId]))
      .rows[0].n as number;

  beforeAll(async () => {
    t = await startTestApp({ BOOKING_RECONCILE_INTERVAL_MS: '0' });
    admin = await registerOrganization(t.api);
    manager = await addMember(t.api, admin, 'manager', 'Mia Manager');
    traveller = await addMember(t.api, admin, 'traveller', 'Tom Traveller');
    stranger = await registerOrganization(t.api);
    await setPolicy();
    expect((await t.api.put('/api/users/me/passenger-profile', PASSENGER_PROFILE, as(traveller))).status).toBe(200);
  });
  afterAll(() => t.close());

  describe('search', () => {
    it("finds sandbox hotels around the trip's destination, each rate judged: a city cap applies in its city", async () => {
      await setPolicy({
        maxHotelNightlyRate: '1000.00',
        cityNightlyCaps: [{ city: 'berlin', countryCode: 'DE', maxNightlyRate: '90.00' }],
      });
      const { rates, searchId } = await approvedTripWithRates();
      expect(rates.length).toBeGreaterThan(3);
      for (const rate of rates) {
        expect(rate.property.address.cityName).toBe('Berlin');
        const over = Number(rate.nightlyRate.amount) > 90;
        expect(rate.policy.verdict).toBe(over ? 'needs_approval' : 'in_policy');
        if (over)
          expect(rate.policy.reasons).toEqual([
            expect.objectContaining({ rule: 'stay_nightly_rate', limit: '90.00', actual: rate.nightlyRate.amount }),
          ]);
      }
      // Cheapest first; one night of one room is the total over 3 nights.
      const totals = rates.map((rate) => Number(rate.totalAmount.amount));
      expect(totals).toEqual([...totals].sort((a, b) => a - b));
      expect(Number(rates[0].nightlyRate.amount)).toBeCloseTo(Number(rates[0].totalAmount.amount) / 3, 1);
      expect(JSON.stringify(rates)).not.toMatch(/sbx_rat_|supplierRateId/);

      const page = await t.api.get(
        `/api/stay-searches/${searchId}?inPolicyOnly=true&sort=stars&order=desc`,
        as(traveller),
      );
      expect(page.status).toBe(200);
      expect(page.body.items.every((rate: Rate) => rate.policy.verdict === 'in_policy')).toBe(true);
      expect(page.body.search).toMatchObject({ nights: 3, rooms: 1, guests: 1, supplier: 'sandbox' });
      expect((await t.api.get(`/api/stay-searches/${searchId}`, as(stranger))).status).toBe(404);
      await setPolicy();
    });

    it('refuses bad dates (400) and a trip without coordinates when no point is given (422 STAY_SEARCH_REFUSED)', async () => {
      const trip = await createTrip(t.api, traveller, {
        destination: 'Team offsite',
        destinationCountry: undefined,
        latitude: undefined,
        longitude: undefined,
        startDate: inDays(30),
        endDate: inDays(34),
      });
      const bad = await t.api.post(
        `/api/trips/${trip.id}/stay-searches`,
        { checkInDate: inDays(33), checkOutDate: inDays(30) },
        as(traveller),
      );
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'checkOutDate' })]);
      const none = await t.api.post(
        `/api/trips/${trip.id}/stay-searches`,
        { checkInDate: inDays(30), checkOutDate: inDays(31) },
        as(traveller),
      );
      expect(none.status).toBe(422);
      expect(none.body.code).toBe('STAY_SEARCH_REFUSED');
      const point = await t.api.post(
        `/api/trips/${trip.id}/stay-searches`,
        { checkInDate: inDays(30), checkOutDate: inDays(31), latitude: 48.8566, longitude: 2.3522, radiusKm: 5 },
        as(traveller),
      );
      expect(point.status).toBe(201);
      expect(point.body.items[0].property.address.countryCode).toBe('FR');
      expect(
        (
          await t.api.post(
            `/api/trips/${trip.id}/stay-searches`,
            { checkInDate: inDays(30), checkOutDate: inDays(31) },
            as(stranger),
          )
        ).status,
      ).toBe(404);
    });
  });

  describe('booking a stay', () => {
    it('confirms an in-policy rate: 201, one sandbox booking, a lodging activity in the city zone, e-mail; a retry replays', async () => {
      const { trip, rates } = await approvedTripWithRates();
      const rate = rates.find((candidate) => candidate.cancellation.refundable)!;
      const key = randomUUID();
      const response = await book(traveller, trip.id, { stayRateId: rate.id }, key);
      expect(response.status).toBe(201);
      const booking = response.body;
      expect(booking).toMatchObject({
        kind: 'stay',
        status: 'confirmed',
        supplier: 'sandbox',
        price: rate.totalAmount,
        offer: null,
        stay: { rateId: rate.id, nights: 3, rooms: 1, guests: 1, property: { name: rate.property.name } },
        policy: { verdict: 'in_policy' },
        passengerIds: [traveller.user.id],
        allowedActions: ['quote_cancellation'],
      });
      expect(booking.bookingReference).toMatch(/^SBX-H/);
      expect(booking.cheapestInPolicy).toEqual({ offerId: rates[0].id, price: rates[0].totalAmount });
      expect(await sandboxBookings(booking.id)).toBe(1);

      const itinerary = await t.api.get(`/api/trips/${trip.id}/activities`, as(traveller));
      const [lodging] = itinerary.body.items.filter((activity: { type: string }) => activity.type === 'lodging');
      expect(booking.activityIds).toEqual([lodging.id]);
      expect(lodging).toMatchObject({
        title: rate.property.name,
        timezone: 'Europe/Berlin',
        bookingReference: booking.bookingReference,
        latitude: rate.property.latitude,
        longitude: rate.property.longitude,
        cost: rate.totalAmount,
      });
      expect(lodging.locationName).toContain('Berlin');
      // Check-in after 14:00/15:00 and check-out before 11:00/12:00, local in Berlin.
      expect(lodging.startsAt).toMatch(new RegExp(`^${inDays(30)}T1[45]:00:00\\.000\\+0[12]:00$`));
      expect(lodging.endsAt).toMatch(new RegExp(`^${inDays(33)}T1[12]:00:00\\.000\\+0[12]:00$`));

      const retry = await book(traveller, trip.id, { stayRateId: rate.id }, key);
      expect(retry.status).toBe(201);
      expect(retry.body.id).toBe(booking.id);
      expect(await sandboxBookings(booking.id)).toBe(1);
      const again = await book(traveller, trip.id, { stayRateId: rate.id });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('STAY_RATE_ALREADY_BOOKED');

      await drainOutbox(t);
      const mails = await t.sql.query(
        `SELECT subject, text FROM outbox_messages WHERE topic = 'mail' AND subject LIKE '%Hotel booked%' AND text LIKE $1`,
        [`%${booking.bookingReference}%`],
      );
      expect(mails.rows).toHaveLength(1);
      expect(mails.rows[0].subject).toMatch(/^\[Sandbox\] Hotel booked/);
      expect(mails.rows[0].text).toContain(rate.property.name);
    });

    it('refuses both offerId and stayRateId, or neither (400), and a rate of another trip (404)', async () => {
      const { trip, rates } = await approvedTripWithRates();
      const other = await createTrip(t.api, traveller, { startDate: inDays(30), endDate: inDays(34) });
      expect((await book(traveller, trip.id, {})).status).toBe(400);
      expect((await book(traveller, trip.id, { stayRateId: rates[0].id, offerId: randomUUID() })).status).toBe(400);
      expect((await book(traveller, other.id, { stayRateId: rates[0].id })).status).toBe(404);
      expect((await book(stranger, trip.id, { stayRateId: rates[0].id })).status).toBe(404);
    });

    it('waits for approval out of policy, and an approver books it at a new quote', async () => {
      await setPolicy({ maxHotelNightlyRate: '20.00' });
      const { trip, rates } = await approvedTripWithRates();
      const created = await book(traveller, trip.id, { stayRateId: rates[0].id });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        status: 'pending_approval',
        kind: 'stay',
        policy: { verdict: 'needs_approval' },
      });
      expect(created.body.policy.reasons[0]).toMatchObject({ rule: 'stay_nightly_rate', limit: '20.00' });
      expect(await sandboxBookings(created.body.id)).toBe(0);
      const approved = await t.api.post(`/api/bookings/${created.body.id}/approve`, {}, as(manager));
      expect(approved.status).toBe(200);
      expect(approved.body).toMatchObject({ status: 'confirmed', decision: { outcome: 'approved' } });
      expect(await sandboxBookings(created.body.id)).toBe(1);
      await setPolicy();
    });

    it('cancels by the rate’s policy: a flexible rate refunds in full, the lodging leaves the itinerary', async () => {
      const { trip, rates } = await approvedTripWithRates();
      const flexible = rates.find((rate) => rate.cancellation.refundable)!;
      const booking = (await book(traveller, trip.id, { stayRateId: flexible.id })).body;
      const quote = await t.api.post(`/api/bookings/${booking.id}/cancellation-quote`, {}, as(traveller));
      expect(quote.status).toBe(200);
      expect(quote.body).toMatchObject({
        status: 'cancellation_quoted',
        cancellation: { refund: flexible.totalAmount },
      });
      expect(Date.parse(quote.body.cancellation.expiresAt)).toBeLessThanOrEqual(Date.now() + 15 * 60_000 + 1000);
      const cancelled = await t.api.post(`/api/bookings/${booking.id}/cancel`, {}, as(traveller));
      expect(cancelled.status).toBe(200);
      expect(cancelled.body).toMatchObject({ status: 'cancelled', cancellation: { refund: flexible.totalAmount } });
      const itinerary = await t.api.get(`/api/trips/${trip.id}/activities`, as(traveller));
      expect(itinerary.body.items.filter((activity: { type: string }) => activity.type === 'lodging')).toEqual([]);
      const row = await t.sql.query(
        'SELECT refund_amount, cancelled_at FROM sandbox_stay_bookings WHERE booking_id = $1',
        [booking.id],
      );
      expect(row.rows[0].cancelled_at).not.toBeNull();

      const nonRefundable = rates.find((rate) => !rate.cancellation.refundable)!;
      const second = (await book(traveller, trip.id, { stayRateId: nonRefundable.id })).body;
      const nothing = await t.api.post(`/api/bookings/${second.id}/cancellation-quote`, {}, as(traveller));
      expect(nothing.body.cancellation.refund).toEqual({
        amount: '0.00',
        currency: nonRefundable.totalAmount.currency,
      });
    });

    it('the reconciler confirms a stay whose booking was made when our write after it failed: one supplier booking', async () => {
      const { trip, rates } = await approvedTripWithRates();
      const orders = t.app.get(BookingOrders);
      const crash = jest
        .spyOn(orders, 'confirm')
        .mockRejectedValueOnce(new Error('simulated crash after the supplier answered'));
      const key = randomUUID();
      const response = await book(traveller, trip.id, { stayRateId: rates[0].id }, key);
      crash.mockRestore();
      expect(response.status).toBe(500);
      const [row] = (await t.sql.query('SELECT id, status FROM bookings WHERE trip_id = $1', [trip.id])).rows;
      expect(row.status).toBe('ordering');
      const later = new Date(Date.now() + 120_000);
      const result = await t.app
        .get(BookingReconciler)
        .reconcile(later, { orderingStaleMs: 60_000, orderingDeadlineMs: 3_600_000 });
      expect(result).toEqual({ confirmed: 1, failed: 0, waiting: 0 });
      const booking = await t.api.get(`/api/bookings/${row.id}`, as(traveller));
      expect(booking.body).toMatchObject({
        status: 'confirmed',
        kind: 'stay',
        bookingReference: expect.stringMatching(/^SBX-H/),
      });
      expect(booking.body.activityIds).toHaveLength(1);
      expect(await sandboxBookings(row.id)).toBe(1);
      const retry = await book(traveller, trip.id, { stayRateId: rates[0].id }, key);
      expect(retry.status).toBe(201);
      expect(retry.body.id).toBe(row.id);
    });
  });
});
