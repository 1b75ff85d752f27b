import { Duffel } from '@duffel/api';
import {
  DuffelFlightSupplier,
  type DuffelSupplierOptions,
} from '../src/flights/supplier/duffel/duffel-flight-supplier';
import {
  type FlightSearchRequest,
  type PassengerDetails,
  SupplierError,
  type SupplierFailure,
} from '../src/flights/supplier/flight-supplier';
import { type FakeDuffel, Faults, startFakeDuffel } from './support/fake-duffel-server';

/**
 * The Duffel adapter through the real SDK (@duffel/api 4.30.0, node-fetch) against a local server
 * speaking Duffel's wire format: every call, and each fault it must turn into a clear SupplierError
 * without half-writing anything (docs/booking.md § Suppliers).
 */
describe('Duffel flight supplier (real SDK, fake Duffel)', () => {
  let duffel: FakeDuffel;

  beforeAll(async () => {
    duffel = await startFakeDuffel();
  });
  afterAll(() => duffel.close());
  beforeEach(() => duffel.reset());

  const supplier = (options: Partial<DuffelSupplierOptions> = {}) =>
    new DuffelFlightSupplier(new Duffel({ token: 'duffel_test_fake', basePath: `${duffel.url}/` }), {
      timeoutMs: 5_000,
      retryBaseMs: 10,
      ...options,
    });

  const search: FlightSearchRequest = {
    slices: [
      { origin: 'LHR', destination: 'JFK', departureDate: '2027-03-20' },
      { origin: 'JFK', destination: 'LHR', departureDate: '2027-03-27' },
    ],
    passengers: 2,
    cabin: 'business',
    maxConnections: 1,
  };

  const passengers = (ids: string[]): PassengerDetails[] =>
    ids.map((id, i) => ({
      supplierPassengerId: id,
      givenName: ['Amelia', 'Bessie'][i],
      familyName: ['Earhart', 'Coleman'][i],
      bornOn: '1987-07-24',
      gender: 'f',
      title: 'ms',
      email: `traveller${i}@example.com`,
      phoneNumber: '+442080160509',
    }));

  async function failure(work: Promise<unknown>): Promise<SupplierFailure> {
    const error = await work.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SupplierError);
    return (error as SupplierError).failure;
  }

  async function firstOffer(client = supplier()) {
    const result = await client.search(search);
    return result.offers[0];
  }

  async function order(bookingId: string, client = supplier()) {
    const offer = await firstOffer(client);
    return client.createOrder({
      supplierOfferId: offer.supplierOfferId,
      passengers: passengers(offer.supplierPassengerIds),
      payment: { type: 'balance', amount: offer.totalAmount },
      bookingId,
    });
  }

  it('searches with an offer request (no offers inline, a supplier timeout) then lists its offers by price', async () => {
    const result = await supplier({ timeoutMs: 10_000 }).search(search);
    const create = duffel.requests.find((request) => request.path === '/air/offer_requests')!;
    expect(create.method).toBe('POST');
    expect(create.query).toEqual({ return_offers: 'false', supplier_timeout: '6000' });
    expect(create.headers['duffel-version']).toBe('v2');
    expect(create.headers.authorization).toBe('Bearer duffel_test_fake');
    expect(create.body).toEqual({
      data: {
        slices: [
          { origin: 'LHR', destination: 'JFK', departure_date: '2027-03-20', departure_time: null, arrival_time: null },
          { origin: 'JFK', destination: 'LHR', departure_date: '2027-03-27', departure_time: null, arrival_time: null },
        ],
        passengers: [{ type: 'adult' }, { type: 'adult' }],
        cabin_class: 'business',
        max_connections: 1,
      },
    });
    const list = duffel.requests.find((request) => request.path === '/air/offers')!;
    expect(list.query).toMatchObject({ offer_request_id: result.supplierSearchId, sort: 'total_amount', limit: '200' });

    expect(result.supplierSearchId).toMatch(/^orq_/);
    expect(result.offers.map((offer) => Number(offer.totalAmount.amount))).toEqual([420, 641, 1080]);
    const [offer] = result.offers;
    expect(offer).toMatchObject({
      supplier: 'duffel',
      totalAmount: { amount: '420.00', currency: 'GBP' },
      totalEmissionsKg: 720,
      owner: { iataCode: 'BA', name: 'British Airways' },
      cabin: 'business',
      conditions: { refundBeforeDeparture: null, changeBeforeDeparture: { allowed: false, penalty: null } },
    });
    expect(offer.supplierPassengerIds).toHaveLength(2);
    expect(result.offers[1].conditions.changeBeforeDeparture).toEqual({
      allowed: true,
      penalty: { amount: '75.00', currency: 'GBP' },
    });
    const [outbound, inbound] = offer.slices;
    // 20 March 2027: London still on GMT, New York already on daylight time.
    expect(outbound.segments[0]).toMatchObject({
      departingAt: '2027-03-20T09:05:00+00:00',
      arrivingAt: '2027-03-20T12:45:00-04:00',
      durationMinutes: 460,
      flightNumber: 'BA170',
      aircraft: 'Boeing 787-9',
      origin: { iataCode: 'LHR', timeZone: 'Europe/London', countryCode: 'GB' },
      destination: { iataCode: 'JFK', timeZone: 'America/New_York' },
    });
    // 27 March: New York on daylight time, London one day before its change.
    expect(inbound.segments[0].departingAt).toBe('2027-03-27T09:05:00-04:00');
    expect(inbound.segments[0].arrivingAt).toBe('2027-03-27T20:45:00+00:00');
    expect(outbound.durationMinutes).toBe(460);
  });

  it('gets an offer again, and says an expired one is expired', async () => {
    const client = supplier();
    const offer = await firstOffer(client);
    await expect(client.getOffer(offer.supplierOfferId)).resolves.toEqual(offer);
    duffel.setOfferTtl(-1000);
    const stale = await firstOffer(client);
    expect(await failure(client.getOffer(stale.supplierOfferId))).toBe('offer_expired');
    expect(await failure(client.getOffer('off_0000doesnotexist'))).toBe('not_found');
  });

  it('orders an offer instantly from the balance, with the passengers and our booking id in the metadata', async () => {
    const client = supplier();
    const placed = await order('bkg-1', client);
    expect(duffel.ordersCreated).toBe(1);
    const sent = duffel.requests.find((request) => request.method === 'POST' && request.path === '/air/orders')!
      .body as { data: any };
    expect(sent.data).toMatchObject({
      type: 'instant',
      payments: [{ type: 'balance', amount: '420.00', currency: 'GBP' }],
      metadata: { booking_id: 'bkg-1' },
    });
    expect(sent.data.passengers[0]).toEqual({
      id: expect.stringMatching(/^pas_/),
      given_name: 'Amelia',
      family_name: 'Earhart',
      born_on: '1987-07-24',
      gender: 'f',
      title: 'ms',
      email: 'traveller0@example.com',
      phone_number: '+442080160509',
    });
    expect(placed).toMatchObject({
      supplier: 'duffel',
      supplierOrderId: expect.stringMatching(/^ord_/),
      bookingReference: expect.stringMatching(/^[A-Z0-9]{6}$/),
      totalAmount: { amount: '420.00', currency: 'GBP' },
      bookingId: 'bkg-1',
      cancelled: false,
    });
    expect(placed.slices[0].segments[0].departingAt).toBe('2027-03-20T09:05:00+00:00');
    await expect(client.getOrder(placed.supplierOrderId)).resolves.toEqual(placed);
    expect(await failure(client.getOrder('ord_0000missing'))).toBe('not_found');
  });

  it('turns an offer that expired before the order into offer_expired, and makes no order', async () => {
    duffel.inject('POST /air/orders', Faults.offerExpired());
    expect(await failure(order('bkg-expired'))).toBe('offer_expired');
    expect(duffel.ordersCreated).toBe(0);
    expect(duffel.count('POST /air/orders')).toBe(1);
  });

  it('turns a price change into price_changed, and makes no order', async () => {
    const client = supplier();
    const offer = await firstOffer(client);
    duffel.reprice(offer.supplierOfferId, '455.00');
    const attempt = client.createOrder({
      supplierOfferId: offer.supplierOfferId,
      passengers: passengers(offer.supplierPassengerIds),
      payment: { type: 'balance', amount: offer.totalAmount },
      bookingId: 'bkg-price',
    });
    expect(await failure(attempt)).toBe('price_changed');
    expect(duffel.ordersCreated).toBe(0);
    await expect(client.getOffer(offer.supplierOfferId)).resolves.toMatchObject({ totalAmount: { amount: '455.00' } });
  });

  it('turns a 422 into invalid_request without retrying it', async () => {
    duffel.inject('POST /air/orders', Faults.validation('phone_number is invalid'));
    const error = await order('bkg-422').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SupplierError);
    expect((error as SupplierError).failure).toBe('invalid_request');
    expect((error as SupplierError).supplierCodes).toEqual(['invalid_data', 'validation_error']);
    expect(duffel.count('POST /air/orders')).toBe(1);
    expect(duffel.ordersCreated).toBe(0);
  });

  it('waits out a 429 as its retry-after says, then succeeds with one order', async () => {
    duffel.inject('POST /air/orders', Faults.rateLimited(1));
    const started = Date.now();
    const placed = await order('bkg-429');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(placed.bookingId).toBe('bkg-429');
    expect(duffel.count('POST /air/orders')).toBe(2);
    expect(duffel.ordersCreated).toBe(1);
  });

  it('gives up on 429s it cannot wait out: a long retry-after, or too many in a row', async () => {
    duffel.inject('POST /air/offer_requests', Faults.rateLimited(120));
    expect(await failure(supplier().search(search))).toBe('rate_limited');
    expect(duffel.count('POST /air/offer_requests')).toBe(1);
    duffel.reset();
    duffel.inject('POST /air/offer_requests', { ...Faults.rateLimited(0), headers: {} }, 3);
    expect(await failure(supplier({ maxRetries: 2 }).search(search))).toBe('rate_limited');
    expect(duffel.count('POST /air/offer_requests')).toBe(3);
  });

  it('retries a gateway error only for calls that change nothing, and never a 500', async () => {
    duffel.inject('GET /air/offers', Faults.serverError(503));
    await expect(supplier().search(search)).resolves.toMatchObject({ offers: expect.any(Array) });
    expect(duffel.count('GET /air/offers')).toBe(2);

    duffel.reset();
    duffel.inject('POST /air/offer_requests', Faults.serverError(500));
    expect(await failure(supplier().search(search))).toBe('unavailable');
    expect(duffel.count('POST /air/offer_requests')).toBe(1);

    duffel.reset();
    duffel.inject('POST /air/orders', Faults.serverError(503));
    expect(await failure(order('bkg-503'))).toBe('unavailable');
    expect(duffel.count('POST /air/orders')).toBe(1);
    expect(duffel.ordersCreated).toBe(0);
  });

  it('stops waiting at the timeout', async () => {
    duffel.inject('POST /air/offer_requests', Faults.slow(1500));
    const started = Date.now();
    expect(await failure(supplier({ timeoutMs: 300 }).search(search))).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(1200);
  });

  it('lets the reconciler find an order whose answer was lost, by the booking id in its metadata', async () => {
    const client = supplier();
    const since = new Date(Date.now() - 1000);
    duffel.inject('POST /air/orders', Faults.lostAnswer());
    expect(await failure(order('bkg-lost', client))).toBe('unavailable');
    expect(duffel.ordersCreated).toBe(1);
    expect(duffel.count('POST /air/orders')).toBe(1);
    const found = await client.findOrderByBookingId('bkg-lost', since);
    expect(found).toMatchObject({ supplierOrderId: duffel.orders[0].id, bookingId: 'bkg-lost' });
    await expect(client.findOrderByBookingId('bkg-never-ordered', since)).resolves.toBeNull();
  });

  it('finds an order several pages back, and reads a bounded number of pages', async () => {
    const client = supplier();
    const since = new Date(Date.now() - 1000);
    await order('bkg-old', client);
    const offer = await firstOffer(client);
    for (let i = 0; i < 55; i += 1) {
      await client.createOrder({
        supplierOfferId: offer.supplierOfferId,
        passengers: passengers(offer.supplierPassengerIds),
        payment: { type: 'balance', amount: offer.totalAmount },
        bookingId: `bkg-filler-${i}`,
      });
    }
    duffel.reset();
    await expect(client.findOrderByBookingId('bkg-old', since)).resolves.toMatchObject({ bookingId: 'bkg-old' });
    expect(duffel.count('GET /air/orders')).toBe(2);
    duffel.reset();
    await expect(supplier({ orderLookupPages: 1 }).findOrderByBookingId('bkg-old', since)).resolves.toBeNull();
    expect(duffel.count('GET /air/orders')).toBe(1);
  });

  it('quotes a cancellation, then confirms it: the order is cancelled', async () => {
    const client = supplier();
    const offer = (await client.search(search)).offers[2];
    const placed = await client.createOrder({
      supplierOfferId: offer.supplierOfferId,
      passengers: passengers(offer.supplierPassengerIds),
      payment: { type: 'balance', amount: offer.totalAmount },
      bookingId: 'bkg-cancel',
    });
    const quote = await client.quoteCancellation(placed.supplierOrderId);
    expect(quote).toMatchObject({
      supplierCancellationId: expect.stringMatching(/^ore_/),
      supplierOrderId: placed.supplierOrderId,
      refund: { amount: '1030.00', currency: 'GBP' },
      confirmedAt: null,
    });
    expect(Date.parse(quote.expiresAt!)).toBeGreaterThan(Date.now());
    const confirmed = await client.confirmCancellation(quote.supplierCancellationId);
    expect(confirmed).toMatchObject({
      supplierCancellationId: quote.supplierCancellationId,
      expiresAt: null,
      refund: quote.refund,
    });
    expect(confirmed.confirmedAt).toEqual(expect.any(String));
    await expect(client.getOrder(placed.supplierOrderId)).resolves.toMatchObject({ cancelled: true });
    expect(await failure(client.quoteCancellation(placed.supplierOrderId))).toBe('invalid_request');
  });

  it('checks what Duffel answers before using it: a malformed offer, order or list is unavailable', async () => {
    duffel.inject('GET /air/offers', Faults.malformed([{ id: 'off_1', total_amount: 'free', slices: [] }]));
    const error = (await supplier()
      .search(search)
      .catch((e: unknown) => e)) as SupplierError;
    expect(error).toBeInstanceOf(SupplierError);
    expect(error.failure).toBe('unavailable');
    expect(error.supplierCodes).toEqual(['invalid_response']);

    const offer = await firstOffer();
    duffel.inject('GET /air/offers/:id', Faults.malformed({ ...offer, id: 'off_1', expires_at: 'soon' }));
    expect(await failure(supplier().getOffer(offer.supplierOfferId))).toBe('unavailable');
    duffel.inject('GET /air/orders', Faults.malformed({ not: 'a list' }));
    expect(await failure(supplier().findOrderByBookingId('bkg-x', new Date()))).toBe('unavailable');
    duffel.inject(
      'GET /air/orders/:id',
      Faults.malformed({
        id: 'ord_1',
        booking_reference: 'ABC123',
        total_amount: '1.00',
        total_currency: 'GBP',
        slices: [{ segments: [{ origin: { iata_code: 'LHR', time_zone: 'Mars/Olympus' } }] }],
        created_at: 'x',
      }),
    );
    expect(await failure(supplier().getOrder('ord_1'))).toBe('unavailable');
  });

  it('says unavailable when Duffel cannot be reached', async () => {
    const closed = await startFakeDuffel();
    await closed.close();
    const client = new DuffelFlightSupplier(new Duffel({ token: 'duffel_test_fake', basePath: `${closed.url}/` }), {
      timeoutMs: 2_000,
      retryBaseMs: 10,
    });
    expect(await failure(client.search(search))).toBe('unavailable');
  });
});
