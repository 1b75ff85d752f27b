import type { Repository } from 'typeorm';
import airportData from '../../../places/airports.json';
import { findAirport } from '../../../places/airports.index';
import { distanceKm } from '../../../places/great-circle';
import { type FlightOffer, type FlightSearchRequest, SupplierError } from '../flight-supplier';
import type { SandboxFlightOrder } from './sandbox-flight-order.entity';
import { SandboxFlightSupplier } from './sandbox-flight-supplier';
import { EMISSIONS_KG_PER_PASSENGER_KM, SANDBOX_MAX_OFFERS } from './sandbox-offers';

const SECRET = 'a-sandbox-test-secret-of-32-bytes!!';
const SEARCHED_AT = new Date('2027-02-01T10:00:00Z');

/** Searches and offers never touch the order table. */
const noOrders = {} as Repository<SandboxFlightOrder>;

function supplierAt(at: Date | (() => Date), secret = SECRET): SandboxFlightSupplier {
  return new SandboxFlightSupplier(noOrders, secret, typeof at === 'function' ? at : () => at);
}

function oneWay(
  origin: string,
  destination: string,
  departureDate: string,
  extra: Partial<FlightSearchRequest> = {},
): FlightSearchRequest {
  return {
    slices: [{ origin, destination, departureDate }],
    passengers: 1,
    cabin: 'economy',
    maxConnections: null,
    ...extra,
  };
}

function roundTrip(
  origin: string,
  destination: string,
  out: string,
  back: string,
  extra: Partial<FlightSearchRequest> = {},
): FlightSearchRequest {
  return {
    slices: [
      { origin, destination, departureDate: out },
      { origin: destination, destination: origin, departureDate: back },
    ],
    passengers: 1,
    cabin: 'economy',
    maxConnections: null,
    ...extra,
  };
}

/** Offers without what depends on the search instant (ids, expiry). */
const content = (offers: FlightOffer[]) =>
  offers.map(({ supplierOfferId: _id, expiresAt: _expiry, supplierPassengerIds: _passengers, ...rest }) => rest);

const ROUTES: Array<[string, string]> = [
  ['LHR', 'JFK'],
  ['FRA', 'BCN'],
  ['CDG', 'SIN'],
  ['GRU', 'MIA'],
  ['SYD', 'AKL'],
  ['NBO', 'AMS'],
  ['SFO', 'ORD'],
  ['AAL', 'SYD'],
];

describe('SandboxFlightSupplier search', () => {
  it('answers the same offers for the same search, in any process and later the same day', async () => {
    const first = await supplierAt(SEARCHED_AT).search(roundTrip('LHR', 'JFK', '2027-03-01', '2027-03-08'));
    const again = await supplierAt(SEARCHED_AT).search(roundTrip('lhr', 'jfk', '2027-03-01', '2027-03-08'));
    expect(again).toEqual(first);
    const anHourLater = await supplierAt(new Date(SEARCHED_AT.getTime() + 3600_000)).search(
      roundTrip('LHR', 'JFK', '2027-03-01', '2027-03-08'),
    );
    expect(content(anHourLater.offers)).toEqual(content(first.offers));
    expect(anHourLater.offers[0].supplierOfferId).not.toBe(first.offers[0].supplierOfferId);
  });

  it('offers plausible flights: 2–4 airlines, non-stop and one-stop, block times, connections, fares and emissions', async () => {
    for (const [origin, destination] of ROUTES) {
      const { offers } = await supplierAt(SEARCHED_AT).search(oneWay(origin, destination, '2027-03-10'));
      const airlines = new Set(offers.map((offer) => offer.owner.iataCode));
      expect(airlines.size).toBeGreaterThanOrEqual(2);
      expect(airlines.size).toBeLessThanOrEqual(4);
      expect(offers.length).toBeGreaterThanOrEqual(6);
      const direct = distanceKm(findAirport(origin)!, findAirport(destination)!);
      for (const offer of offers) {
        expect(offer.supplier).toBe('sandbox');
        expect(offer.cabin).toBe('economy');
        const [slice] = offer.slices;
        expect(slice.segments.length).toBeLessThanOrEqual(2);
        expect(slice.origin.iataCode).toBe(origin);
        expect(slice.destination.iataCode).toBe(destination);
        let flownKm = 0;
        slice.segments.forEach((segment, i) => {
          const km = distanceKm(segment.origin, segment.destination);
          flownKm += km;
          const kmh = km / (segment.durationMinutes / 60);
          expect(kmh).toBeGreaterThan(250);
          expect(kmh).toBeLessThan(900);
          expect(Date.parse(segment.arrivingAt) - Date.parse(segment.departingAt)).toBe(
            segment.durationMinutes * 60_000,
          );
          expect(segment.flightNumber).toMatch(new RegExp(`^${offer.owner.iataCode}\\d{1,4}$`));
          if (i > 0) {
            const connection =
              (Date.parse(segment.departingAt) - Date.parse(slice.segments[i - 1].arrivingAt)) / 60_000;
            expect(connection).toBeGreaterThanOrEqual(50);
            expect(connection).toBeLessThanOrEqual(200);
          }
        });
        expect(flownKm).toBeLessThanOrEqual(direct * 1.35 + 500);
        expect(slice.durationMinutes).toBe(
          (Date.parse(slice.segments.at(-1)!.arrivingAt) - Date.parse(slice.segments[0].departingAt)) / 60_000,
        );
        const perKm = Number(offer.totalAmount.amount) / flownKm;
        expect(perKm).toBeGreaterThan(0.03);
        expect(perKm).toBeLessThan(0.6);
        expect(offer.totalEmissionsKg).toBe(Math.round(flownKm * EMISSIONS_KG_PER_PASSENGER_KM.economy));
      }
    }
    const { offers } = await supplierAt(SEARCHED_AT).search(oneWay('LHR', 'JFK', '2027-03-10'));
    expect(offers.some((offer) => offer.slices[0].segments.length === 1)).toBe(true);
    expect(offers.some((offer) => offer.slices[0].segments.length === 2)).toBe(true);
  });

  it('finds flights between remote airports, and keeps every itinerary in order for any pair of bundled airports', async () => {
    const supplier = supplierAt(SEARCHED_AT);
    for (const [origin, destination] of [
      ['FIH', 'APL'],
      ['YFB', 'YIN'],
      ['JNX', 'PFO'],
      ['SAW', 'UFA'],
    ]) {
      expect((await supplier.search(oneWay(origin, destination, '2027-03-10'))).offers.length).toBeGreaterThan(0);
    }
    const codes = (airportData.rows as unknown as string[][]).map((row) => row[0]);
    for (let i = 0; i < 300; i += 1) {
      const origin = codes[(i * 7919) % codes.length];
      const destination = codes[(i * 104729 + 13) % codes.length];
      if (origin === destination) continue;
      const { offers } = supplier.searchNow(roundTrip(origin, destination, '2027-03-10', '2027-03-12'));
      expect(offers.length).toBeLessThanOrEqual(SANDBOX_MAX_OFFERS);
      for (const offer of offers) {
        for (const slice of offer.slices) {
          slice.segments.forEach((segment, n) => {
            expect(Date.parse(segment.arrivingAt)).toBeGreaterThan(Date.parse(segment.departingAt));
            if (n > 0)
              expect(Date.parse(segment.departingAt)).toBeGreaterThan(Date.parse(slice.segments[n - 1].arrivingAt));
          });
        }
      }
    }
  });

  it('prices by cabin and by days before departure, and multiplies by passengers', async () => {
    const supplier = supplierAt(SEARCHED_AT);
    const cheapest = async (request: FlightSearchRequest) =>
      Number((await supplier.search(request)).offers[0].totalAmount.amount);
    const economy = await cheapest(oneWay('LHR', 'JFK', '2027-04-20'));
    const business = await cheapest(oneWay('LHR', 'JFK', '2027-04-20', { cabin: 'business' }));
    const nextWeek = await cheapest(oneWay('LHR', 'JFK', '2027-02-04'));
    expect(business).toBeGreaterThan(economy * 3);
    expect(nextWeek).toBeGreaterThan(economy * 1.3);
    const one = (await supplier.search(oneWay('FRA', 'BCN', '2027-04-20'))).offers[0];
    const three = (await supplier.search(oneWay('FRA', 'BCN', '2027-04-20', { passengers: 3 }))).offers[0];
    expect(Number(three.totalAmount.amount)).toBeCloseTo(Number(one.totalAmount.amount) * 3, 2);
    expect(three.totalEmissionsKg).toBeGreaterThanOrEqual(one.totalEmissionsKg! * 3 - 1);
    expect(three.supplierPassengerIds).toHaveLength(3);
  });

  it('sells fare brands with their refund and change conditions', async () => {
    const { offers } = await supplierAt(SEARCHED_AT).search(oneWay('LHR', 'JFK', '2027-04-20'));
    const refundable = offers.filter((offer) => offer.conditions.refundBeforeDeparture?.allowed);
    const locked = offers.filter(
      (offer) => !offer.conditions.refundBeforeDeparture?.allowed && !offer.conditions.changeBeforeDeparture?.allowed,
    );
    expect(refundable.length).toBeGreaterThan(0);
    expect(locked.length).toBeGreaterThan(0);
    const cheapestLocked = Math.min(...locked.map((offer) => Number(offer.totalAmount.amount)));
    const cheapestRefundable = Math.min(...refundable.map((offer) => Number(offer.totalAmount.amount)));
    expect(cheapestRefundable).toBeGreaterThan(cheapestLocked);
  });

  it('keeps to non-stop flights when no connection is allowed, and sells business instead of first on short routes', async () => {
    const { offers } = await supplierAt(SEARCHED_AT).search(oneWay('LHR', 'JFK', '2027-04-20', { maxConnections: 0 }));
    expect(offers.length).toBeGreaterThan(0);
    expect(offers.every((offer) => offer.slices[0].segments.length === 1)).toBe(true);
    const short = await supplierAt(SEARCHED_AT).search(oneWay('FRA', 'BCN', '2027-04-20', { cabin: 'first' }));
    expect(short.offers.every((offer) => offer.cabin === 'business')).toBe(true);
    const long = await supplierAt(SEARCHED_AT).search(oneWay('LHR', 'JFK', '2027-04-20', { cabin: 'first' }));
    expect(long.offers.every((offer) => offer.cabin === 'first')).toBe(true);
  });

  it("writes segment times in each airport's zone with the offset in force, across daylight-saving changes", async () => {
    // 2027-03-20: New York is on daylight time (since 14 March), London not yet (28 March).
    const before = (await supplierAt(SEARCHED_AT).search(oneWay('LHR', 'JFK', '2027-03-20', { maxConnections: 0 })))
      .offers[0].slices[0].segments[0];
    expect(before.departingAt).toMatch(/^2027-03-20T\d\d:\d\d:00\+00:00$/);
    expect(before.arrivingAt).toMatch(/-04:00$/);
    // 2027-03-28: Europe moves to summer time at 01:00 UTC, before the first departure.
    const after = (await supplierAt(SEARCHED_AT).search(oneWay('LHR', 'FRA', '2027-03-28', { maxConnections: 0 })))
      .offers[0].slices[0].segments[0];
    expect(after.departingAt).toMatch(/^2027-03-28T\d\d:\d\d:00\+01:00$/);
    expect(after.arrivingAt).toMatch(/\+02:00$/);
    expect(Date.parse(after.arrivingAt) - Date.parse(after.departingAt)).toBe(after.durationMinutes * 60_000);
    // Southern hemisphere: Sydney leaves daylight time on 2027-04-04.
    const sydney = (await supplierAt(SEARCHED_AT).search(oneWay('SYD', 'AKL', '2027-04-10', { maxConnections: 0 })))
      .offers[0].slices[0].segments[0];
    expect(sydney.departingAt).toMatch(/\+10:00$/);
    expect(sydney.arrivingAt).toMatch(/\+12:00$/);
  });

  it('lists no departure within two hours of the search, and refuses past, far or unknown searches', async () => {
    const at = new Date('2027-03-10T12:00:00Z');
    const { offers } = await supplierAt(at).search(oneWay('FRA', 'BCN', '2027-03-10'));
    expect(
      offers.every((offer) => Date.parse(offer.slices[0].segments[0].departingAt) >= at.getTime() + 2 * 3600_000),
    ).toBe(true);
    const refused = async (request: FlightSearchRequest) => {
      const error = await supplierAt(at)
        .search(request)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SupplierError);
      expect((error as SupplierError).failure).toBe('invalid_request');
    };
    await refused(oneWay('FRA', 'BCN', '2027-03-09'));
    await refused(oneWay('FRA', 'BCN', '2028-03-10'));
    await refused(oneWay('FRA', 'XQX', '2027-04-01'));
    await refused(oneWay('FRA', 'FRA', '2027-04-01'));
    await refused(oneWay('FRA', 'BCN', '2027-02-30'));
    await refused(roundTrip('FRA', 'BCN', '2027-04-10', '2027-04-01'));
    expect((await supplierAt(at).search(oneWay('LHR', 'LGW', '2027-04-01'))).offers).toEqual([]);
  });
});

describe('SandboxFlightSupplier offers', () => {
  it('re-derives an offer from its id alone, in another instance', async () => {
    const { offers } = await supplierAt(SEARCHED_AT).search(
      roundTrip('CDG', 'SIN', '2027-03-01', '2027-03-15', { passengers: 2 }),
    );
    const other = supplierAt(new Date(SEARCHED_AT.getTime() + 60_000));
    for (const offer of [offers[0], offers[7], offers.at(-1)!]) {
      expect(await other.getOffer(offer.supplierOfferId)).toEqual(offer);
    }
  });

  it('keeps offer ids short enough to store (200 characters) for a six-slice search, and URL-safe', async () => {
    const codes = ['LHR', 'JFK', 'LHR', 'CDG', 'LHR', 'FRA', 'LHR'];
    const request: FlightSearchRequest = {
      slices: codes
        .slice(0, 6)
        .map((origin, i) => ({ origin, destination: codes[i + 1], departureDate: `2027-03-1${i}` })),
      passengers: 9,
      cabin: 'premium_economy',
      maxConnections: 1,
    };
    const supplier = supplierAt(SEARCHED_AT);
    const { offers, supplierSearchId } = await supplier.search(request);
    expect(offers.length).toBeGreaterThan(0);
    for (const id of [supplierSearchId, ...offers.map((offer) => offer.supplierOfferId)]) {
      expect(id.length).toBeLessThanOrEqual(130);
      expect(id).toMatch(/^[\w.~-]+$/);
    }
    await expect(supplier.getOffer(offers.at(-1)!.supplierOfferId)).resolves.toEqual(offers.at(-1));
  });

  it('refuses a tampered id, or one signed with another secret', async () => {
    const { offers } = await supplierAt(SEARCHED_AT).search(oneWay('LHR', 'JFK', '2027-03-01'));
    const id = offers[1].supplierOfferId;
    const [payload, , signature] = id.split('.');
    const notFound = async (candidate: string, supplier = supplierAt(SEARCHED_AT)) => {
      const error = await supplier.getOffer(candidate).catch((e: unknown) => e);
      expect((error as SupplierError).failure).toBe('not_found');
    };
    await notFound(`${payload}.0.${signature}`);
    await notFound(id.replace('sbx_off_', 'sbx_off_x'));
    await notFound(id, supplierAt(SEARCHED_AT, 'another-secret-of-at-least-32-bytes!'));
    await notFound('off_0000AbCdEf');
    await notFound(`${payload}.999.${signature}`);
  });

  it('expires offers 30 minutes after the search', async () => {
    let now = SEARCHED_AT;
    const supplier = supplierAt(() => now);
    const [offer] = (await supplier.search(oneWay('LHR', 'JFK', '2027-03-01'))).offers;
    expect(offer.expiresAt).toBe('2027-02-01T10:30:00.000Z');
    now = new Date('2027-02-01T10:29:59Z');
    await expect(supplier.getOffer(offer.supplierOfferId)).resolves.toEqual(offer);
    now = new Date('2027-02-01T10:30:00Z');
    const error = await supplier.getOffer(offer.supplierOfferId).catch((e: unknown) => e);
    expect((error as SupplierError).failure).toBe('offer_expired');
  });

  it(`produces ${SANDBOX_MAX_OFFERS} offers for a busy return search in a few milliseconds`, async () => {
    const supplier = supplierAt(SEARCHED_AT);
    const request = roundTrip('LHR', 'MAD', '2027-03-01', '2027-03-08', { passengers: 2 });
    expect(supplier.searchNow(request).offers).toHaveLength(SANDBOX_MAX_OFFERS);
    for (let i = 0; i < 10; i += 1) supplier.searchNow(request);
    const times: number[] = [];
    for (let i = 0; i < 100; i += 1) {
      const start = performance.now();
      supplier.searchNow(request);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    // The bench's goal is 100 ms p99 with the policy verdicts (measured there, on a quiet machine);
    // here, beside other test runs, the median shows generation is a small part of it.
    expect(times[50]).toBeLessThan(25);
  });
});
