import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { addMember, createTrip, registerOrganization, type Session } from './support/factories';
import { inDays, OPEN_POLICY, PASSENGER_PROFILE } from './support/flight-fixtures';
import { type FakeStripe, StripeFaults, startFakeStripe } from './support/fake-stripe-server';
import { deliverStripeEvent, STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET, stripeEvent } from './support/stripe-webhooks';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Issue 11 § Payments: `POST /api/webhooks/stripe` verifies Stripe's signature over the raw body
 * (`stripe.webhooks.constructEvent`), is idempotent on the event id, and never moves a payment
 * backwards whatever order the events arrive in.
 */
describe('Stripe webhook', () => {
  let stripe: FakeStripe;
  let t: TestApp;
  let admin: Session;
  let traveller: Session;

  const as = (session: Session, key?: string) => ({
    token: session.accessToken,
    headers: key !== undefined ? { 'idempotency-key': key } : undefined,
  });
  const recorded = async () =>
    (await t.sql.query('SELECT count(*)::int AS n FROM stripe_webhook_events')).rows[0].n as number;
  const payment = async (bookingId: string) =>
    (await t.api.get(`/api/bookings/${bookingId}`, as(traveller))).body.payment as {
      status: string;
      captured: { amount: string } | null;
      refunded: { amount: string } | null;
    };
  const intentOf = (bookingId: string) =>
    stripe.paymentIntents.find((intent) => (intent.metadata as Record<string, string>).booking_id === bookingId)!;
  /** The SDK pointed at the fake, as someone at the Stripe dashboard would act. */
  const dashboard = () =>
    new Stripe(STRIPE_SECRET_KEY, {
      host: '127.0.0.1',
      port: Number(new URL(stripe.url).port),
      protocol: 'http',
      maxNetworkRetries: 0,
    });

  /** A confirmed, card-paid sandbox flight booking. */
  const cardBooking = async (
    destination: string,
  ): Promise<{ id: string; price: { amount: string }; payment: { status: string } }> => {
    const trip = await createTrip(t.api, traveller, { startDate: inDays(40), endDate: inDays(45), budget: undefined });
    await t.api.post(`/api/trips/${trip.id}/submit`, {}, as(traveller));
    await t.api.post(`/api/trips/${trip.id}/approve`, {}, as(admin));
    const search = await t.api.post(
      `/api/trips/${trip.id}/flight-searches`,
      { slices: [{ origin: 'FRA', destination, departureDate: inDays(41) }] },
      as(traveller),
    );
    const booked = await t.api.post(
      `/api/trips/${trip.id}/bookings`,
      { offerId: search.body.items[0].id },
      as(traveller, randomUUID()),
    );
    expect(booked.status).toBe(201);
    return booked.body;
  };

  beforeAll(async () => {
    stripe = await startFakeStripe();
    t = await startTestApp({
      BOOKING_RECONCILE_INTERVAL_MS: '0',
      STRIPE_SECRET_KEY,
      STRIPE_WEBHOOK_SECRET,
      STRIPE_API_BASE_URL: stripe.url,
      STRIPE_MAX_NETWORK_RETRIES: '0',
    });
    admin = await registerOrganization(t.api);
    traveller = await addMember(t.api, admin, 'traveller', 'Tom Traveller');
    await t.api.put('/api/organizations/current/policy', OPEN_POLICY, as(admin));
    await t.api.put('/api/users/me/passenger-profile', PASSENGER_PROFILE, as(traveller));
    const session = await t.api.post('/api/organizations/current/payment-method/checkout-session', {}, as(admin));
    const { session: completed } = stripe.completeCheckout(session.body.sessionId, { last4: '4242' });
    expect((await deliverStripeEvent(t, stripeEvent('checkout.session.completed', completed))).body.outcome).toBe(
      'card_saved',
    );
  });
  afterAll(async () => {
    await t.close();
    await stripe.close();
  });

  describe('signature', () => {
    it('refuses a missing, wrong, stale or tampered signature with 401 WEBHOOK_SIGNATURE_INVALID, recording nothing', async () => {
      const before = await recorded();
      const event = stripeEvent('payment_intent.succeeded', {
        id: 'pi_unknown',
        object: 'payment_intent',
        metadata: {},
      });
      const refusals = [
        await deliverStripeEvent(t, event, { signature: null }),
        await deliverStripeEvent(t, event, { signature: '' }),
        await deliverStripeEvent(t, event, { secret: 'whsec_another_secret_0123456789abcdef' }),
        await deliverStripeEvent(t, event, { timestamp: Math.floor(Date.now() / 1000) - 600 }),
        await deliverStripeEvent(t, event, { signature: 't=1,v1=deadbeef' }),
      ];
      // Signed over one body, another delivered.
      const signed = new Stripe(STRIPE_SECRET_KEY).webhooks.generateTestHeaderString({
        payload: JSON.stringify(event),
        secret: STRIPE_WEBHOOK_SECRET,
      });
      refusals.push(await deliverStripeEvent(t, { ...event, type: 'charge.refunded' }, { signature: signed }));
      for (const refusal of refusals) {
        expect(refusal.status).toBe(401);
        expect(refusal.body.code).toBe('WEBHOOK_SIGNATURE_INVALID');
      }
      expect(await recorded()).toBe(before);
    });

    it('accepts a good signature over the raw body, and is public (no token) but ignores event types it does not handle', async () => {
      const event = stripeEvent('customer.created', { id: 'cus_x', object: 'customer' });
      const response = await deliverStripeEvent(t, event);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ received: true, outcome: 'ignored' });
      const stored = await t.sql.query('SELECT type, outcome FROM stripe_webhook_events WHERE id = $1', [event.id]);
      expect(stored.rows).toEqual([{ type: 'customer.created', outcome: 'ignored' }]);
    });
  });

  describe('replays and ordering', () => {
    it('is idempotent on the event id: a second delivery is a duplicate and changes nothing', async () => {
      const booking = await cardBooking('LHR');
      const intent = intentOf(booking.id);
      const charge = {
        id: intent.latest_charge,
        object: 'charge',
        payment_intent: intent.id,
        amount: intent.amount,
        amount_captured: intent.amount,
        amount_refunded: 100,
        refunded: false,
        currency: intent.currency,
        metadata: {},
      };
      const event = stripeEvent('charge.refunded', charge);
      expect((await deliverStripeEvent(t, event)).body).toEqual({ received: true, outcome: 'partially_refunded' });
      const after = await payment(booking.id);
      expect(after).toMatchObject({ status: 'partially_refunded', refunded: { amount: '1.00' } });
      const version = (await t.api.get(`/api/bookings/${booking.id}`, as(traveller))).body.version;
      // The same event again, even with a different body: its id was handled.
      const again = await deliverStripeEvent(t, {
        ...event,
        data: { object: { ...charge, amount_refunded: intent.amount, refunded: true } },
      });
      expect(again.body).toEqual({ received: true, outcome: 'duplicate' });
      expect((await t.api.get(`/api/bookings/${booking.id}`, as(traveller))).body).toMatchObject({
        version,
        payment: { status: 'partially_refunded', refunded: { amount: '1.00' } },
      });
    });

    it('never moves a payment backwards: late failure, cancellation and authorisation events of a captured payment are stale', async () => {
      const booking = await cardBooking('CDG');
      const intent = intentOf(booking.id);
      expect((await payment(booking.id)).status).toBe('captured');
      for (const type of [
        'payment_intent.payment_failed',
        'payment_intent.canceled',
        'payment_intent.amount_capturable_updated',
      ]) {
        const stale = { ...intent, status: type === 'payment_intent.canceled' ? 'canceled' : 'requires_capture' };
        const response = await deliverStripeEvent(t, stripeEvent(type, stale));
        expect(response.body).toEqual({ received: true, outcome: 'stale:captured' });
      }
      expect((await payment(booking.id)).status).toBe('captured');
      expect(intent.status).toBe('succeeded');
      // A full refund, then a late partial one: still refunded, amount kept.
      const charge = {
        id: intent.latest_charge,
        object: 'charge',
        payment_intent: intent.id,
        amount: intent.amount,
        amount_captured: intent.amount,
        currency: intent.currency,
        metadata: {},
      };
      const full = await deliverStripeEvent(
        t,
        stripeEvent('charge.refunded', { ...charge, amount_refunded: intent.amount, refunded: true }),
      );
      expect(full.body.outcome).toBe('refunded');
      const late = await deliverStripeEvent(
        t,
        stripeEvent('charge.refunded', { ...charge, amount_refunded: 500, refunded: false }),
      );
      expect(late.body.outcome).toBe('stale:refunded');
      expect(await payment(booking.id)).toMatchObject({ status: 'refunded', refunded: booking.price });
    });

    it('takes a capture Stripe reports (payment_intent.succeeded) when ours failed, and retries our capture on the next event', async () => {
      // Both tries (before the confirmation is written, and after) fail.
      const failCaptures = () => {
        stripe.inject('POST /v1/payment_intents/:id/capture', StripeFaults.serverError());
        stripe.inject('POST /v1/payment_intents/:id/capture', StripeFaults.serverError());
      };
      failCaptures();
      const first = await cardBooking('AMS');
      // The supplier confirmed; Stripe failed the capture: the booking stands, the hold waits.
      expect(first).toMatchObject({ status: 'confirmed', payment: { status: 'authorised', captured: null } });
      const captured = await dashboard().paymentIntents.capture(intentOf(first.id).id as string);
      const succeeded = await deliverStripeEvent(
        t,
        stripeEvent('payment_intent.succeeded', captured as unknown as Record<string, unknown>),
      );
      expect(succeeded.body.outcome).toBe('captured');
      expect(await payment(first.id)).toMatchObject({ status: 'captured', captured: first.price });

      failCaptures();
      const second = await cardBooking('MAD');
      expect(second.payment).toMatchObject({ status: 'authorised' });
      // Stripe redelivers the authorisation: an old event, but the booking is settled (captured) now.
      const replayed = await deliverStripeEvent(
        t,
        stripeEvent('payment_intent.amount_capturable_updated', intentOf(second.id)),
      );
      expect(replayed.body.outcome).toBe('stale:captured');
      expect(intentOf(second.id).status).toBe('succeeded');
      expect(await payment(second.id)).toMatchObject({ status: 'captured', captured: second.price });
    });

    it('answers unknown PaymentIntents and customers without changing anything', async () => {
      const intent = stripeEvent('payment_intent.succeeded', {
        id: 'pi_nobody',
        object: 'payment_intent',
        metadata: {},
        amount_received: 100,
        currency: 'eur',
      });
      expect((await deliverStripeEvent(t, intent)).body.outcome).toBe('unknown_payment');
      const setup = stripeEvent('setup_intent.succeeded', {
        id: 'seti_x',
        object: 'setup_intent',
        status: 'succeeded',
        customer: 'cus_nobody',
        payment_method: 'pm_x',
      });
      expect((await deliverStripeEvent(t, setup)).body.outcome).toBe('unknown_customer');
    });
  });

  describe('the saved card', () => {
    it('replaces the card on setup_intent.succeeded, with its brand and last four only', async () => {
      const session = await t.api.post('/api/organizations/current/payment-method/checkout-session', {}, as(admin));
      const { setupIntent } = stripe.completeCheckout(session.body.sessionId, { last4: '5556', brand: 'mastercard' });
      const response = await deliverStripeEvent(t, stripeEvent('setup_intent.succeeded', setupIntent));
      expect(response.body.outcome).toBe('card_saved');
      const saved = await t.api.get('/api/organizations/current/payment-method', as(admin));
      expect(saved.body.card).toMatchObject({ brand: 'mastercard', last4: '5556' });
      const columns = await t.sql.query('SELECT * FROM organization_payment_methods WHERE organization_id = $1', [
        admin.user.organizationId,
      ]);
      expect(JSON.stringify(columns.rows)).not.toMatch(/4000|5555 ?5555/);
    });

    it('ignores a completed Checkout Session of another organization’s customer', async () => {
      const other = await registerOrganization(t.api);
      const session = await t.api.post(
        '/api/organizations/current/payment-method/checkout-session',
        {},
        { token: other.accessToken },
      );
      const { session: completed } = stripe.completeCheckout(session.body.sessionId, { last4: '1881' });
      // Claims to be for the first organization: the customer says otherwise.
      const forged = { ...completed, client_reference_id: admin.user.organizationId };
      expect((await deliverStripeEvent(t, stripeEvent('checkout.session.completed', forged))).body.outcome).toBe(
        'unknown_customer',
      );
      expect((await t.api.get('/api/organizations/current/payment-method', as(admin))).body.card.last4).toBe('5556');
    });
  });
});
