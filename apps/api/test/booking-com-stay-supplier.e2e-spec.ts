import {
  BookingComStaySupplier,
  type BookingComStaySupplierOptions,
} from '../src/stays/supplier/booking-com/booking-com-stay-supplier';
import {
  type StayBookingRequest,
  type StaySearchRequest,
  SupplierError,
  type SupplierFailure,
} from '../src/stays/supplier/stay-supplier';
import { BcomFaults, type FakeBookingCom, startFakeBookingCom } from './support/fake-booking-com-server';

/**
 * The Booking.com adapter (our typed Demand API client over Node's fetch) against a local server
 * speaking the Demand API's wire format (support/fake-booking-com-server.ts): every call, and each fault
 * it must turn into a clear SupplierError (docs/stays.md § Booking.com).
 */
describe('Booking.com stay supplier (Demand API client, fake Demand API)', () => {
  let bcom: FakeBookingCom;

  beforeAll(async () => {
    bcom = await startFakeBookingCom();
  });
  afterAll(() => bcom.close());
  beforeEach(() => bcom.reset());

  const supplier = (options: Partial<BookingComStaySupplierOptions> = {}) =>
    new BookingComStaySupplier({
      apiKey: 'bcom_test_token',
      affiliateId: '1234567',
      baseUrl: bcom.url,
      bookerCountry: 'de',
      timeoutMs: 5_000,
      retryBaseMs: 10,
      ...options,
    });

  const search: StaySearchRequest = {
    where: { latitude: 52.3676, longitude: 4.9041, radiusKm: 5 },
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

  /** The flexible (pick 1) or non-refundable (pick 0) rate of the cheapest property, quoted. */
  async function quoted(client = supplier(), pick = 1, property = 0) {
    const { results } = await client.search(search);
    const { rates } = await client.rates(results[property].supplierResultId);
    return { rates, quote: await client.quote(rates[pick].supplierRateId) };
  }

  const booking = (supplierQuoteId: string, bookingId: string): StayBookingRequest => ({
    supplierQuoteId,
    guests: [
      { givenName: 'Amelia', familyName: 'Earhart' },
      { givenName: 'Bessie', familyName: 'Coleman' },
    ],
    email: 'amelia@example.com',
    phoneNumber: '+442080160509',
    expectedTotal: { amount: '0', currency: 'EUR' },
    bookingId,
  });

  it('searches around coordinates with the bearer token and affiliate id, cheapest first, properties named, only ones NestMap can book', async () => {
    const { results } = await supplier().search(search);
    expect(results.map((result) => result.property.name)).toEqual(['Budget Stay Centraal', 'Canal View Hotel']);
    expect(results[0]).toMatchObject({
      supplier: 'booking_com',
      supplierResultId: 'bcom_1000002_2027-03-20_2027-03-23_1_2',
      property: {
        supplierPropertyId: '1000002',
        stars: 2,
        address: { lineOne: '2 Herengracht', cityName: 'Amsterdam', countryCode: 'NL', postalCode: '1015 BA' },
        checkInAfter: '15:00',
        checkOutBefore: '11:00',
        phoneNumber: '+31201234567',
      },
      cheapestTotal: { amount: '243.00', currency: 'EUR' },
    });
    expect(results[0].property.latitude).toBeCloseTo(52.3616, 4);
    const sent = bcom.requests.find((request) => request.path === '/accommodations/search')!;
    expect(sent.headers.authorization).toBe('Bearer bcom_test_token');
    expect(sent.headers['x-affiliate-id']).toBe('1234567');
    expect(sent.body).toMatchObject({
      booker: { country: 'de', platform: 'desktop', travel_purpose: 'business' },
      checkin: '2027-03-20',
      checkout: '2027-03-23',
      guests: { number_of_adults: 2, number_of_rooms: 1 },
      coordinates: { latitude: 52.3676, longitude: 4.9041, radius: 5 },
      payment: { timing: 'pay_at_the_property', credit_card_required: false },
    });
    expect(bcom.count('/common/locations/cities')).toBe(1);
  });

  it('searches by property id, and refuses an id that is not Booking.com’s', async () => {
    const { results } = await supplier().search({ ...search, where: { propertyIds: ['1000001'] } });
    expect(results.map((result) => result.property.supplierPropertyId)).toEqual(['1000001']);
    expect(bcom.requests.find((request) => request.path === '/accommodations/search')!.body.accommodations).toEqual([
      1000001,
    ]);
    expect(await failure(supplier().search({ ...search, where: { propertyIds: ['acc_x'] } }))).toBe('invalid_request');
  });

  it('reads a property’s rates: board, total for every room, the fee schedule as a refund timeline, pay at the property', async () => {
    const client = supplier();
    const { results } = await client.search({ ...search, rooms: 2, guests: 3 });
    const { rates, ...stay } = await client.rates(
      results.find((r) => r.property.name === 'Canal View Hotel')!.supplierResultId,
    );
    expect(stay).toMatchObject({ rooms: 2, guests: 3, property: { name: 'Canal View Hotel' } });
    expect(rates).toHaveLength(2);
    // 120 a night × 0.9 × 3 nights × 2 rooms; non-refundable: the whole fee from now on.
    expect(rates[0]).toMatchObject({
      roomName: 'Standard Double Room',
      board: 'room_only',
      totalAmount: { amount: '648.00', currency: 'EUR' },
      cancellation: { refundable: false, timeline: [] },
      quantityAvailable: 3,
      conditions: [expect.objectContaining({ title: 'Paid at the property' })],
    });
    // Flexible with breakfast: everything back until 22:00 UTC two days before check-in.
    expect(rates[1]).toMatchObject({
      roomName: 'Superior Double Room',
      board: 'breakfast',
      totalAmount: { amount: '810.00', currency: 'EUR' },
      cancellation: {
        refundable: true,
        timeline: [{ before: '2027-03-18T22:00:00.000Z', refund: { amount: '810.00', currency: 'EUR' } }],
      },
    });
  });

  it('quotes through orders/preview (the order token in our quote id) and books paid at the property: our label, the guests named, no card', async () => {
    const client = supplier();
    const { rates, quote } = await quoted(client);
    expect(quote).toMatchObject({
      totalAmount: rates[1].totalAmount,
      rate: { board: 'breakfast', roomName: 'Superior Double Room' },
    });
    expect(quote.rate!.cancellation).toEqual(rates[1].cancellation);
    expect(quote.supplierQuoteId).toMatch(/^bcom_1000002_2027-03-20_2027-03-23_1_2~100000201_2_0_2_0~tok_/);
    const booked = await client.book(booking(quote.supplierQuoteId, 'b6f7f1a0-0000-4000-8000-000000000001'));
    expect(booked).toMatchObject({
      supplier: 'booking_com',
      status: 'confirmed',
      bookingId: 'b6f7f1a0-0000-4000-8000-000000000001',
      checkInDate: '2027-03-20',
      rooms: 1,
      totalAmount: quote.totalAmount,
      refund: null,
      property: { name: 'Budget Stay Centraal' },
    });
    expect(booked.reference).toMatch(/^\d{10}$/);
    expect(bcom.orders).toHaveLength(1);
    const sent = bcom.orders[0].body;
    expect(sent).toMatchObject({
      accommodation: {
        label: 'nestmap:b6f7f1a0-0000-4000-8000-000000000001',
        products: [
          {
            id: '100000201_2_0_2_0',
            guests: [
              { name: 'Amelia Earhart', email: 'amelia@example.com' },
              { name: 'Bessie Coleman', email: 'amelia@example.com' },
            ],
          },
        ],
      },
      booker: {
        email: 'amelia@example.com',
        telephone: '+442080160509',
        name: { first_name: 'Amelia', last_name: 'Earhart' },
      },
      payment: { timing: 'pay_at_the_property' },
    });
    expect(JSON.stringify(sent)).not.toMatch(/card|cvc|number"/);
    expect(await client.getBooking(booked.supplierBookingId)).toEqual(booked);
  });

  it('a rate that needs a card to be guaranteed is refused at the quote, before any order', async () => {
    const client = supplier();
    const { results } = await client.search({ ...search, where: { propertyIds: ['1000003'] } });
    expect(results).toEqual([]);
    // Asked by id without the filter's help (Booking.com may still offer it): the preview says a card is required.
    const { rates } = await client.rates('bcom_1000003_2027-03-20_2027-03-23_1_2');
    const error = await client.quote(rates[0].supplierRateId).catch((e: unknown) => e);
    expect(error).toMatchObject({ failure: 'invalid_request', supplierCodes: ['card_required'] });
    expect(bcom.count('/orders/create')).toBe(0);
  });

  it('a sold-out product is offer_expired at the quote and at the order; a price risen since the preview is price_changed', async () => {
    const client = supplier();
    const { rates, quote } = await quoted(client);
    bcom.sellOut('100000201_2_0_2_0');
    expect(await failure(client.quote(rates[1].supplierRateId))).toBe('offer_expired');
    expect(await failure(client.book(booking(quote.supplierQuoteId, 'b-1')))).toBe('offer_expired');
    bcom.reset();
    const again = await quoted(client);
    bcom.raisePrice(1000002, 10);
    expect(await failure(client.book(booking(again.quote.supplierQuoteId, 'b-2')))).toBe('price_changed');
    expect(bcom.orders).toHaveLength(0);
    // Re-quoted, the new price shows (the booking flow asks the traveller again).
    expect((await client.quote(again.rates[1].supplierRateId)).totalAmount).toEqual({
      amount: '345.00',
      currency: 'EUR',
    });
  });

  it('retries a 429 (honouring retry-after) and a 503 for calls that change nothing; a 500 is unavailable at once', async () => {
    bcom.inject('/accommodations/search', BcomFaults.rateLimited(0));
    bcom.inject('/accommodations/details', BcomFaults.serverError(503));
    expect((await supplier().search(search)).results).toHaveLength(2);
    expect(bcom.count('/accommodations/search')).toBe(2);
    expect(bcom.count('/accommodations/details')).toBe(2);

    bcom.inject('/accommodations/search', BcomFaults.rateLimited(0), 3);
    expect(await failure(supplier().search(search))).toBe('rate_limited');
    bcom.inject('/accommodations/search', BcomFaults.serverError(500));
    expect(await failure(supplier().search(search))).toBe('unavailable');
    expect(bcom.count('/accommodations/search')).toBe(2 + 3 + 1);
  });

  it('a timeout is timeout; a malformed answer is unavailable and nothing of it is used; a bad token is unavailable', async () => {
    bcom.inject('/accommodations/search', BcomFaults.slow(500));
    expect(await failure(supplier({ timeoutMs: 150 }).search(search))).toBe('timeout');
    bcom.inject('/accommodations/search', BcomFaults.malformed());
    const error = await supplier()
      .search(search)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ failure: 'unavailable', supplierCodes: ['invalid_response'] });
    expect(await failure(supplier({ affiliateId: 'not-a-number' }).search(search))).toBe('unavailable');
  });

  it('never sends an order twice: a lost answer is unavailable, and the reconciler finds the order by our label', async () => {
    const client = supplier();
    const { quote } = await quoted(client);
    const startedAt = new Date(Date.now() - 1000);
    bcom.inject('/orders/create', BcomFaults.lostAnswer());
    expect(await failure(client.book(booking(quote.supplierQuoteId, 'b6f7f1a0-0000-4000-8000-000000000002')))).toBe(
      'unavailable',
    );
    expect(bcom.count('/orders/create')).toBe(1);
    expect(bcom.orders).toHaveLength(1);
    const found = await client.findBookingByBookingId('b6f7f1a0-0000-4000-8000-000000000002', startedAt);
    expect(found).toMatchObject({ supplierBookingId: bcom.orders[0].id, status: 'confirmed' });
    expect(await client.findBookingByBookingId('b6f7f1a0-0000-4000-8000-00000000000f', startedAt)).toBeNull();
    const listed = bcom.requests.find((request) => request.path === '/orders/details' && request.body.created)!;
    expect(listed.body).toMatchObject({
      services: ['accommodations'],
      sort: { by: 'created', direction: 'descending' },
    });
  });

  it('an order made but not read back is unavailable (unknown), never sent again; the reconciler finds it', async () => {
    const client = supplier();
    const { quote } = await quoted(client);
    bcom.inject('/orders/details/accommodations', BcomFaults.serverError(500));
    const error = await client
      .book(booking(quote.supplierQuoteId, 'b6f7f1a0-0000-4000-8000-000000000004'))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ failure: 'unavailable', supplierCodes: ['order_unread'] });
    expect(bcom.count('/orders/create')).toBe(1);
    expect(
      await client.findBookingByBookingId('b6f7f1a0-0000-4000-8000-000000000004', new Date(Date.now() - 60_000)),
    ).toMatchObject({ supplierBookingId: bcom.orders[0].id });
  });

  it('the reconciler reads order pages until it finds our label', async () => {
    const client = supplier();
    const startedAt = new Date(Date.now() - 1000);
    for (let i = 0; i < 12; i += 1) {
      const { quote } = await quoted(client, i % 2);
      await client.book(booking(quote.supplierQuoteId, `booking-${i}`));
    }
    // Newest first, 10 a page: the oldest order is on the second page.
    const paged = supplier({ orderPageSize: 10 });
    bcom.requests.length = 0;
    expect(await paged.findBookingByBookingId('booking-0', startedAt)).toMatchObject({ bookingId: 'booking-0' });
    const pages = bcom.requests.filter((request) => request.path === '/orders/details' && !request.body.orders);
    expect(pages.map((request) => Object.keys(request.body)[0])).toEqual(['created', 'page']);
    expect(
      await supplier({ orderPageSize: 10, orderLookupPages: 1 }).findBookingByBookingId('booking-0', startedAt),
    ).toBeNull();
  });

  it('cancels once; the refund follows the fee schedule; a second cancel answers the cancelled order', async () => {
    const client = supplier();
    const { quote } = await quoted(client);
    const booked = await client.book(booking(quote.supplierQuoteId, 'b6f7f1a0-0000-4000-8000-000000000003'));
    const cancelled = await client.cancel(booked.supplierBookingId);
    expect(cancelled).toMatchObject({ status: 'cancelled', refund: booked.totalAmount });
    expect(cancelled.cancelledAt).not.toBeNull();
    expect(await client.cancel(booked.supplierBookingId)).toMatchObject({ status: 'cancelled' });
    expect(bcom.count('/orders/cancel')).toBe(2);
    expect(await failure(client.getBooking('999999999999999'))).toBe('not_found');
    expect(await failure(client.cancel('999999999999999'))).toBe('not_found');
  });
});
