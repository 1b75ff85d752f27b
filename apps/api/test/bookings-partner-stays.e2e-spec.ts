import { randomUUID } from 'node:crypto';
import { BookingReconciler } from '../src/booking/booking-reconciler';
import { addMember, createTrip, registerOrganization, Session } from './support/factories';
import { type FakeAmadeus, startFakeAmadeus } from './support/fake-amadeus-server';
import { BcomFaults, type FakeBookingCom, startFakeBookingCom } from './support/fake-booking-com-server';
import { inDays, PASSENGER_PROFILE } from './support/flight-fixtures';
import { startTestApp, TestApp } from './support/test-app';

type Rate = {
  id: string;
  totalAmount: { amount: string; currency: string };
  cancellation: { refundable: boolean; timeline: Array<{ before: string; refund: unknown }> };
  nightlyRate: { amount: string; currency: string };
  policy: { verdict: string; reasons: unknown[] };
  bookable: boolean;
};

/** Every rate judged by the policy, on its nightly rate of one room (2 nights, 1 room here). */
function expectJudged(items: Rate[]) {
  for (const item of items) {
    expect(['in_policy', 'needs_approval', 'blocked']).toContain(item.policy.verdict);
    expect(Number(item.nightlyRate.amount)).toBeCloseTo(Number(item.totalAmount.amount) / 2, 2);
  }
}

/**
 * Stays booked through the normal API routes with a partner supplier chosen by STAY_SUPPLIER: the
 * Booking.com adapter against the fake Demand API (search with policy verdicts, a booking paid at the
 * property, its lodging activity, cancellation, the reconciler), and Amadeus (search and verdicts; a
 * booking refused with a clear code, nothing sent).
 */
async function travellerWithTrip(t: TestApp) {
  const admin = await registerOrganization(t.api);
  const traveller = await addMember(t.api, admin, 'traveller');
  const as = { token: traveller.accessToken };
  expect((await t.api.put('/api/users/me/passenger-profile', PASSENGER_PROFILE, as)).status).toBe(200);
  return { admin, traveller };
}

const bookAs = (t: TestApp, session: Session, tripId: string, body: Record<string, unknown>, key = randomUUID()) =>
  t.api.post(`/api/trips/${tripId}/bookings`, body, {
    token: session.accessToken,
    headers: { 'idempotency-key': key },
  });

async function searchStays(t: TestApp, session: Session) {
  const trip = await createTrip(t.api, session, { startDate: inDays(40), endDate: inDays(45), budget: undefined });
  const search = await t.api.post(
    `/api/trips/${trip.id}/stay-searches`,
    { checkInDate: inDays(40), checkOutDate: inDays(42) },
    { token: session.accessToken },
  );
  expect(search.status).toBe(201);
  return { trip, search: search.body as { search: { supplier: string }; items: Rate[] } };
}

describe('Stays through Booking.com (STAY_SUPPLIER=booking_com, fake Demand API)', () => {
  let bcom: FakeBookingCom;
  let t: TestApp;
  let traveller: Session;

  beforeAll(async () => {
    bcom = await startFakeBookingCom();
    t = await startTestApp({
      STAY_SUPPLIER: 'booking_com',
      BOOKING_COM_API_KEY: 'bcom_test_token',
      BOOKING_COM_AFFILIATE_ID: '1234567',
      BOOKING_COM_API_URL: bcom.url,
      BOOKING_RECONCILE_INTERVAL_MS: '0',
    });
    ({ traveller } = await travellerWithTrip(t));
  });
  afterAll(async () => {
    await t.close();
    await bcom.close();
  });
  beforeEach(() => bcom.reset());

  it('searches with a verdict per rate, books paid at the property (one order, our label, no card), a lodging activity; cancels', async () => {
    const { trip, search } = await searchStays(t, traveller);
    expect(search.search.supplier).toBe('booking_com');
    expect(search.items.length).toBe(4);
    expectJudged(search.items);
    expect(search.items.every((item) => item.bookable)).toBe(true);
    const sent = bcom.requests.find((request) => request.path === '/accommodations/search')!.body;
    expect(sent.coordinates).toMatchObject({ latitude: 52.52, longitude: 13.405 });
    const rate = search.items.find((item) => item.cancellation.refundable)!;
    const response = await bookAs(t, traveller, trip.id, { stayRateId: rate.id });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      kind: 'stay',
      status: 'confirmed',
      supplier: 'booking_com',
      price: rate.totalAmount,
    });
    expect(response.body.bookingReference).toMatch(/^\d{10}$/);
    expect(bcom.orders).toHaveLength(1);
    expect(bcom.orders[0].label).toBe(`nestmap:${response.body.id}`);
    expect(bcom.orders[0].body).toMatchObject({
      payment: { timing: 'pay_at_the_property' },
      booker: {
        email: 'tom@example.com',
        telephone: '+442071234567',
        name: { first_name: 'Tom', last_name: 'Traveller' },
      },
    });
    expect(JSON.stringify(bcom.orders[0].body)).not.toMatch(/1985-04-12|cvc|card"/);
    const itinerary = await t.api.get(`/api/trips/${trip.id}/activities`, { token: traveller.accessToken });
    expect(itinerary.body.items).toEqual([
      expect.objectContaining({ type: 'lodging', id: response.body.activityIds[0], cost: rate.totalAmount }),
    ]);

    // Booking.com quotes no cancellation: what cancelling now refunds is read from the booked rate's fee schedule.
    const quote = await t.api.post(
      `/api/bookings/${response.body.id}/cancellation-quote`,
      {},
      { token: traveller.accessToken },
    );
    expect(quote.body).toMatchObject({ status: 'cancellation_quoted', cancellation: { refund: rate.totalAmount } });
    const cancelled = await t.api.post(
      `/api/bookings/${response.body.id}/cancel`,
      {},
      { token: traveller.accessToken },
    );
    expect(cancelled.body).toMatchObject({ status: 'cancelled' });
    expect(bcom.count('/orders/cancel')).toBe(1);
  });

  it('a rate sold out since the search is 422 STAY_RATE_EXPIRED, nothing ordered', async () => {
    const { trip, search } = await searchStays(t, traveller);
    const rate = search.items[0];
    const [{ supplier_rate_id: supplierRateId }] = (
      await t.sql.query('SELECT supplier_rate_id FROM stay_rates WHERE id = $1', [rate.id])
    ).rows;
    bcom.sellOut(String(supplierRateId).split('~')[1]);
    const response = await bookAs(t, traveller, trip.id, { stayRateId: rate.id });
    expect([response.status, response.body.code]).toEqual([422, 'STAY_RATE_EXPIRED']);
    expect(bcom.count('/orders/create')).toBe(0);
  });

  it('an order whose answer was lost is finished by the reconciler from our label: one order, confirmed', async () => {
    const { trip, search } = await searchStays(t, traveller);
    bcom.inject('/orders/create', BcomFaults.lostAnswer());
    const response = await bookAs(t, traveller, trip.id, { stayRateId: search.items[0].id });
    expect(response.status).toBe(202);
    expect(response.body.status).toBe('ordering');
    const reconciler = t.app.get(BookingReconciler);
    const result = await reconciler.reconcile(new Date(Date.now() + 120_000), {
      orderingStaleMs: 60_000,
      orderingDeadlineMs: 3_600_000,
    });
    expect(result).toEqual({ confirmed: 1, failed: 0, waiting: 0 });
    const booking = await t.api.get(`/api/bookings/${response.body.id}`, { token: traveller.accessToken });
    expect(booking.body).toMatchObject({ status: 'confirmed', supplier: 'booking_com' });
    expect(bcom.count('/orders/create')).toBe(1);
  });
});

describe('Stays through Amadeus (STAY_SUPPLIER=amadeus, fake Amadeus): search and policy only', () => {
  let amadeus: FakeAmadeus;
  let t: TestApp;
  let traveller: Session;

  beforeAll(async () => {
    amadeus = await startFakeAmadeus();
    t = await startTestApp({
      STAY_SUPPLIER: 'amadeus',
      AMADEUS_CLIENT_ID: amadeus.clientId,
      AMADEUS_CLIENT_SECRET: amadeus.clientSecret,
      AMADEUS_BASE_URL: amadeus.url,
      BOOKING_RECONCILE_INTERVAL_MS: '0',
    });
    ({ traveller } = await travellerWithTrip(t));
  });
  afterAll(async () => {
    await t.close();
    await amadeus.close();
  });

  it('searches with a verdict per rate; booking is refused with BOOKING_SUPPLIER_REFUSED and no hotel order is sent', async () => {
    const { trip, search } = await searchStays(t, traveller);
    expect(search.search.supplier).toBe('amadeus');
    expect(search.items).toHaveLength(6);
    expectJudged(search.items);
    // Said up front, so the web offers no Book button on these rates.
    expect(search.items.every((item) => !item.bookable)).toBe(true);
    const response = await bookAs(t, traveller, trip.id, { stayRateId: search.items[0].id });
    expect([response.status, response.body.code]).toEqual([422, 'BOOKING_SUPPLIER_REFUSED']);
    expect(amadeus.count('POST /v2/booking/hotel-orders')).toBe(0);
    const [row] = (await t.sql.query('SELECT status FROM bookings WHERE trip_id = $1', [trip.id])).rows;
    expect(row).toEqual({ status: 'failed' });
  });
});
