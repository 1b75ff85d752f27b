import { AmadeusStaySupplier, amadeusClient } from '../src/stays/supplier/amadeus/amadeus-stay-supplier';
import {
  type StaySearchRequest,
  type StaySupplier,
  SupplierError,
  type SupplierFailure,
} from '../src/stays/supplier/stay-supplier';
import { AmadeusFaults, type FakeAmadeus, startFakeAmadeus } from './support/fake-amadeus-server';

/**
 * The Amadeus hotel adapter through the official SDK (`amadeus` 11.0.0, its own OAuth token requests
 * included) against a local server in Amadeus's wire format (support/fake-amadeus-server.ts): search,
 * rates, the re-priced offer as the quote, the refusal to book, and the failures (docs/stays.md § Amadeus).
 */
describe('Amadeus stay supplier (real SDK, fake Amadeus)', () => {
  let amadeus: FakeAmadeus;

  beforeAll(async () => {
    amadeus = await startFakeAmadeus();
  });
  afterAll(() => amadeus.close());
  beforeEach(() => amadeus.reset());

  const supplier = (timeoutMs = 5_000, clientSecret = amadeus.clientSecret) =>
    new AmadeusStaySupplier(
      amadeusClient({
        clientId: amadeus.clientId,
        clientSecret,
        hostname: 'test',
        baseUrl: amadeus.url,
        timeoutMs,
      }),
      { timeoutMs, retryBaseMs: 10 },
    );

  const search: StaySearchRequest = {
    where: { latitude: 48.8566, longitude: 2.3522, radiusKm: 5 },
    checkInDate: '2027-04-10',
    checkOutDate: '2027-04-12',
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

  it('gets a token with the client credentials, finds hotels by geocode and their offers, cheapest first, in our terms', async () => {
    const { results } = await supplier().search(search);
    expect(results.map((result) => result.property.name)).toEqual([
      'IBIS FAKE GARE DE LYON',
      'HOTEL LOUVRE FAKE',
      'FAKE PALACE OPERA',
    ]);
    expect(results[0]).toMatchObject({
      supplier: 'amadeus',
      supplierResultId: 'ama_RTPAR002_2027-04-10_2027-04-12_1_2',
      property: {
        supplierPropertyId: 'RTPAR002',
        stars: 3,
        chain: 'RT',
        address: { cityName: 'Paris', countryCode: 'FR' },
      },
      cheapestTotal: { amount: '198.00', currency: 'EUR' },
    });
    expect(results[0].property.latitude).toBeCloseTo(48.8486, 4);
    const token = amadeus.requests.find((request) => request.path === '/v1/security/oauth2/token')!;
    expect(new URLSearchParams(token.body).get('grant_type')).toBe('client_credentials');
    const geocode = amadeus.requests.find((request) => request.path.endsWith('/by-geocode'))!;
    expect(geocode.query).toMatchObject({ latitude: '48.8566', longitude: '2.3522', radius: '5', radiusUnit: 'KM' });
    const offers = amadeus.requests.find((request) => request.path === '/v3/shopping/hotel-offers')!;
    expect(offers.query).toMatchObject({
      hotelIds: 'HLPAR001,RTPAR002,MCPAR003',
      adults: '2',
      roomQuantity: '1',
      checkInDate: '2027-04-10',
    });
    expect(offers.headers.authorization).toMatch(/^Bearer /);
    expect(amadeus.count('POST /v1/security/oauth2/token')).toBe(1);
  });

  it('rates: room, board, total, the cancellation deadline as a timeline; the quote re-prices one offer', async () => {
    const client = supplier();
    const { results } = await client.search(search);
    const { rates } = await client.rates(results[1].supplierResultId);
    expect(rates[0]).toMatchObject({
      roomName: 'Standard King Room',
      board: 'room_only',
      totalAmount: { amount: '324.00', currency: 'EUR' },
      cancellation: { refundable: false, timeline: [] },
    });
    // Free until the deadline; after it the first night's penalty, until check-in.
    expect(rates[1]).toMatchObject({
      roomName: 'Deluxe King Room with breakfast',
      board: 'breakfast',
      totalAmount: { amount: '400.00', currency: 'EUR' },
      cancellation: {
        refundable: true,
        timeline: [
          { before: '2027-04-08T22:00:00.000Z', refund: { amount: '400.00', currency: 'EUR' } },
          { before: '2027-04-10T00:00:00.000Z', refund: { amount: '200.00', currency: 'EUR' } },
        ],
      },
    });
    const quote = await client.quote(rates[1].supplierRateId);
    expect(quote).toMatchObject({
      supplier: 'amadeus',
      supplierQuoteId: rates[1].supplierRateId,
      totalAmount: rates[1].totalAmount,
      checkInDate: '2027-04-10',
      rooms: 1,
      guests: 2,
      rate: { board: 'breakfast' },
    });
    expect(amadeus.count('GET /v3/shopping/hotel-offers/:id')).toBe(1);
  });

  it('refuses to book (the order would carry a card) without calling Amadeus; nothing to read, find or cancel', async () => {
    const client: StaySupplier = supplier();
    const error = await client
      .book({
        supplierQuoteId: 'HLPARFLEX',
        guests: [{ givenName: 'Amelia', familyName: 'Earhart' }],
        email: 'amelia@example.com',
        phoneNumber: '+442080160509',
        expectedTotal: { amount: '400.00', currency: 'EUR' },
        bookingId: 'b-1',
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ failure: 'invalid_request', supplierCodes: ['booking_not_supported'] });
    expect(amadeus.count('POST /v2/booking/hotel-orders')).toBe(0);
    expect(amadeus.requests).toHaveLength(0);
    expect(await client.findBookingByBookingId('b-1', new Date())).toBeNull();
    expect(await failure(client.getBooking('x'))).toBe('not_found');
    expect(await failure(client.cancel('x'))).toBe('not_found');
  });

  it('asks for a new token when the old one has expired', async () => {
    amadeus.setTokenTtl(1);
    const client = supplier();
    await client.search(search);
    expect(amadeus.count('POST /v1/security/oauth2/token')).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await client.search(search);
    expect(amadeus.count('POST /v1/security/oauth2/token')).toBe(2);
    const bearers = amadeus.requests
      .filter((request) => request.path === '/v3/shopping/hotel-offers')
      .map((request) => request.headers.authorization);
    expect(new Set(bearers).size).toBe(2);
  });

  it('wrong credentials are unavailable; a sold-out or unknown offer is gone at the quote', async () => {
    expect(await failure(supplier(5_000, 'wrong').search(search))).toBe('unavailable');
    const client = supplier();
    const { results } = await client.search(search);
    const { rates } = await client.rates(results[0].supplierResultId);
    amadeus.sellOut(rates[0].supplierRateId);
    expect(await failure(client.quote(rates[0].supplierRateId))).toBe('offer_expired');
    expect(await failure(client.quote('NOSUCHOFFER'))).toBe('not_found');
  });

  it('retries a 429 and a 503 for searches; a 500 is unavailable at once; a slow answer is timeout', async () => {
    amadeus.inject('GET /v3/shopping/hotel-offers', AmadeusFaults.rateLimited(0));
    amadeus.inject('GET /v1/reference-data/locations/hotels/by-geocode', AmadeusFaults.serverError(503));
    expect((await supplier().search(search)).results).toHaveLength(3);
    expect(amadeus.count('GET /v3/shopping/hotel-offers')).toBe(2);
    expect(amadeus.count('GET /v1/reference-data/locations/hotels/by-geocode')).toBe(2);

    amadeus.inject('GET /v3/shopping/hotel-offers', AmadeusFaults.rateLimited(0), 3);
    expect(await failure(supplier().search(search))).toBe('rate_limited');
    amadeus.inject('GET /v3/shopping/hotel-offers', AmadeusFaults.serverError(500));
    expect(await failure(supplier().search(search))).toBe('unavailable');
    expect(amadeus.count('GET /v3/shopping/hotel-offers')).toBe(2 + 3 + 1);

    amadeus.inject('GET /v3/shopping/hotel-offers', AmadeusFaults.slow(600));
    expect(await failure(supplier(300).search(search))).toBe('timeout');
  });
});
