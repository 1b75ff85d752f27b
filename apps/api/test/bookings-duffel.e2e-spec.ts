import { randomUUID } from 'node:crypto';
import { BookingReconciler } from '../src/booking/booking-reconciler';
import { addMember, createTrip, registerOrganization, Session } from './support/factories';
import { Faults, type FakeDuffel, startFakeDuffel } from './support/fake-duffel-server';
import { startTestApp, TestApp } from './support/test-app';

function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

const PROFILE = {
  givenName: 'Tom',
  familyName: 'Traveller',
  bornOn: '1985-04-12',
  gender: 'm',
  title: 'mr',
  email: 'tom@example.com',
  phoneNumber: '+442071234567',
};

const THRESHOLDS = { reconcileIntervalMs: 0, orderingStaleMs: 60_000, orderingDeadlineMs: 3_600_000 };

/**
 * Issue 10 § Booking against Duffel's wire format: the real SDK talks to a local stand-in that
 * counts the orders it makes, so "never a second order" is counted at the supplier, not inferred.
 */
describe('Bookings with Duffel (fake Duffel server)', () => {
  let duffel: FakeDuffel;
  let t: TestApp;
  let admin: Session;
  let traveller: Session;

  const as = (session: Session, key?: string) => ({
    token: session.accessToken,
    headers: key ? { 'idempotency-key': key } : undefined,
  });
  const book = (tripId: string, body: Record<string, unknown>, key = randomUUID()) =>
    t.api.post(`/api/trips/${tripId}/bookings`, body, as(traveller, key));
  /** A trip of the traveller and the first offer of a Duffel search for it. */
  const tripWithOffer = async () => {
    const trip = await createTrip(t.api, traveller, { startDate: inDays(40), endDate: inDays(45), budget: undefined });
    const search = await t.api.post(
      `/api/trips/${trip.id}/flight-searches`,
      { slices: [{ origin: 'FRA', destination: 'LHR', departureDate: inDays(41) }] },
      as(traveller),
    );
    expect(search.status).toBe(201);
    expect(search.body.search.supplier).toBe('duffel');
    return { trip, offer: search.body.items[0] as { id: string; totalAmount: { amount: string; currency: string } } };
  };

  beforeAll(async () => {
    duffel = await startFakeDuffel();
    t = await startTestApp({
      DUFFEL_API_KEY: 'duffel_test_fake',
      DUFFEL_BASE_URL: duffel.url,
      BOOKING_RECONCILE_INTERVAL_MS: '0',
    });
    admin = await registerOrganization(t.api);
    traveller = await addMember(t.api, admin, 'traveller');
    expect((await t.api.put('/api/users/me/passenger-profile', PROFILE, as(traveller))).status).toBe(200);
  });
  afterAll(async () => {
    await t.close();
    await duffel.close();
  });
  beforeEach(() => duffel.reset());

  it('books through the SDK: one Duffel order carrying our booking id in its metadata, the passenger named', async () => {
    const { trip, offer } = await tripWithOffer();
    const response = await book(trip.id, { offerId: offer.id });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ status: 'confirmed', supplier: 'duffel', price: offer.totalAmount });
    expect(duffel.ordersCreated).toBe(1);
    expect(duffel.orders[0].bookingId).toBe(response.body.id);
    const order = duffel.requests.find((request) => request.method === 'POST' && request.path === '/air/orders')!
      .body as { data: any };
    expect(order.data).toMatchObject({
      type: 'instant',
      payments: [{ type: 'balance', amount: offer.totalAmount.amount, currency: offer.totalAmount.currency }],
    });
    expect(order.data.passengers[0]).toMatchObject({
      given_name: 'Tom',
      family_name: 'Traveller',
      born_on: '1985-04-12',
    });
  });

  it('20 concurrent requests with one Idempotency-Key: Duffel makes exactly one order, every answer is the same', async () => {
    const { trip, offer } = await tripWithOffer();
    duffel.reset();
    duffel.setOrderDelay(300);
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 20 }, () => book(trip.id, { offerId: offer.id }, key)));
    duffel.setOrderDelay(0);
    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(201));
    for (const answer of answers) expect(answer.body).toEqual(answers[0].body);
    expect(duffel.ordersCreated).toBe(1);
    expect(duffel.count('POST /air/orders')).toBe(1);
  });

  it('an order whose answer was lost (made, then a 500) is finished by the reconciler: one order, confirmed, the retry replays', async () => {
    const { trip, offer } = await tripWithOffer();
    duffel.reset();
    duffel.inject('POST /air/orders', Faults.lostAnswer());
    const key = randomUUID();
    const response = await book(trip.id, { offerId: offer.id }, key);
    expect(response.status).toBe(202);
    expect(response.body.status).toBe('ordering');
    expect(duffel.ordersCreated).toBe(1);
    const reconciler = t.app.get(BookingReconciler);
    const result = await reconciler.reconcile(new Date(Date.now() + 120_000), THRESHOLDS);
    expect(result).toEqual({ confirmed: 1, failed: 0, waiting: 0 });
    const booking = await t.api.get(`/api/bookings/${response.body.id}`, as(traveller));
    expect(booking.body).toMatchObject({ status: 'confirmed' });
    expect(booking.body.bookingReference).toBeTruthy();
    const retry = await book(trip.id, { offerId: offer.id }, key);
    expect(retry.status).toBe(201);
    expect(retry.body).toMatchObject({ id: response.body.id, status: 'confirmed' });
    expect(duffel.ordersCreated).toBe(1);
    expect(duffel.count('POST /air/orders')).toBe(1);
  });

  it('an offer Duffel no longer sells fails the booking (422 FLIGHT_OFFER_EXPIRED), and the retry replays the refusal', async () => {
    const { trip, offer } = await tripWithOffer();
    duffel.reset();
    duffel.inject('POST /air/orders', Faults.offerExpired());
    const key = randomUUID();
    const response = await book(trip.id, { offerId: offer.id }, key);
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('FLIGHT_OFFER_EXPIRED');
    const retry = await book(trip.id, { offerId: offer.id }, key);
    expect([retry.status, retry.body.code]).toEqual([422, 'FLIGHT_OFFER_EXPIRED']);
    expect(duffel.ordersCreated).toBe(0);
    const [row] = (await t.sql.query('SELECT status, failure_code FROM bookings WHERE trip_id = $1', [trip.id])).rows;
    expect(row).toEqual({ status: 'failed', failure_code: 'FLIGHT_OFFER_EXPIRED' });
  });

  it('re-prices before ordering: a dearer offer is 409 FLIGHT_OFFER_PRICE_CHANGED, nothing ordered; accepting the new price books it', async () => {
    const { trip, offer } = await tripWithOffer();
    const [{ supplier_offer_id: supplierOfferId }] = (
      await t.sql.query('SELECT supplier_offer_id FROM flight_offers WHERE id = $1', [offer.id])
    ).rows;
    const dearer = (Number(offer.totalAmount.amount) + 50).toFixed(2);
    duffel.reprice(supplierOfferId, dearer);
    const response = await book(trip.id, { offerId: offer.id });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('FLIGHT_OFFER_PRICE_CHANGED');
    expect(response.body.message).toContain(dearer);
    expect(duffel.ordersCreated).toBe(0);
    const accepted = await book(trip.id, {
      offerId: offer.id,
      acceptedPrice: { amount: dearer, currency: offer.totalAmount.currency },
    });
    expect(accepted.status).toBe(201);
    expect(accepted.body.price).toEqual({ amount: dearer, currency: offer.totalAmount.currency });
    expect(duffel.ordersCreated).toBe(1);
  });

  it('cancels through Duffel: quote, then confirm', async () => {
    const { trip, offer } = await tripWithOffer();
    const booked = await book(trip.id, { offerId: offer.id });
    const quoted = await t.api.post(`/api/bookings/${booked.body.id}/cancellation-quote`, {}, as(traveller));
    expect(quoted.status).toBe(200);
    expect(quoted.body.status).toBe('cancellation_quoted');
    const cancelled = await t.api.post(`/api/bookings/${booked.body.id}/cancel`, {}, as(traveller));
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect(duffel.count('POST /air/order_cancellations/:id/actions/confirm')).toBe(1);
  });
});
