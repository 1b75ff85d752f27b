import { Duffel } from '@duffel/api';
import { type DuffelStaySupplierOptions, DuffelStaySupplier } from '../src/stays/supplier/duffel/duffel-stay-supplier';
import {
  type StayBookingRequest,
  type StaySearchRequest,
  SupplierError,
  type SupplierFailure,
} from '../src/stays/supplier/stay-supplier';
import { type FakeDuffel, Faults, startFakeDuffel } from './support/fake-duffel-server';

/**
 * The Duffel Stays adapter through the real SDK (@duffel/api 4.30.0, node-fetch) against the fake
 * Duffel server's stays routes (support/fake-duffel-stays.ts): every call, and each fault it must turn
 * into a clear SupplierError (docs/stays.md § Failures).
 */
describe('Duffel stay supplier (real SDK, fake Duffel)', () => {
  let duffel: FakeDuffel;

  beforeAll(async () => {
    duffel = await startFakeDuffel();
  });
  afterAll(() => duffel.close());
  beforeEach(() => duffel.reset());

  const supplier = (options: Partial<DuffelStaySupplierOptions> = {}) =>
    new DuffelStaySupplier(new Duffel({ token: 'duffel_test_fake', basePath: `${duffel.url}/` }), {
      timeoutMs: 5_000,
      retryBaseMs: 10,
      ...options,
    });

  const search: StaySearchRequest = {
    where: { latitude: 51.5072, longitude: -0.1276, radiusKm: 5 },
    checkInDate: '2027-03-20',
    checkOutDate: '2027-03-23',
    rooms: 1,
    guests: 2,
  };

  async function failure(work: Promise<unknown>): Promise<SupplierFailure> {
    const error = await work.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SupplierError);
    return (error as SupplierError).failure;
  }

  async function quoted(client = supplier(), pick = 1) {
    const { results } = await client.search(search);
    const { rates } = await client.rates(results[0].supplierResultId);
    return client.quote(rates[pick].supplierRateId);
  }

  const booking = (
    supplierQuoteId: string,
    bookingId: string,
    total = { amount: '0', currency: 'GBP' },
  ): StayBookingRequest => ({
    supplierQuoteId,
    guests: [
      { givenName: 'Amelia', familyName: 'Earhart' },
      { givenName: 'Bessie', familyName: 'Coleman' },
    ],
    email: 'amelia@example.com',
    phoneNumber: '+442080160509',
    expectedTotal: total,
    bookingId,
  });

  it('searches around coordinates, cheapest first, in our terms', async () => {
    const { results } = await supplier().search(search);
    expect(results).toHaveLength(3);
    expect(results.map((result) => Number(result.cheapestTotal.amount))).toEqual([225, 540, 960]);
    expect(results[0]).toMatchObject({
      supplier: 'duffel',
      property: {
        supplierPropertyId: 'acc_fake_2',
        name: 'Budget Mock Inn',
        stars: 2,
        address: { lineOne: '7 Stub Road', cityName: 'London', countryCode: 'GB', postalCode: 'W1J 9BR' },
        checkInAfter: '15:00',
      },
      checkInDate: '2027-03-20',
      guests: 2,
      cheapestTotal: { amount: '225.00', currency: 'GBP' },
    });
    const sent = duffel.requests.find((request) => request.path === '/stays/search')!.body as {
      data: Record<string, unknown>;
    };
    expect(sent.data).toEqual({
      check_in_date: '2027-03-20',
      check_out_date: '2027-03-23',
      rooms: 1,
      guests: [{ type: 'adult' }, { type: 'adult' }],
      location: { radius: 5, geographic_coordinates: { latitude: 51.5072, longitude: -0.1276 } },
    });
  });

  it('searches by property ids', async () => {
    const { results } = await supplier().search({ ...search, where: { propertyIds: ['acc_fake_0'] } });
    expect(results.map((result) => result.property.name)).toEqual(['The Fake Grand']);
  });

  it('fetches all rates, quotes one, books the quote with our booking id, gets it and cancels it', async () => {
    const client = supplier();
    const { results } = await client.search(search);
    const rates = await client.rates(results[0].supplierResultId);
    expect(rates.rates).toHaveLength(2);
    const [nonRefundable, flexible] = rates.rates;
    expect(nonRefundable).toMatchObject({ board: 'room_only', cancellation: { refundable: false, timeline: [] } });
    expect(flexible).toMatchObject({
      roomName: 'Double Room',
      board: 'breakfast',
      totalAmount: { amount: '285.00', currency: 'GBP' },
      dueAtProperty: { amount: '12.50', currency: 'GBP' },
      cancellation: {
        refundable: true,
        timeline: [{ before: '2027-03-18T00:00:00.000Z', refund: { amount: '285.00', currency: 'GBP' } }],
      },
      quantityAvailable: 3,
    });

    const quote = await client.quote(flexible.supplierRateId);
    expect(quote).toMatchObject({
      supplier: 'duffel',
      totalAmount: { amount: '285.00', currency: 'GBP' },
      rooms: 1,
      guests: 2,
    });
    expect(quote.rate?.supplierRateId).toBe(flexible.supplierRateId);

    const made = await client.book(booking(quote.supplierQuoteId, 'bkg-stay-1', quote.totalAmount));
    expect(made).toMatchObject({ supplier: 'duffel', status: 'confirmed', bookingId: 'bkg-stay-1', rooms: 1 });
    expect(made.reference).toMatch(/^DHG-/);
    expect(made.cancellation?.refundable).toBe(true);
    const sent = duffel.requests.find((request) => request.path === '/stays/bookings')!.body as {
      data: Record<string, unknown>;
    };
    expect(sent.data).toMatchObject({
      quote_id: quote.supplierQuoteId,
      guests: [
        { given_name: 'Amelia', family_name: 'Earhart' },
        { given_name: 'Bessie', family_name: 'Coleman' },
      ],
      email: 'amelia@example.com',
      phone_number: '+442080160509',
      metadata: { booking_id: 'bkg-stay-1' },
    });
    expect(duffel.stays.bookings).toHaveLength(1);

    expect(await client.getBooking(made.supplierBookingId)).toEqual(made);
    const cancelled = await client.cancel(made.supplierBookingId);
    expect(cancelled).toMatchObject({ status: 'cancelled', supplierBookingId: made.supplierBookingId });
    expect(cancelled.cancelledAt).not.toBeNull();
    // A retried cancellation (the first answer lost) answers the cancelled booking.
    expect(await client.cancel(made.supplierBookingId)).toMatchObject({ status: 'cancelled' });
  });

  it('finds a booking whose answer was lost by the booking id in its metadata', async () => {
    const client = supplier();
    const before = new Date(Date.now() - 1000);
    const quote = await quoted(client);
    duffel.inject('POST /stays/bookings', Faults.lostAnswer());
    expect(await failure(client.book(booking(quote.supplierQuoteId, 'bkg-lost')))).toBe('unavailable');
    // Never sent twice: a 500 on a booking is not retried.
    expect(duffel.count('POST /stays/bookings')).toBe(1);
    expect(duffel.stays.bookings).toHaveLength(1);
    const found = await client.findBookingByBookingId('bkg-lost', before);
    expect(found).toMatchObject({ bookingId: 'bkg-lost', status: 'confirmed' });
    expect(await client.findBookingByBookingId('bkg-never', before)).toBeNull();
  });

  it('maps a rate no longer available, and an expired search result, to offer_expired', async () => {
    const client = supplier();
    const { results } = await client.search(search);
    const { rates } = await client.rates(results[0].supplierResultId);
    duffel.stays.expireRate(rates[0].supplierRateId);
    expect(await failure(client.quote(rates[0].supplierRateId))).toBe('offer_expired');

    duffel.stays.setResultTtl(0);
    const stale = await client.search(search);
    expect(await failure(client.rates(stale.results[0].supplierResultId))).toBe('offer_expired');
  });

  it('maps a 422 validation error to invalid_request and a 404 to not_found', async () => {
    const client = supplier();
    expect(await failure(client.search({ ...search, checkOutDate: '2027-03-19' }))).toBe('invalid_request');
    const quote = await quoted(client);
    expect(await failure(client.book({ ...booking(quote.supplierQuoteId, 'bkg-x'), phoneNumber: '' }))).toBe(
      'invalid_request',
    );
    expect(await failure(client.getBooking('bok_nope'))).toBe('not_found');
    expect(await failure(client.quote('rat_nope'))).toBe('not_found');
    expect(duffel.stays.bookings).toHaveLength(0);
  });

  it('retries a 429 after retry-after, then gives up as rate_limited', async () => {
    const sleeps: number[] = [];
    const client = supplier({ sleep: async (ms) => void sleeps.push(ms) });
    duffel.inject('POST /stays/search', Faults.rateLimited(1));
    expect((await client.search(search)).results).toHaveLength(3);
    expect(sleeps).toEqual([1000]);
    duffel.inject('POST /stays/search', Faults.rateLimited(1), 3);
    expect(await failure(client.search(search))).toBe('rate_limited');
    // A booking refused with 429 was not processed: retried like any call.
    const quote = await quoted(client);
    duffel.inject('POST /stays/bookings', Faults.rateLimited(0));
    expect(await client.book(booking(quote.supplierQuoteId, 'bkg-429'))).toMatchObject({ bookingId: 'bkg-429' });
    expect(duffel.stays.bookings).toHaveLength(1);
  });

  it('retries a 502/503 on reads only; a 500 never; a 504 is a timeout', async () => {
    const client = supplier();
    duffel.inject('POST /stays/search', Faults.serverError(503));
    expect((await client.search(search)).results).toHaveLength(3);
    duffel.inject('POST /stays/search', Faults.serverError(500));
    expect(await failure(client.search(search))).toBe('unavailable');
    // The 503 and its retry, then the 500 once.
    expect(duffel.count('POST /stays/search')).toBe(3);

    const quote = await quoted(client);
    duffel.inject('POST /stays/bookings', Faults.serverError(503));
    expect(await failure(client.book(booking(quote.supplierQuoteId, 'bkg-503')))).toBe('unavailable');
    expect(duffel.count('POST /stays/bookings')).toBe(1);
    duffel.inject('GET /stays/bookings/:id', Faults.serverError(504), 3);
    expect(await failure(client.getBooking('bok_x'))).toBe('timeout');
  });

  it('gives up at its deadline on a slow Duffel, and refuses a malformed answer', async () => {
    const client = supplier({ timeoutMs: 300 });
    duffel.inject('POST /stays/search', Faults.slow(1_000));
    expect(await failure(client.search(search))).toBe('timeout');
    duffel.inject('POST /stays/search', Faults.malformed({ results: [{ id: 'srr_x', accommodation: {} }] }));
    const error = await supplier()
      .search(search)
      .catch((e: unknown) => e as SupplierError);
    expect(error).toMatchObject({ failure: 'unavailable', supplierCodes: ['invalid_response'] });
  });
});
