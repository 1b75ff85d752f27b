import { randomUUID } from 'node:crypto';
import { BookingReconciler } from '../src/booking/booking-reconciler';
import { signWebhook } from '../src/booking/webhook-signature';
import { FLIGHT_SUPPLIER, type FlightOrder, type FlightSupplier } from '../src/flights/supplier/flight-supplier';
import { drainOutbox } from './support/outbox';
import { addMember, createTrip, registerOrganization, Session } from './support/factories';
import { Faults, type FakeDuffel, startFakeDuffel } from './support/fake-duffel-server';
import { inDays, OPEN_POLICY, PASSENGER_PROFILE } from './support/flight-fixtures';
import { startTestApp, TestApp } from './support/test-app';

const WEBHOOK_SECRET = 'duffel-webhook-secret-for-tests-0123456789';

const THRESHOLDS = { orderingStaleMs: 60_000, orderingDeadlineMs: 3_600_000 };

/**
 * Issue 10 § Booking against Duffel's wire format: the real SDK talks to a local stand-in that
 * counts the orders it makes, so "never a second order" is counted at the supplier, not inferred.
 */
describe('Bookings with Duffel (fake Duffel server)', () => {
  let duffel: FakeDuffel;
  let t: TestApp;
  let admin: Session;
  let traveller: Session;
  let manager: Session;

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
      DUFFEL_WEBHOOK_SECRET: WEBHOOK_SECRET,
    });
    admin = await registerOrganization(t.api);
    traveller = await addMember(t.api, admin, 'traveller');
    manager = await addMember(t.api, admin, 'manager');
    expect((await t.api.put('/api/users/me/passenger-profile', PASSENGER_PROFILE, as(traveller))).status).toBe(200);
  });
  afterAll(async () => {
    await t.close();
    await duffel.close();
  });
  beforeEach(() => duffel.reset());

  it('books a stay through Duffel Stays: one stay booking with our booking id, the guest named, a lodging activity; cancelled by the rate’s timeline', async () => {
    const trip = await createTrip(t.api, traveller, { startDate: inDays(40), endDate: inDays(45), budget: undefined });
    const search = await t.api.post(
      `/api/trips/${trip.id}/stay-searches`,
      { checkInDate: inDays(40), checkOutDate: inDays(42) },
      as(traveller),
    );
    expect(search.status).toBe(201);
    expect(search.body.search.supplier).toBe('duffel');
    const rate = search.body.items.find(
      (item: { cancellation: { refundable: boolean } }) => item.cancellation.refundable,
    );
    const response = await book(trip.id, { stayRateId: rate.id });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      kind: 'stay',
      status: 'confirmed',
      supplier: 'duffel',
      price: rate.totalAmount,
    });
    expect(duffel.stays.bookings).toHaveLength(1);
    expect(duffel.stays.bookings[0].bookingId).toBe(response.body.id);
    const sent = duffel.requests.find((request) => request.method === 'POST' && request.path === '/stays/bookings')!
      .body as { data: any };
    expect(sent.data).toMatchObject({
      guests: [{ given_name: 'Tom', family_name: 'Traveller' }],
      email: 'tom@example.com',
      phone_number: '+442071234567',
    });
    expect(JSON.stringify(sent.data)).not.toMatch(/1985-04-12|born_on/);
    const itinerary = await t.api.get(`/api/trips/${trip.id}/activities`, as(traveller));
    expect(itinerary.body.items).toEqual([
      expect.objectContaining({ type: 'lodging', id: response.body.activityIds[0], cost: rate.totalAmount }),
    ]);

    // Duffel quotes no stay cancellation and says no refund: both come from the rate's timeline.
    const quote = await t.api.post(`/api/bookings/${response.body.id}/cancellation-quote`, {}, as(traveller));
    expect(quote.body).toMatchObject({
      status: 'cancellation_quoted',
      cancellation: {
        refund: rate.cancellation.timeline.find((step: { before: string }) => Date.parse(step.before) > Date.now())
          .refund,
      },
    });
    const cancelled = await t.api.post(`/api/bookings/${response.body.id}/cancel`, {}, as(traveller));
    expect(cancelled.body).toMatchObject({ status: 'cancelled', activityIds: response.body.activityIds });
    expect(duffel.count('POST /stays/bookings/:id/actions/cancel')).toBe(1);
    expect((await t.api.get(`/api/trips/${trip.id}/activities`, as(traveller))).body.items).toEqual([]);
  });

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
    // Duffel down during a pass: the booking waits (its lease lapses), the pass does not fail.
    duffel.inject('GET /air/orders', Faults.serverError(500));
    expect(await reconciler.reconcile(new Date(Date.now() + 120_000), THRESHOLDS)).toEqual({
      confirmed: 0,
      failed: 0,
      waiting: 1,
    });
    await t.sql.query('UPDATE bookings SET reconcile_lease_until = NULL WHERE id = $1', [response.body.id]);
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
    expect(response.body.details).toEqual({ newTotal: { amount: dearer, currency: offer.totalAmount.currency } });
    expect(duffel.ordersCreated).toBe(0);
    const accepted = await book(trip.id, {
      offerId: offer.id,
      acceptedPrice: { amount: dearer, currency: offer.totalAmount.currency },
    });
    expect(accepted.status).toBe(201);
    expect(accepted.body.price).toEqual({ amount: dearer, currency: offer.totalAmount.currency });
    expect(duffel.ordersCreated).toBe(1);
  });

  it('re-prices on approval: dearer asks the approver again (409, the new price stored), cheaper is ordered at the new price', async () => {
    expect(
      (await t.api.put('/api/organizations/current/policy', { ...OPEN_POLICY, maxFlightFare: '1.00' }, as(admin)))
        .status,
    ).toBe(200);
    try {
      const { trip, offer } = await tripWithOffer();
      const pending = await book(trip.id, { offerId: offer.id });
      expect(pending.body.status).toBe('pending_approval');
      const [{ supplier_offer_id: supplierOfferId }] = (
        await t.sql.query('SELECT supplier_offer_id FROM bookings WHERE id = $1', [pending.body.id])
      ).rows;
      const dearer = (Number(offer.totalAmount.amount) + 40).toFixed(2);
      duffel.reprice(supplierOfferId, dearer);
      const asked = await t.api.post(`/api/bookings/${pending.body.id}/approve`, {}, as(manager));
      expect([asked.status, asked.body.code]).toEqual([409, 'FLIGHT_OFFER_PRICE_CHANGED']);
      expect(asked.body.details).toEqual({ newTotal: { amount: dearer, currency: offer.totalAmount.currency } });
      const shown = await t.api.get(`/api/bookings/${pending.body.id}`, as(manager));
      expect(shown.body).toMatchObject({ status: 'pending_approval', price: { amount: dearer } });
      const cheaper = (Number(offer.totalAmount.amount) - 10).toFixed(2);
      duffel.reprice(supplierOfferId, cheaper);
      duffel.reset();
      const approved = await t.api.post(`/api/bookings/${pending.body.id}/approve`, {}, as(manager));
      expect(approved.status).toBe(200);
      expect(approved.body).toMatchObject({ status: 'confirmed', price: { amount: cheaper } });
      const order = duffel.requests.find((request) => request.method === 'POST' && request.path === '/air/orders')!
        .body as { data: any };
      expect(order.data.payments[0].amount).toBe(cheaper);
      expect(duffel.ordersCreated).toBe(1);
    } finally {
      await t.api.put('/api/organizations/current/policy', OPEN_POLICY, as(admin));
    }
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

  describe('webhook (S17, R21)', () => {
    /** Posts an event as Duffel would: signed over the exact raw body. */
    const deliver = (
      event: Record<string, unknown>,
      sign: (raw: string) => string = (raw) => signWebhook(raw, WEBHOOK_SECRET),
    ) => {
      const raw = JSON.stringify(event);
      return t.api.request('POST', '/api/webhooks/duffel', {
        rawBody: raw,
        headers: { 'content-type': 'application/json', 'x-duffel-signature': sign(raw) },
      });
    };
    const event = (type: string, object: Record<string, unknown>) => ({
      id: `wev_${randomUUID().replace(/-/g, '')}`,
      type,
      created_at: new Date().toISOString(),
      live_mode: false,
      data: { object },
    });
    const recorded = async () =>
      (await t.sql.query('SELECT count(*)::int AS n FROM duffel_webhook_events')).rows[0].n as number;

    it('refuses a bad, missing or stale signature with 401, recording and changing nothing', async () => {
      const before = await recorded();
      const ping = event('ping.triggered', {});
      for (const sign of [
        (raw: string) => signWebhook(raw, 'another-secret-0123456789abcdef0123'),
        (raw: string) => signWebhook(`${raw} `, WEBHOOK_SECRET),
        (raw: string) => signWebhook(raw, WEBHOOK_SECRET, new Date(Date.now() - 10 * 60_000)),
        () => '',
      ]) {
        const response = await deliver(ping, sign);
        expect(response.status).toBe(401);
        expect(response.body.code).toBe('WEBHOOK_SIGNATURE_INVALID');
      }
      expect(await recorded()).toBe(before);
    });

    it('answers ping.triggered, and a redelivery of the same event id is acknowledged and ignored', async () => {
      const ping = event('ping.triggered', {});
      const first = await deliver(ping);
      expect([first.status, first.body]).toEqual([200, { received: true, outcome: 'pong' }]);
      const again = await deliver(ping);
      expect([again.status, again.body]).toEqual([200, { received: true, outcome: 'duplicate' }]);
    });

    it('order.created confirms a booking whose request lost the answer, once', async () => {
      const { trip, offer } = await tripWithOffer();
      duffel.reset();
      duffel.inject('POST /air/orders', Faults.lostAnswer());
      const response = await book(trip.id, { offerId: offer.id });
      expect(response.body.status).toBe('ordering');
      const order = duffel.orders[0];
      const created = event('order.created', { id: order.id, metadata: { booking_id: response.body.id } });
      expect((await deliver(created)).body).toEqual({ received: true, outcome: 'confirmed' });
      expect((await t.api.get(`/api/bookings/${response.body.id}`, as(traveller))).body.status).toBe('confirmed');
      // Out of order and again: an order.created after the booking moved on changes nothing.
      expect(
        (await deliver(event('order.created', { id: order.id, metadata: { booking_id: response.body.id } }))).body
          .outcome,
      ).toBe('confirmed');
      expect((await deliver(created)).body.outcome).toBe('duplicate');
      expect(duffel.ordersCreated).toBe(1);
    });

    it('order.creation_failed fails a booking still ordering when Duffel has no order for it', async () => {
      const { trip, offer } = await tripWithOffer();
      duffel.reset();
      duffel.inject('POST /air/orders', Faults.serverError(503));
      const response = await book(trip.id, { offerId: offer.id });
      expect(response.body.status).toBe('ordering');
      expect(duffel.ordersCreated).toBe(0);
      const failed = await deliver(event('order.creation_failed', { metadata: { booking_id: response.body.id } }));
      expect(failed.body).toEqual({ received: true, outcome: 'failed' });
      expect((await t.api.get(`/api/bookings/${response.body.id}`, as(traveller))).body).toMatchObject({
        status: 'failed',
        failure: { code: 'BOOKING_SUPPLIER_REFUSED' },
      });
    });

    it('an airline-initiated change moves the booking to changed_by_airline, the itinerary to the new times, and tells the traveller', async () => {
      const { trip, offer } = await tripWithOffer();
      const booked = await book(trip.id, { offerId: offer.id });
      expect(booked.body.status).toBe('confirmed');
      const [{ supplier_order_id: orderId }] = (
        await t.sql.query('SELECT supplier_order_id FROM bookings WHERE id = $1', [booked.body.id])
      ).rows;
      const supplier = t.app.get<FlightSupplier>(FLIGHT_SUPPLIER);
      const current = await supplier.getOrder(orderId);
      const later = (iso: string) =>
        iso.replace(/T(\d\d)/, (_m, hour: string) => `T${String((Number(hour) + 2) % 24).padStart(2, '0')}`);
      const changed: FlightOrder = {
        ...current,
        slices: current.slices.map((slice) => ({
          ...slice,
          segments: slice.segments.map((segment) => ({
            ...segment,
            departingAt: later(segment.departingAt),
            arrivingAt: later(segment.arrivingAt),
          })),
        })),
      };
      const getOrder = jest.spyOn(supplier, 'getOrder').mockResolvedValue(changed);
      const notice = event('order.airline_initiated_change_detected', { id: 'aic_1', order_id: orderId });
      const response = await deliver(notice);
      getOrder.mockRestore();
      expect(response.body).toEqual({ received: true, outcome: 'changed_by_airline' });
      const booking = (await t.api.get(`/api/bookings/${booked.body.id}`, as(traveller))).body;
      expect(booking.status).toBe('changed_by_airline');
      expect(booking.offer.slices[0].segments[0].departingAt).toBe(changed.slices[0].segments[0].departingAt);
      const flights = (await t.api.get(`/api/trips/${trip.id}/activities`, as(traveller))).body.items.filter(
        (activity: { type: string }) => activity.type === 'flight',
      );
      expect(flights.map((flight: { id: string }) => flight.id).sort()).toEqual([...booking.activityIds].sort());
      expect(new Date(flights[0].startsAt).getTime()).toBe(
        new Date(changed.slices[0].segments[0].departingAt).getTime(),
      );
      expect((await deliver(notice)).body.outcome).toBe('duplicate');
      await drainOutbox(t);
      const mails = await t.sql.query(
        `SELECT "to" FROM outbox_messages WHERE topic = 'mail' AND subject LIKE 'The airline changed your flights%' AND subject LIKE $1`,
        [`%${booking.bookingReference}%`],
      );
      expect(mails.rows.map((row: { to: string }) => row.to)).toEqual([traveller.user.email]);
    });
  });
});
