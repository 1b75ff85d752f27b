import { randomUUID } from 'node:crypto';
import { BookingReconciler } from '../src/booking/booking-reconciler';
import { FLIGHT_SUPPLIER, type FlightSupplier, SupplierError } from '../src/flights/supplier/flight-supplier';
import { addMember, createTrip, registerOrganization, type Session } from './support/factories';
import { inDays, OPEN_POLICY, PASSENGER_PROFILE } from './support/flight-fixtures';
import { type FakeStripe, StripeFaults, startFakeStripe } from './support/fake-stripe-server';
import { deliverStripeEvent, STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET, stripeEvent } from './support/stripe-webhooks';
import { startTestApp, type TestApp } from './support/test-app';

interface Offer {
  id: string;
  totalAmount: { amount: string; currency: string };
  conditions: { refundBeforeDeparture: { allowed: boolean; penalty: { amount: string } | null } | null };
}

const cents = (amount: string) => Math.round(Number(amount) * 100);

/**
 * Issue 11 § Payments: booking with the organization's card through the real Stripe SDK against a
 * local server speaking Stripe's wire format (fake-stripe-server.ts): authorise before the order,
 * capture on confirmation, no order on a refused card, the hold released when the supplier refuses,
 * refunds on cancellation, and one PaymentIntent under concurrent retries.
 */
describe('Stripe card payments', () => {
  let stripe: FakeStripe;
  let t: TestApp;
  let admin: Session;
  let manager: Session;
  let traveller: Session;

  const as = (session: Session, key?: string) => ({
    token: session.accessToken,
    headers: key !== undefined ? { 'idempotency-key': key } : undefined,
  });
  const sandboxOrders = async (bookingId: string) =>
    (await t.sql.query('SELECT count(*)::int AS n FROM sandbox_flight_orders WHERE booking_id = $1', [bookingId]))
      .rows[0].n as number;
  const bookingRow = async (tripId: string) =>
    (await t.sql.query('SELECT id, status, payment_status FROM bookings WHERE trip_id = $1', [tripId])).rows[0] as {
      id: string;
      status: string;
      payment_status: string;
    };
  const intentsFor = (bookingId: string) =>
    stripe.paymentIntents.filter((intent) => (intent.metadata as Record<string, string>).booking_id === bookingId);
  const calls = (path: RegExp) =>
    stripe.requests.filter((request) => request.method === 'POST' && path.test(request.path));

  /** Saves a card for the organization as an admin would: Checkout (setup mode), then Stripe's webhook. */
  const saveCard = async (last4: string) => {
    const session = await t.api.post('/api/organizations/current/payment-method/checkout-session', {}, as(admin));
    expect(session.status).toBe(201);
    const { session: completed } = stripe.completeCheckout(session.body.sessionId, { last4 });
    const delivered = await deliverStripeEvent(t, stripeEvent('checkout.session.completed', completed));
    expect(delivered.body).toEqual({ received: true, outcome: 'card_saved' });
  };

  /** An approved trip of the traveller and the offers of a one-way sandbox search. */
  const tripWithOffers = async (destination = 'LHR'): Promise<{ tripId: string; offers: Offer[] }> => {
    const trip = await createTrip(t.api, traveller, { startDate: inDays(40), endDate: inDays(45), budget: undefined });
    expect((await t.api.post(`/api/trips/${trip.id}/submit`, {}, as(traveller))).status).toBe(200);
    expect((await t.api.post(`/api/trips/${trip.id}/approve`, {}, as(manager))).status).toBe(200);
    const search = await t.api.post(
      `/api/trips/${trip.id}/flight-searches?limit=100`,
      { slices: [{ origin: 'FRA', destination, departureDate: inDays(41) }] },
      as(traveller),
    );
    expect(search.status).toBe(201);
    return { tripId: trip.id, offers: search.body.items };
  };
  const book = (tripId: string, offerId: string, key: string = randomUUID()) =>
    t.api.post(`/api/trips/${tripId}/bookings`, { offerId }, as(traveller, key));

  beforeAll(async () => {
    stripe = await startFakeStripe();
    t = await startTestApp({
      BOOKING_RECONCILE_INTERVAL_MS: '0',
      STRIPE_SECRET_KEY,
      STRIPE_WEBHOOK_SECRET,
      STRIPE_API_BASE_URL: stripe.url,
      STRIPE_TIMEOUT_MS: '1000',
      STRIPE_MAX_NETWORK_RETRIES: '0',
    });
    admin = await registerOrganization(t.api);
    manager = await addMember(t.api, admin, 'manager', 'Mia Manager');
    traveller = await addMember(t.api, admin, 'traveller', 'Tom Traveller');
    expect((await t.api.put('/api/organizations/current/policy', OPEN_POLICY, as(admin))).status).toBe(200);
    expect((await t.api.put('/api/users/me/passenger-profile', PASSENGER_PROFILE, as(traveller))).status).toBe(200);
  });
  afterAll(async () => {
    await t.close();
    await stripe.close();
  });

  describe('the organization card', () => {
    it('is invoiced until a card is saved, then saved through Checkout in setup mode (one customer), admins only', async () => {
      expect((await t.api.get('/api/organizations/current/payment-method', as(admin))).body).toEqual({
        cardPayments: true,
        publishableKey: null,
        card: null,
      });
      expect((await t.api.get('/api/organizations/current/payment-method', as(traveller))).status).toBe(403);
      expect(
        (await t.api.post('/api/organizations/current/payment-method/checkout-session', {}, as(manager))).status,
      ).toBe(403);

      const first = await t.api.post('/api/organizations/current/payment-method/checkout-session', {}, as(admin));
      expect(first.status).toBe(201);
      expect(first.body.url).toMatch(/^https:\/\/checkout\.stripe\.com\//);
      const session = stripe.checkoutSessions.find((created) => created.id === first.body.sessionId)!;
      expect(session).toMatchObject({
        mode: 'setup',
        currency: 'eur',
        client_reference_id: admin.user.organizationId,
        cancel_url: expect.stringMatching(/\/admin\/payment-method\?checkout=cancelled$/),
      });
      expect(session.success_url).toMatch(
        /\/admin\/payment-method\?checkout=success&session_id=\{CHECKOUT_SESSION_ID\}$/,
      );
      const second = await t.api.post('/api/organizations/current/payment-method/checkout-session', {}, as(admin));
      expect(stripe.customers).toHaveLength(1);
      expect(stripe.checkoutSessions.find((created) => created.id === second.body.sessionId)!.customer).toBe(
        stripe.customers[0].id,
      );

      await saveCard('4242');
      const saved = await t.api.get('/api/organizations/current/payment-method', as(admin));
      expect(saved.body.card).toEqual({ brand: 'visa', last4: '4242', expMonth: 12, expYear: 2034 });
      expect(saved.text).not.toMatch(/pm_|cus_|seti_/);
    });
  });

  describe('paying a booking', () => {
    beforeAll(() => saveCard('4242'));

    it('authorises before ordering, captures the price once the supplier confirms', async () => {
      const { tripId, offers } = await tripWithOffers();
      const offer = offers[0];
      const response = await book(tripId, offer.id);
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        status: 'confirmed',
        payment: {
          method: 'card',
          status: 'captured',
          card: { brand: 'visa', last4: '4242' },
          captured: offer.totalAmount,
          refunded: null,
          failureCode: null,
        },
      });
      const bookingId = response.body.id;
      const [intent] = intentsFor(bookingId);
      expect(intentsFor(bookingId)).toHaveLength(1);
      expect(intent).toMatchObject({
        amount: cents(offer.totalAmount.amount),
        currency: offer.totalAmount.currency.toLowerCase(),
        capture_method: 'manual',
        customer: stripe.customers[0].id,
        automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
        status: 'succeeded',
        amount_received: cents(offer.totalAmount.amount),
      });
      const create = stripe.requests.find(
        (request) =>
          request.path === '/v1/payment_intents' &&
          request.params.metadata &&
          (request.params.metadata as Record<string, string>).booking_id === bookingId,
      )!;
      expect(create.params).toMatchObject({ confirm: 'true', off_session: 'true', capture_method: 'manual' });
      expect(create.idempotencyKey).toBe(`nestmap-booking-${bookingId}-authorise`);
      const capture = stripe.requests.find((request) => request.path === `/v1/payment_intents/${intent.id}/capture`)!;
      expect(capture.params).toEqual({ amount_to_capture: String(cents(offer.totalAmount.amount)) });
      expect(await sandboxOrders(bookingId)).toBe(1);
      // The answer replayed to a retry says the same.
      const replay = await t.api.get(`/api/bookings/${bookingId}`, as(traveller));
      expect(replay.body.payment.status).toBe('captured');
    });

    it('does not order when the card is declined: 402 PAYMENT_CARD_DECLINED, and a retry replays it', async () => {
      await saveCard('9995');
      try {
        const { tripId, offers } = await tripWithOffers('CDG');
        const key = randomUUID();
        const response = await book(tripId, offers[0].id, key);
        expect(response.status).toBe(402);
        expect(response.body.code).toBe('PAYMENT_CARD_DECLINED');
        expect(response.body.message).toMatch(/ending 9995 was declined \(insufficient_funds\)/);
        const row = await bookingRow(tripId);
        expect(row).toMatchObject({ status: 'failed', payment_status: 'failed' });
        expect(await sandboxOrders(row.id)).toBe(0);
        const booking = await t.api.get(`/api/bookings/${row.id}`, as(traveller));
        expect(booking.body).toMatchObject({
          failure: { code: 'PAYMENT_CARD_DECLINED' },
          payment: { method: 'card', status: 'failed', failureCode: 'insufficient_funds' },
        });
        const retry = await book(tripId, offers[0].id, key);
        expect(retry.status).toBe(402);
        expect(intentsFor(row.id)).toHaveLength(1);
      } finally {
        await saveCard('4242');
      }
    });

    it('asks for the card to be saved again when the bank wants authentication: 402 PAYMENT_AUTHENTICATION_REQUIRED', async () => {
      await saveCard('3184');
      try {
        const { tripId, offers } = await tripWithOffers('AMS');
        const response = await book(tripId, offers[0].id);
        expect(response.status).toBe(402);
        expect(response.body.code).toBe('PAYMENT_AUTHENTICATION_REQUIRED');
        expect(response.body.message).toMatch(/re-save the card/);
        const row = await bookingRow(tripId);
        expect(row).toMatchObject({ status: 'failed', payment_status: 'failed' });
        expect(await sandboxOrders(row.id)).toBe(0);
      } finally {
        await saveCard('4242');
      }
    });

    it.each([
      ['rate limited (429)', () => stripe.inject('POST /v1/payment_intents', StripeFaults.rateLimited())],
      ['a 500', () => stripe.inject('POST /v1/payment_intents', StripeFaults.serverError())],
    ])('answers 503 PAYMENT_PROVIDER_UNAVAILABLE when Stripe is %s, ordering nothing', async (_name, fault) => {
      const { tripId, offers } = await tripWithOffers('MAD');
      fault();
      const response = await book(tripId, offers[0].id);
      expect(response.status).toBe(503);
      expect(response.body.code).toBe('PAYMENT_PROVIDER_UNAVAILABLE');
      expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
      const row = await bookingRow(tripId);
      expect(row).toMatchObject({ status: 'failed', payment_status: 'failed' });
      expect(await sandboxOrders(row.id)).toBe(0);
      // A new key books it once Stripe answers again.
      const again = await book(tripId, offers[0].id);
      expect(again.status).toBe(201);
      expect(again.body.payment.status).toBe('captured');
    });

    it('answers 503 on a timeout, orders nothing, and releases the hold Stripe made meanwhile when its webhook arrives', async () => {
      const { tripId, offers } = await tripWithOffers('BCN');
      stripe.inject('POST /v1/payment_intents', StripeFaults.slow(2500));
      const response = await book(tripId, offers[0].id);
      expect(response.status).toBe(503);
      expect(response.body.code).toBe('PAYMENT_PROVIDER_UNAVAILABLE');
      const row = await bookingRow(tripId);
      expect(row).toMatchObject({ status: 'failed', payment_status: 'failed' });
      expect(await sandboxOrders(row.id)).toBe(0);
      // Stripe did authorise after all: its webhook tells us, and the hold is released.
      await new Promise((resolve) => setTimeout(resolve, 1800));
      const [stray] = intentsFor(row.id);
      expect(stray.status).toBe('requires_capture');
      const delivered = await deliverStripeEvent(t, stripeEvent('payment_intent.amount_capturable_updated', stray));
      expect(delivered.body).toEqual({ received: true, outcome: 'hold_released' });
      expect(stray.status).toBe('canceled');
      expect((await bookingRow(tripId)).payment_status).toBe('failed');
    });

    it('releases the hold when the supplier refuses the order after the authorisation', async () => {
      const { tripId, offers } = await tripWithOffers('VIE');
      const supplier = t.app.get<FlightSupplier>(FLIGHT_SUPPLIER);
      const refuse = jest
        .spyOn(supplier, 'createOrder')
        .mockRejectedValueOnce(new SupplierError('invalid_request', 'the airline refused the order', ['refused']));
      const response = await book(tripId, offers[0].id);
      refuse.mockRestore();
      expect(response.status).toBe(422);
      expect(response.body.code).toBe('BOOKING_SUPPLIER_REFUSED');
      const row = await bookingRow(tripId);
      expect(row).toMatchObject({ status: 'failed', payment_status: 'cancelled' });
      const [intent] = intentsFor(row.id);
      expect(intent).toMatchObject({ status: 'canceled', amount_received: 0 });
      expect(calls(new RegExp(`^/v1/payment_intents/${intent.id}/capture$`))).toHaveLength(0);
    });

    it("refunds on cancellation what the supplier refunds: by the penalty fare's refund, in full, or nothing", async () => {
      const { tripId, offers } = await tripWithOffers('ZRH');
      const withPenalty = offers.find(
        (offer) => Number(offer.conditions.refundBeforeDeparture?.penalty?.amount ?? 0) > 0,
      )!;
      const noRefund = offers.filter((offer) => offer.conditions.refundBeforeDeparture?.allowed === false);
      const supplier = t.app.get<FlightSupplier>(FLIGHT_SUPPLIER);
      const cancelWith = async (offer: Offer, fullRefund = false) => {
        const booked = await book(tripId, offer.id);
        expect(booked.status).toBe(201);
        expect((await t.api.post(`/api/bookings/${booked.body.id}/cancellation-quote`, {}, as(traveller))).status).toBe(
          200,
        );
        const confirm = supplier.confirmCancellation.bind(supplier);
        // A supplier that gives everything back (the sandbox's fares all keep a penalty or refund nothing).
        const spy = jest.spyOn(supplier, 'confirmCancellation').mockImplementationOnce(async (id) => ({
          ...(await confirm(id)),
          ...(fullRefund ? { refund: offer.totalAmount } : {}),
        }));
        const cancelled = await t.api.post(`/api/bookings/${booked.body.id}/cancel`, {}, as(traveller));
        spy.mockRestore();
        expect(cancelled.status).toBe(200);
        const [intent] = intentsFor(booked.body.id);
        return { body: cancelled.body, refunds: stripe.refunds.filter((made) => made.payment_intent === intent.id) };
      };

      const partial = await cancelWith(withPenalty);
      const refund = partial.body.cancellation.refund;
      expect(cents(refund.amount)).toBeGreaterThan(0);
      expect(cents(refund.amount)).toBeLessThan(cents(withPenalty.totalAmount.amount));
      expect(partial.body.payment).toMatchObject({
        status: 'partially_refunded',
        captured: withPenalty.totalAmount,
        refunded: refund,
      });
      expect(partial.refunds.map((made) => made.amount)).toEqual([cents(refund.amount)]);

      const full = await cancelWith(noRefund[0], true);
      expect(full.body.payment).toMatchObject({ status: 'refunded', refunded: noRefund[0].totalAmount });
      expect(full.refunds.map((made) => made.amount)).toEqual([cents(noRefund[0].totalAmount.amount)]);

      const none = await cancelWith(noRefund[1]);
      expect(none.body.cancellation.refund.amount).toBe('0.00');
      expect(none.body.payment).toMatchObject({ status: 'captured', refunded: null });
      expect(none.refunds).toEqual([]);
    });

    it('settles later what Stripe did not do at the time: a capture, then a refund (the reconciler)', async () => {
      const { tripId, offers } = await tripWithOffers('PRG');
      const reconciler = t.app.get(BookingReconciler);
      const offer = offers.find((item) => Number(item.conditions.refundBeforeDeparture?.penalty?.amount ?? 0) > 0)!;
      // Both capture tries (before the confirmation is written, and after it) meet a 500.
      stripe.inject('POST /v1/payment_intents/:id/capture', StripeFaults.serverError());
      stripe.inject('POST /v1/payment_intents/:id/capture', StripeFaults.serverError());
      const booked = await book(tripId, offer.id);
      expect(booked.status).toBe(201);
      expect(booked.body).toMatchObject({ status: 'confirmed', payment: { status: 'authorised', captured: null } });
      expect(await reconciler.settlePayments()).toBe(1);
      const captured = await t.api.get(`/api/bookings/${booked.body.id}`, as(traveller));
      expect(captured.body.payment).toMatchObject({ status: 'captured', captured: offer.totalAmount });
      expect(intentsFor(booked.body.id)[0]).toMatchObject({ status: 'succeeded' });
      // Nothing left to do: a second pass changes nothing and calls no capture.
      const captures = calls(/\/capture$/).length;
      expect(await reconciler.settlePayments()).toBe(0);
      expect(calls(/\/capture$/)).toHaveLength(captures);

      await t.api.post(`/api/bookings/${booked.body.id}/cancellation-quote`, {}, as(traveller));
      stripe.inject('POST /v1/refunds', StripeFaults.serverError());
      const cancelled = await t.api.post(`/api/bookings/${booked.body.id}/cancel`, {}, as(traveller));
      expect(cancelled.body).toMatchObject({ status: 'cancelled', payment: { status: 'captured', refunded: null } });
      expect(await reconciler.settlePayments()).toBe(1);
      const refunded = await t.api.get(`/api/bookings/${booked.body.id}`, as(traveller));
      expect(refunded.body.payment).toMatchObject({
        status: 'partially_refunded',
        refunded: cancelled.body.cancellation.refund,
      });
      expect(stripe.refunds.filter((made) => made.payment_intent === intentsFor(booked.body.id)[0].id)).toHaveLength(1);
    });

    it('pays a stay the same way: charged on confirmation, refunded in full under its free cancellation', async () => {
      const trip = await createTrip(t.api, traveller, {
        startDate: inDays(30),
        endDate: inDays(34),
        budget: undefined,
        timezone: 'Europe/Berlin',
      });
      expect((await t.api.post(`/api/trips/${trip.id}/submit`, {}, as(traveller))).status).toBe(200);
      expect((await t.api.post(`/api/trips/${trip.id}/approve`, {}, as(manager))).status).toBe(200);
      const search = await t.api.post(
        `/api/trips/${trip.id}/stay-searches?limit=100`,
        { checkInDate: inDays(30), checkOutDate: inDays(33) },
        as(traveller),
      );
      expect(search.status).toBe(201);
      const rate = (
        search.body.items as Array<{
          id: string;
          totalAmount: { amount: string };
          cancellation: { refundable: boolean };
        }>
      ).find((candidate) => candidate.cancellation.refundable)!;
      const booked = await t.api.post(
        `/api/trips/${trip.id}/bookings`,
        { stayRateId: rate.id },
        as(traveller, randomUUID()),
      );
      expect(booked.status).toBe(201);
      expect(booked.body).toMatchObject({
        kind: 'stay',
        status: 'confirmed',
        payment: { method: 'card', status: 'captured', captured: rate.totalAmount },
      });
      expect(intentsFor(booked.body.id)[0]).toMatchObject({
        amount: cents(rate.totalAmount.amount),
        status: 'succeeded',
      });
      await t.api.post(`/api/bookings/${booked.body.id}/cancellation-quote`, {}, as(traveller));
      const cancelled = await t.api.post(`/api/bookings/${booked.body.id}/cancel`, {}, as(traveller));
      expect(cancelled.body.cancellation.refund).toEqual(rate.totalAmount);
      expect(cancelled.body.payment).toMatchObject({ status: 'refunded', refunded: rate.totalAmount });
    });

    it('makes one PaymentIntent and one charge for 10 concurrent identical requests', async () => {
      const { tripId, offers } = await tripWithOffers('OSL');
      const key = randomUUID();
      const answers = await Promise.all(Array.from({ length: 10 }, () => book(tripId, offers[0].id, key)));
      expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(201));
      const ids = new Set(answers.map((answer) => answer.body.id));
      expect(ids.size).toBe(1);
      const [bookingId] = [...ids];
      expect(answers.every((answer) => answer.body.payment.status === 'captured')).toBe(true);
      const intents = intentsFor(bookingId);
      expect(intents).toHaveLength(1);
      expect(
        calls(/^\/v1\/payment_intents$/).filter(
          (call) => call.idempotencyKey === `nestmap-booking-${bookingId}-authorise`,
        ),
      ).toHaveLength(1);
      expect(calls(new RegExp(`^/v1/payment_intents/${intents[0].id}/capture$`))).toHaveLength(1);
      expect(await sandboxOrders(bookingId)).toBe(1);
    });

    it('removes the card: the next booking is invoiced', async () => {
      expect((await t.api.delete('/api/organizations/current/payment-method', as(admin))).status).toBe(204);
      expect((await t.api.get('/api/organizations/current/payment-method', as(admin))).body.card).toBeNull();
      const { tripId, offers } = await tripWithOffers('LIS');
      const before = stripe.paymentIntents.length;
      const response = await book(tripId, offers[0].id);
      expect(response.status).toBe(201);
      expect(response.body.payment).toEqual({
        method: 'invoice',
        status: 'none',
        card: null,
        captured: null,
        refunded: null,
        failureCode: null,
      });
      expect(stripe.paymentIntents).toHaveLength(before);
    });
  });
});

describe('Without Stripe', () => {
  let t: TestApp;
  let admin: Session;
  beforeAll(async () => {
    t = await startTestApp({ BOOKING_RECONCILE_INTERVAL_MS: '0' });
    admin = await registerOrganization(t.api);
  });
  afterAll(() => t.close());

  it('says card payments are off and refuses Checkout (422 PAYMENT_NOT_CONFIGURED): bookings are invoiced', async () => {
    const state = await t.api.get('/api/organizations/current/payment-method', { token: admin.accessToken });
    expect(state.body).toEqual({ cardPayments: false, publishableKey: null, card: null });
    const checkout = await t.api.post(
      '/api/organizations/current/payment-method/checkout-session',
      {},
      { token: admin.accessToken },
    );
    expect(checkout.status).toBe(422);
    expect(checkout.body.code).toBe('PAYMENT_NOT_CONFIGURED');
  });
});
