import { randomUUID } from 'node:crypto';
import { BookingOrders } from '../src/booking/booking-orders';
import { BookingReconciler } from '../src/booking/booking-reconciler';
import { addMember, createTrip, registerOrganization, Session } from './support/factories';
import { drainOutbox } from './support/outbox';
import { inDays, OPEN_POLICY, PASSENGER_PROFILE } from './support/flight-fixtures';
import { startTestApp, TestApp } from './support/test-app';

interface Offer {
  id: string;
  totalAmount: { amount: string; currency: string };
  policy: { verdict: string };
}

/** Issue 10 § Booking: idempotent flight bookings on the sandbox supplier, their lifecycle and the reconciler. */
describe('Bookings', () => {
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
  /** A trip of the traveller, approved by the manager, and the offers of a one-way search for it. */
  const approvedTripWithOffers = async (
    origin = 'FRA',
    destination = 'LHR',
  ): Promise<{ trip: { id: string; title: string }; offers: Offer[] }> => {
    const trip = await createTrip(t.api, traveller, { startDate: inDays(40), endDate: inDays(45), budget: undefined });
    expect((await t.api.post(`/api/trips/${trip.id}/submit`, {}, as(traveller))).status).toBe(200);
    expect((await t.api.post(`/api/trips/${trip.id}/approve`, {}, as(manager))).status).toBe(200);
    const search = await t.api.post(
      `/api/trips/${trip.id}/flight-searches?limit=100`,
      { slices: [{ origin, destination, departureDate: inDays(41) }] },
      as(traveller),
    );
    expect(search.status).toBe(201);
    return { trip, offers: search.body.items };
  };
  /** `key: null` sends no Idempotency-Key. */
  const book = (session: Session, tripId: string, body: Record<string, unknown>, key: string | null = randomUUID()) =>
    t.api.post(`/api/trips/${tripId}/bookings`, body, as(session, key ?? undefined));
  const sandboxOrders = async (bookingId: string) =>
    (await t.sql.query('SELECT count(*)::int AS n FROM sandbox_flight_orders WHERE booking_id = $1', [bookingId]))
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

  describe('booking an in-policy offer', () => {
    it('confirms it: 201, one sandbox order, the flights in the itinerary, the trip booked, e-mail and audit', async () => {
      const { trip, offers } = await approvedTripWithOffers();
      const offer = offers[0];
      const response = await book(traveller, trip.id, { offerId: offer.id });
      expect(response.status).toBe(201);
      const booking = response.body;
      expect(booking).toMatchObject({
        tripId: trip.id,
        status: 'confirmed',
        supplier: 'sandbox',
        price: offer.totalAmount,
        passengerIds: [traveller.user.id],
        bookedBy: { id: traveller.user.id },
        policy: { verdict: 'in_policy', reasonCode: null },
        offer: { id: offer.id },
        failure: null,
        allowedActions: ['quote_cancellation'],
      });
      expect(booking.bookingReference).toMatch(/^SBX-/);
      expect(booking.cheapestInPolicy).toEqual({ offerId: expect.any(String), price: expect.any(Object) });
      expect(JSON.stringify(booking)).not.toMatch(/supplierOfferId|supplierOrderId|idempotency|fingerprint|1985-04-12/);
      expect(await sandboxOrders(booking.id)).toBe(1);

      const itinerary = await t.api.get(`/api/trips/${trip.id}/activities`, as(traveller));
      const flights = itinerary.body.items.filter((activity: { type: string }) => activity.type === 'flight');
      expect(flights.map((flight: { id: string }) => flight.id).sort()).toEqual([...booking.activityIds].sort());
      const segments = booking.offer.slices.flatMap((slice: { segments: unknown[] }) => slice.segments);
      expect(flights).toHaveLength(segments.length);
      expect(flights[0]).toMatchObject({
        bookingReference: booking.bookingReference,
        timezone: 'Europe/Berlin',
        endTimezone: 'Europe/London',
      });
      expect((await t.api.get(`/api/trips/${trip.id}`, as(traveller))).body.status).toBe('booked');

      await drainOutbox(t);
      const mails = await t.sql.query(
        `SELECT "to", subject, text FROM outbox_messages WHERE topic = 'mail' AND subject LIKE '%Flight booked%' AND text LIKE $1`,
        [`%${booking.bookingReference}%`],
      );
      expect(mails.rows).toHaveLength(1);
      expect(mails.rows[0].subject).toMatch(/^\[Sandbox\] Flight booked/);
      expect(mails.rows[0].text).toMatch(/SANDBOX booking/);
      const audit = await t.sql.query('SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY created_at', [
        booking.id,
      ]);
      expect(audit.rows.map((row: { action: string }) => row.action).sort()).toEqual([
        'booking.confirmed',
        'booking.ordering',
      ]);
    });
  });

  describe('idempotency (S15, S27)', () => {
    it('requires an Idempotency-Key: 400 IDEMPOTENCY_KEY_INVALID when missing or malformed, nothing written', async () => {
      const { trip, offers } = await approvedTripWithOffers();
      for (const key of [null, '', 'has spaces in it', 'x'.repeat(256)]) {
        const response = await book(traveller, trip.id, { offerId: offers[0].id }, key);
        expect(response.status).toBe(400);
        expect(response.body.code).toBe('IDEMPOTENCY_KEY_INVALID');
      }
      expect(
        (await t.sql.query('SELECT count(*)::int AS n FROM bookings WHERE trip_id = $1', [trip.id])).rows[0].n,
      ).toBe(0);
    });

    it('answers a retry with the same key and body with the same status and body, and orders once', async () => {
      const { trip, offers } = await approvedTripWithOffers();
      const key = randomUUID();
      const first = await book(traveller, trip.id, { offerId: offers[1].id }, key);
      const second = await book(traveller, trip.id, { offerId: offers[1].id }, key);
      expect(first.status).toBe(201);
      expect(second.status).toBe(first.status);
      expect(second.body).toEqual(first.body);
      expect(await sandboxOrders(first.body.id)).toBe(1);
      expect(
        (await t.sql.query('SELECT count(*)::int AS n FROM bookings WHERE trip_id = $1', [trip.id])).rows[0].n,
      ).toBe(1);
    });

    it('forgets a key after 24 hours: the same key then makes a new request (S27, R11)', async () => {
      const { trip, offers } = await approvedTripWithOffers();
      const key = randomUUID();
      const first = await book(traveller, trip.id, { offerId: offers[0].id }, key);
      expect(first.status).toBe(201);
      await t.sql.query("UPDATE bookings SET created_at = created_at - interval '25 hours' WHERE id = $1", [
        first.body.id,
      ]);
      const later = await book(traveller, trip.id, { offerId: offers[1].id }, key);
      expect(later.status).toBe(201);
      expect(later.body.id).not.toBe(first.body.id);
      const rows = await t.sql.query('SELECT idempotency_key FROM bookings WHERE trip_id = $1 ORDER BY created_at', [
        trip.id,
      ]);
      expect(rows.rows.map((row: { idempotency_key: string }) => row.idempotency_key)).toEqual([
        `${key} retired ${first.body.id}`,
        key,
      ]);
    });

    it('refuses the same key with another body (422 IDEMPOTENCY_KEY_REUSED), ordering nothing more', async () => {
      const { trip, offers } = await approvedTripWithOffers();
      const key = randomUUID();
      const first = await book(traveller, trip.id, { offerId: offers[0].id }, key);
      expect(first.status).toBe(201);
      const other = await book(traveller, trip.id, { offerId: offers[1].id }, key);
      expect(other.status).toBe(422);
      expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
      expect(
        (await t.sql.query('SELECT count(*)::int AS n FROM bookings WHERE trip_id = $1', [trip.id])).rows[0].n,
      ).toBe(1);
    });

    it('keeps keys per user: the same key from someone else is a request of their own', async () => {
      const { trip, offers } = await approvedTripWithOffers();
      const key = randomUUID();
      expect((await book(traveller, trip.id, { offerId: offers[0].id }, key)).status).toBe(201);
      const other = await book(manager, trip.id, { offerId: offers[0].id }, key);
      // The manager's own request for the same offer: the offer is booked already (S15).
      expect(other.status).toBe(409);
      expect(other.body.code).toBe('FLIGHT_OFFER_ALREADY_BOOKED');
    });

    it('20 concurrent requests with one key: exactly one booking and one supplier order, every answer the same', async () => {
      const { trip, offers } = await approvedTripWithOffers('LHR', 'CDG');
      const key = randomUUID();
      const answers = await Promise.all(
        Array.from({ length: 20 }, () => book(traveller, trip.id, { offerId: offers[0].id }, key)),
      );
      expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(201));
      const ids = new Set(answers.map((answer) => answer.body.id));
      expect(ids.size).toBe(1);
      for (const answer of answers) expect(answer.body).toEqual(answers[0].body);
      const [id] = ids;
      expect(await sandboxOrders(id)).toBe(1);
      expect(
        (
          await t.sql.query(
            'SELECT count(*)::int AS n FROM sandbox_flight_orders o JOIN bookings b ON b.id::text = o.booking_id WHERE b.trip_id = $1',
            [trip.id],
          )
        ).rows[0].n,
      ).toBe(1);
    });

    it('20 concurrent requests for one offer with different keys: one booking, one order, the rest 409 (S15)', async () => {
      const { trip, offers } = await approvedTripWithOffers('LHR', 'AMS');
      const answers = await Promise.all(
        Array.from({ length: 20 }, () => book(traveller, trip.id, { offerId: offers[0].id })),
      );
      const statuses = answers.map((answer) => answer.status).sort();
      expect(statuses.filter((status) => status === 201)).toHaveLength(1);
      expect(statuses.filter((status) => status === 409)).toHaveLength(19);
      expect(
        answers
          .filter((answer) => answer.status === 409)
          .every((answer) => answer.body.code === 'FLIGHT_OFFER_ALREADY_BOOKED'),
      ).toBe(true);
      expect(
        (await t.sql.query('SELECT count(*)::int AS n FROM bookings WHERE trip_id = $1', [trip.id])).rows[0].n,
      ).toBe(1);
    });
  });

  describe('several travellers', () => {
    it('books every traveller of the trip by default, lead first, and refuses someone who is not on it (422)', async () => {
      const colleague = await addMember(t.api, admin, 'traveller', 'Cleo Colleague');
      expect(
        (
          await t.api.put(
            '/api/users/me/passenger-profile',
            { ...PASSENGER_PROFILE, givenName: 'Cleo', gender: 'f', title: 'ms' },
            as(colleague),
          )
        ).status,
      ).toBe(200);
      const trip = await createTrip(t.api, traveller, {
        startDate: inDays(40),
        endDate: inDays(45),
        budget: undefined,
        coTravellerIds: [colleague.user.id],
      });
      const search = await t.api.post(
        `/api/trips/${trip.id}/flight-searches`,
        { slices: [{ origin: 'FRA', destination: 'BER', departureDate: inDays(41) }] },
        as(traveller),
      );
      expect(search.body.search.passengers).toBe(2);
      const offerId = search.body.items[0].id;
      const stranger = await book(traveller, trip.id, { offerId, passengerIds: [traveller.user.id, manager.user.id] });
      expect([stranger.status, stranger.body.code]).toEqual([422, 'BOOKING_PASSENGERS_MISMATCH']);
      const one = await book(traveller, trip.id, { offerId, passengerIds: [traveller.user.id] });
      expect([one.status, one.body.code]).toEqual([422, 'BOOKING_PASSENGERS_MISMATCH']);
      const booked = await book(traveller, trip.id, { offerId });
      expect(booked.status).toBe(201);
      expect(booked.body.passengerIds).toEqual([traveller.user.id, colleague.user.id]);
      // A co-traveller sees the trip but does not manage it: booking for it is not theirs to do (403).
      const byColleague = await book(colleague, trip.id, { offerId: search.body.items[1].id });
      expect([byColleague.status, byColleague.body.code]).toEqual([403, 'FORBIDDEN']);
      // The co-traveller sees the booking of a trip they travel on, but cancelling it is the lead's.
      const seen = await t.api.get(`/api/bookings/${booked.body.id}`, as(colleague));
      expect([seen.status, seen.body.allowedActions]).toEqual([200, []]);
      expect((await t.api.get(`/api/bookings/${booked.body.id}`, as(traveller))).body.allowedActions).toEqual([
        'quote_cancellation',
      ]);
      expect((await t.api.post(`/api/bookings/${booked.body.id}/cancellation-quote`, {}, as(colleague))).status).toBe(
        403,
      );
    });
  });

  describe('access', () => {
    it('is 404 for another organization’s trip and booking, 403 for a traveller on the organization list, which filters by trip, status and day', async () => {
      const { trip, offers } = await approvedTripWithOffers();
      expect((await book(stranger, trip.id, { offerId: offers[0].id })).status).toBe(404);
      const booked = await book(traveller, trip.id, { offerId: offers[0].id });
      expect((await t.api.get(`/api/bookings/${booked.body.id}`, as(stranger))).status).toBe(404);
      expect((await t.api.get(`/api/trips/${trip.id}/bookings`, as(stranger))).status).toBe(404);
      expect((await t.api.get('/api/bookings', as(traveller))).status).toBe(403);
      const listed = await t.api.get(`/api/bookings?tripId=${trip.id}`, as(admin));
      expect(listed.status).toBe(200);
      expect(listed.body.items.map((item: { id: string }) => item.id)).toEqual([booked.body.id]);
      expect((await t.api.get(`/api/bookings?tripId=${trip.id}`, as(stranger))).body.items).toEqual([]);
      const today = new Date().toISOString().slice(0, 10);
      const filtered = await t.api.get(
        `/api/bookings?tripId=${trip.id}&status=confirmed&status=ordering&from=${today}&to=${today}&limit=5`,
        as(manager),
      );
      expect(filtered.status).toBe(200);
      expect(filtered.body).toMatchObject({ total: 1, page: 1, limit: 5 });
      const none = await t.api.get(`/api/bookings?tripId=${trip.id}&status=cancelled`, as(manager));
      expect(none.body).toMatchObject({ items: [], total: 0 });
      const past = await t.api.get(`/api/bookings?tripId=${trip.id}&to=2020-01-01`, as(manager));
      expect(past.body.total).toBe(0);
      expect((await t.api.get('/api/bookings?status=nonsense', as(admin))).status).toBe(400);
    });
  });

  describe('out of policy', () => {
    afterEach(() => setPolicy());

    it('waits for approval (pending_approval, no order), the approver approves: ordered and confirmed', async () => {
      await setPolicy({ maxFlightFare: '1.00' });
      const { trip, offers } = await approvedTripWithOffers();
      const key = randomUUID();
      const pending = await book(traveller, trip.id, { offerId: offers[0].id }, key);
      expect(pending.status).toBe(201);
      const retried = await book(traveller, trip.id, { offerId: offers[0].id }, key);
      expect([retried.status, retried.body]).toEqual([201, pending.body]);
      expect(pending.body).toMatchObject({
        status: 'pending_approval',
        policy: { verdict: 'needs_approval' },
        allowedActions: [],
      });
      expect(pending.body.policy.reasons[0].rule).toBe('flight_fare');
      expect(await sandboxOrders(pending.body.id)).toBe(0);
      expect((await t.api.get(`/api/bookings/${pending.body.id}`, as(manager))).body.allowedActions).toEqual([
        'approve',
        'reject',
      ]);
      const selfApproval = await t.api.post(`/api/bookings/${pending.body.id}/approve`, {}, as(traveller));
      expect(selfApproval.status).toBe(403);
      const approved = await t.api.post(
        `/api/bookings/${pending.body.id}/approve`,
        { reason: 'Client visit' },
        as(manager),
      );
      expect(approved.status).toBe(200);
      expect(approved.body).toMatchObject({
        status: 'confirmed',
        decision: { outcome: 'approved', decidedBy: { id: manager.user.id }, reason: 'Client visit' },
      });
      expect(await sandboxOrders(pending.body.id)).toBe(1);
      const again = await t.api.post(`/api/bookings/${pending.body.id}/approve`, {}, as(manager));
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('BOOKING_ILLEGAL_TRANSITION');
    });

    it('e-mails each approver a link of their own: opening it changes nothing, deciding is a POST, then the link is dead (S29)', async () => {
      await setPolicy({ maxFlightFare: '1.00' });
      const { trip, offers } = await approvedTripWithOffers();
      // Earlier tests' e-mails are written first, so only this booking's are after `since`.
      await drainOutbox(t);
      const [{ since }] = (await t.sql.query('SELECT now() AS since')).rows;
      const pending = await book(traveller, trip.id, { offerId: offers[0].id });
      expect(pending.body.status).toBe('pending_approval');
      await drainOutbox(t);
      const mails = await t.sql.query(
        `SELECT "to", text FROM outbox_messages WHERE topic = 'mail' AND subject LIKE '%needs approval%' AND created_at > $1`,
        [since],
      );
      const recipients = mails.rows.map((row: { to: string }) => row.to).sort();
      expect(recipients).toEqual([admin.user.email, manager.user.email].sort());
      const links = mails.rows.map((row: { text: string }) => /\/booking-approval\/([\w-]{43})/.exec(row.text)![1]);
      expect(new Set(links).size).toBe(2);
      const stored = await t.sql.query('SELECT token_hash FROM booking_approval_links WHERE booking_id = $1', [
        pending.body.id,
      ]);
      expect(stored.rows.map((row: { token_hash: string }) => row.token_hash)).not.toContain(links[0]);

      const mailOf = mails.rows.find((row: { to: string }) => row.to === manager.user.email)!;
      const token = /\/booking-approval\/([\w-]{43})/.exec(mailOf.text)![1];
      const preview = await t.api.post('/api/booking-approvals/peek', { token });
      expect(preview.status).toBe(200);
      expect(preview.headers.get('x-robots-tag')).toBe('noindex');
      expect(preview.headers.get('referrer-policy')).toBe('no-referrer');
      expect(preview.body.tripTitle).toBe(trip.title);
      expect(preview.body.booking).toMatchObject({
        id: pending.body.id,
        status: 'pending_approval',
        allowedActions: ['approve', 'reject'],
      });
      expect((await t.api.get(`/api/bookings/${pending.body.id}`, as(traveller))).body.status).toBe('pending_approval');

      const approved = await t.api.post('/api/booking-approvals/approve', { token, reason: 'From the e-mail' });
      expect(approved.status).toBe(200);
      expect(approved.body).toMatchObject({
        status: 'confirmed',
        decision: { outcome: 'approved', decidedBy: { id: manager.user.id } },
      });
      for (const link of links) {
        expect((await t.api.post('/api/booking-approvals/peek', { token: link })).status).toBe(404);
        expect((await t.api.post('/api/booking-approvals/reject', { token: link })).status).toBe(404);
      }
      expect((await t.api.post('/api/booking-approvals/peek', { token: 'x'.repeat(43) })).status).toBe(404);
      expect(await sandboxOrders(pending.body.id)).toBe(1);
    });

    it('fails a booking whose offer expired while it waited for approval, and tells the booker', async () => {
      await setPolicy({ maxFlightFare: '1.00' });
      const { trip, offers } = await approvedTripWithOffers();
      const pending = await book(traveller, trip.id, { offerId: offers[0].id });
      const reconciler = t.app.get(BookingReconciler);
      expect(await reconciler.expireWaiting(new Date())).toBe(0);
      const afterExpiry = new Date(Date.parse(pending.body.offer.expiresAt) + 1000);
      expect(await reconciler.expireWaiting(afterExpiry)).toBeGreaterThanOrEqual(1);
      const expired = await t.api.get(`/api/bookings/${pending.body.id}`, as(traveller));
      expect(expired.body).toMatchObject({ status: 'failed', failure: { code: 'FLIGHT_OFFER_EXPIRED' } });
      const late = await t.api.post(`/api/bookings/${pending.body.id}/approve`, {}, as(manager));
      expect([late.status, late.body.code]).toEqual([409, 'BOOKING_ILLEGAL_TRANSITION']);
      expect(await sandboxOrders(pending.body.id)).toBe(0);
      await drainOutbox(t);
      const mails = await t.sql.query(
        `SELECT "to" FROM outbox_messages WHERE topic = 'mail' AND subject LIKE '%Flight booking failed%' AND text LIKE '%waited for approval%'`,
      );
      expect(mails.rows.map((row: { to: string }) => row.to)).toContain(traveller.user.email);
    });

    it('a rejected booking orders nothing', async () => {
      await setPolicy({ maxFlightFare: '1.00' });
      const { trip, offers } = await approvedTripWithOffers();
      const pending = await book(traveller, trip.id, { offerId: offers[0].id });
      const rejected = await t.api.post(`/api/bookings/${pending.body.id}/reject`, { reason: 'Too dear' }, as(manager));
      expect(rejected.status).toBe(200);
      expect(rejected.body).toMatchObject({
        status: 'rejected',
        decision: { outcome: 'rejected', reason: 'Too dear' },
      });
      expect(await sandboxOrders(pending.body.id)).toBe(0);
    });

    it('asks for a reason code when the policy wants one (422 POLICY_REASON_REQUIRED), then books with it', async () => {
      await setPolicy({ maxFlightFare: '1.00', outOfPolicy: 'allowed_with_reason' });
      const { trip, offers } = await approvedTripWithOffers();
      const without = await book(traveller, trip.id, { offerId: offers[0].id });
      expect(without.status).toBe(422);
      expect(without.body.code).toBe('POLICY_REASON_REQUIRED');
      const unknown = await book(traveller, trip.id, { offerId: offers[0].id, reasonCode: 'because' });
      expect(unknown.body.code).toBe('POLICY_REASON_REQUIRED');
      const withReason = await book(traveller, trip.id, { offerId: offers[0].id, reasonCode: 'client_requirement' });
      expect(withReason.status).toBe(201);
      expect(withReason.body).toMatchObject({
        status: 'confirmed',
        policy: { verdict: 'in_policy', reasonCode: 'client_requirement' },
      });
    });

    it('refuses a blocked airline (422 POLICY_BLOCKED) with nothing written', async () => {
      const { trip, offers } = await approvedTripWithOffers();
      const booking = await t.api.get(`/api/trips/${trip.id}/bookings`, as(traveller));
      expect(booking.body.items).toEqual([]);
      const full = await t.sql.query('SELECT offer FROM flight_offers WHERE id = $1', [offers[0].id]);
      await setPolicy({ blockedAirlines: [full.rows[0].offer.slices[0].segments[0].marketingCarrier.iataCode] });
      const response = await book(traveller, trip.id, { offerId: offers[0].id });
      expect(response.status).toBe(422);
      expect(response.body.code).toBe('POLICY_BLOCKED');
      expect(
        (await t.sql.query('SELECT count(*)::int AS n FROM bookings WHERE trip_id = $1', [trip.id])).rows[0].n,
      ).toBe(0);
    });
  });

  describe('price checks', () => {
    it('asks again when the offer costs more than the price the booker agreed to (409 FLIGHT_OFFER_PRICE_CHANGED)', async () => {
      const { trip, offers } = await approvedTripWithOffers();
      const response = await book(traveller, trip.id, {
        offerId: offers[0].id,
        acceptedPrice: { amount: '1.00', currency: offers[0].totalAmount.currency },
      });
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('FLIGHT_OFFER_PRICE_CHANGED');
      expect(response.body.details).toEqual({ newTotal: offers[0].totalAmount });
      expect(
        (await t.sql.query('SELECT count(*)::int AS n FROM bookings WHERE trip_id = $1', [trip.id])).rows[0].n,
      ).toBe(0);
    });
  });

  describe('the reconciler (R20)', () => {
    it('confirms a booking whose order was made when our write after it failed: one order, one of two concurrent passes, the retry gets the answer', async () => {
      const { trip, offers } = await approvedTripWithOffers('FRA', 'MUC');
      const orders = t.app.get(BookingOrders);
      const crash = jest
        .spyOn(orders, 'confirm')
        .mockRejectedValueOnce(new Error('simulated crash after the supplier answered'));
      const key = randomUUID();
      const response = await book(traveller, trip.id, { offerId: offers[0].id }, key);
      crash.mockRestore();
      expect(response.status).toBe(500);
      const [row] = (await t.sql.query('SELECT id, status FROM bookings WHERE trip_id = $1', [trip.id])).rows;
      expect(row.status).toBe('ordering');
      expect(await sandboxOrders(row.id)).toBe(1);

      const reconciler = t.app.get(BookingReconciler);
      // Not stale yet: left alone.
      expect(
        await reconciler.reconcile(new Date(), {
          orderingStaleMs: 60_000,
          orderingDeadlineMs: 3_600_000,
        }),
      ).toEqual({ confirmed: 0, failed: 0, waiting: 0 });
      // Two passes at once, as the two API processes' reconcilers: one claims the booking, the other skips it.
      const later = new Date(Date.now() + 120_000);
      const thresholds = { orderingStaleMs: 60_000, orderingDeadlineMs: 3_600_000 };
      const passes = await Promise.all([
        reconciler.reconcile(later, thresholds),
        reconciler.reconcile(later, thresholds),
      ]);
      expect(passes.map((pass) => pass.confirmed).sort()).toEqual([0, 1]);
      expect(passes.every((pass) => pass.waiting === 0 && pass.failed === 0)).toBe(true);
      const booking = await t.api.get(`/api/bookings/${row.id}`, as(traveller));
      const itinerary = await t.api.get(`/api/trips/${trip.id}/activities`, as(traveller));
      expect(itinerary.body.items.filter((activity: { type: string }) => activity.type === 'flight')).toHaveLength(
        booking.body.activityIds.length,
      );
      expect(booking.body).toMatchObject({ status: 'confirmed', bookingReference: expect.stringMatching(/^SBX-/) });
      expect(booking.body.activityIds.length).toBeGreaterThan(0);
      expect(await sandboxOrders(row.id)).toBe(1);
      const retry = await book(traveller, trip.id, { offerId: offers[0].id }, key);
      expect(retry.status).toBe(201);
      expect(retry.body).toMatchObject({ id: row.id, status: 'confirmed' });
      expect(await sandboxOrders(row.id)).toBe(1);
    });

    it('fails a booking stuck in ordering with no order after the deadline', async () => {
      const { trip, offers } = await approvedTripWithOffers('FRA', 'VIE');
      const orders = t.app.get(BookingOrders);
      const place = jest
        .spyOn(orders, 'place')
        .mockRejectedValueOnce(new Error('simulated crash before the supplier was called'));
      const response = await book(traveller, trip.id, { offerId: offers[0].id });
      place.mockRestore();
      expect(response.status).toBe(500);
      const [row] = (await t.sql.query('SELECT id FROM bookings WHERE trip_id = $1', [trip.id])).rows;
      const thresholds = { orderingStaleMs: 60_000, orderingDeadlineMs: 3_600_000 };
      expect((await t.app.get(BookingReconciler).reconcile(new Date(Date.now() + 120_000), thresholds)).waiting).toBe(
        1,
      );
      await t.sql.query('UPDATE bookings SET reconcile_lease_until = NULL WHERE id = $1', [row.id]);
      expect((await t.app.get(BookingReconciler).reconcile(new Date(Date.now() + 7_200_000), thresholds)).failed).toBe(
        1,
      );
      const booking = await t.api.get(`/api/bookings/${row.id}`, as(traveller));
      expect(booking.body).toMatchObject({ status: 'failed', failure: { code: 'BOOKING_SUPPLIER_REFUSED' } });
      expect(await sandboxOrders(row.id)).toBe(0);
    });
  });

  describe('cancellation', () => {
    it('quotes a refund, then cancels: the flights leave the itinerary, e-mail and audit', async () => {
      const { trip, offers } = await approvedTripWithOffers();
      const booked = await book(traveller, trip.id, { offerId: offers[0].id });
      const early = await t.api.post(`/api/bookings/${booked.body.id}/cancel`, {}, as(traveller));
      expect(early.status).toBe(409);
      const quoted = await t.api.post(`/api/bookings/${booked.body.id}/cancellation-quote`, {}, as(traveller));
      expect(quoted.status).toBe(200);
      expect(quoted.body.status).toBe('cancellation_quoted');
      expect(quoted.body.cancellation).toMatchObject({
        refund: { currency: offers[0].totalAmount.currency },
        cancelledAt: null,
      });
      expect(Date.parse(quoted.body.cancellation.expiresAt)).toBeGreaterThan(Date.now());
      expect(quoted.body.allowedActions).toEqual(['quote_cancellation', 'cancel']);
      const cancelled = await t.api.post(`/api/bookings/${booked.body.id}/cancel`, {}, as(traveller));
      expect(cancelled.status).toBe(200);
      expect(cancelled.body).toMatchObject({ status: 'cancelled', allowedActions: [] });
      const itinerary = await t.api.get(`/api/trips/${trip.id}/activities`, as(traveller));
      expect(itinerary.body.items.filter((activity: { type: string }) => activity.type === 'flight')).toEqual([]);
      await drainOutbox(t);
      const audit = await t.sql.query('SELECT action FROM audit_events WHERE entity_id = $1', [booked.body.id]);
      expect(audit.rows.map((row: { action: string }) => row.action).sort()).toEqual([
        'booking.cancellation_quoted',
        'booking.cancelled',
        'booking.confirmed',
        'booking.ordering',
      ]);
      const mails = await t.sql.query(
        `SELECT subject FROM outbox_messages WHERE topic = 'mail' AND subject LIKE '%cancelled%' AND subject LIKE $1`,
        [`%${booked.body.bookingReference}%`],
      );
      expect(mails.rows).toHaveLength(1);
    });

    it('keeps the trip booked while a booking holds an order; cancelling the last one makes it approved again, bookable anew', async () => {
      const { trip, offers } = await approvedTripWithOffers();
      const first = await book(traveller, trip.id, { offerId: offers[0].id });
      const second = await book(traveller, trip.id, { offerId: offers[1].id });
      expect([first.status, second.status]).toEqual([201, 201]);
      const tripStatus = async () => (await t.api.get(`/api/trips/${trip.id}`, as(traveller))).body.status;
      const cancel = async (bookingId: string) => {
        expect((await t.api.post(`/api/bookings/${bookingId}/cancellation-quote`, {}, as(traveller))).status).toBe(200);
        expect((await t.api.post(`/api/bookings/${bookingId}/cancel`, {}, as(traveller))).status).toBe(200);
      };
      expect(await tripStatus()).toBe('booked');
      await cancel(first.body.id);
      expect(await tripStatus()).toBe('booked');
      await cancel(second.body.id);
      expect(await tripStatus()).toBe('approved');
      await drainOutbox(t);
      const audit = await t.sql.query(
        `SELECT action, data->>'to' AS "to" FROM audit_events WHERE entity_id = $1 AND action LIKE 'trip.%' ORDER BY created_at, action`,
        [trip.id],
      );
      expect(audit.rows.filter(({ action }) => action === 'trip.unbooked')).toEqual([
        { action: 'trip.unbooked', to: 'approved' },
      ]);
      const again = await book(traveller, trip.id, { offerId: offers[2].id });
      expect(again.status).toBe(201);
      expect(await tripStatus()).toBe('booked');
    });
  });
});

/** S15's second half: a per-person daily cap on bookings (BOOKING_DAILY_LIMIT_PER_USER). */
describe('Bookings: the daily cap per person', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ BOOKING_RECONCILE_INTERVAL_MS: '0', BOOKING_DAILY_LIMIT_PER_USER: '2' });
  });
  afterAll(() => t.close());

  it('refuses the third booking in 24 hours (422 BOOKING_DAILY_LIMIT_REACHED) but still replays a key already used', async () => {
    const admin = await registerOrganization(t.api);
    const as = { token: admin.accessToken };
    await t.api.put('/api/organizations/current/policy', OPEN_POLICY, as);
    expect((await t.api.put('/api/users/me/passenger-profile', PASSENGER_PROFILE, as)).status).toBe(200);
    const trip = await createTrip(t.api, admin, { startDate: inDays(40), endDate: inDays(45), budget: undefined });
    const search = await t.api.post(
      `/api/trips/${trip.id}/flight-searches`,
      { slices: [{ origin: 'FRA', destination: 'LHR', departureDate: inDays(41) }] },
      as,
    );
    const book = (offer: number, key: string) =>
      t.api.post(
        `/api/trips/${trip.id}/bookings`,
        { offerId: search.body.items[offer].id },
        { ...as, headers: { 'idempotency-key': key } },
      );
    const first = await book(0, 'cap-1');
    expect((await book(1, 'cap-2')).status).toBe(201);
    const third = await book(2, 'cap-3');
    expect([third.status, third.body.code]).toEqual([422, 'BOOKING_DAILY_LIMIT_REACHED']);
    const replay = await book(0, 'cap-1');
    expect([replay.status, replay.body]).toEqual([201, first.body]);
    // A burst of five concurrent bookings by another person: exactly two go through (claims take a per-booker advisory lock).
    const other = await addMember(t.api, admin, 'traveller');
    const asOther = { token: other.accessToken };
    expect((await t.api.put('/api/users/me/passenger-profile', PASSENGER_PROFILE, asOther)).status).toBe(200);
    const otherTrip = await createTrip(t.api, other, { startDate: inDays(40), endDate: inDays(45), budget: undefined });
    const otherSearch = await t.api.post(
      `/api/trips/${otherTrip.id}/flight-searches`,
      { slices: [{ origin: 'FRA', destination: 'LHR', departureDate: inDays(41) }] },
      asOther,
    );
    const burst = await Promise.all(
      [0, 1, 2, 3, 4].map((offer) =>
        t.api.post(
          `/api/trips/${otherTrip.id}/bookings`,
          { offerId: otherSearch.body.items[offer].id },
          { ...asOther, headers: { 'idempotency-key': `burst-${offer}` } },
        ),
      ),
    );
    expect(burst.map((answer) => answer.status).sort()).toEqual([201, 201, 422, 422, 422]);
    expect(
      (await t.sql.query('SELECT count(*)::int AS n FROM bookings WHERE trip_id = $1', [otherTrip.id])).rows[0].n,
    ).toBe(2);
  });
});
