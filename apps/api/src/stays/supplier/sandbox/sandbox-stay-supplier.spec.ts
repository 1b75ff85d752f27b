import type { Repository } from 'typeorm';
import { distanceKm } from '../../../places/great-circle';
import { citiesNamed } from '../../../places/places.index';
import { type StaySearchRequest, SupplierError } from '../stay-supplier';
import { cityProperties, costLevel } from './sandbox-properties';
import type { SandboxStayBooking } from './sandbox-stay-booking.entity';
import { SandboxStaySupplier } from './sandbox-stay-supplier';

const SECRET = 'a-sandbox-stays-test-secret-32-bytes!';
const SEARCHED_AT = new Date('2027-02-01T10:00:00Z');
/** Searches, rates and quotes never touch the bookings table. */
const noBookings = {} as Repository<SandboxStayBooking>;
const supplierAt = (at: Date | (() => Date), secret = SECRET) =>
  new SandboxStaySupplier(noBookings, secret, typeof at === 'function' ? at : () => at);

const city = (name: string, countryCode: string) =>
  citiesNamed(name).find((place) => place.countryCode === countryCode)!;
const around = (name: string, countryCode: string, extra: Partial<StaySearchRequest> = {}): StaySearchRequest => {
  const place = city(name, countryCode);
  return {
    where: { latitude: place.latitude, longitude: place.longitude, radiusKm: 10 },
    checkInDate: '2027-03-10',
    checkOutDate: '2027-03-13',
    rooms: 1,
    guests: 1,
    ...extra,
  };
};

async function failure(promise: Promise<unknown>): Promise<SupplierError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SupplierError);
  return error as SupplierError;
}

describe('sandbox stays', () => {
  it('answers plausible hotels around a city, the same for every search, cheapest first', () => {
    const supplier = supplierAt(SEARCHED_AT);
    const { results } = supplier.searchNow(around('Paris', 'FR'));
    expect(results.length).toBeGreaterThanOrEqual(8);
    expect(supplier.searchNow(around('Paris', 'FR')).results).toEqual(results);
    const paris = city('Paris', 'FR');
    for (const result of results) {
      expect(result.supplier).toBe('sandbox');
      const { property } = result;
      expect(property.address).toMatchObject({ cityName: 'Paris', countryCode: 'FR' });
      expect(property.address.lineOne).toMatch(/^\d+ rue \S+/);
      expect(property.stars).toBeGreaterThanOrEqual(2);
      expect(property.stars).toBeLessThanOrEqual(5);
      expect(distanceKm(paris, { latitude: property.latitude!, longitude: property.longitude! })).toBeLessThanOrEqual(
        10,
      );
      expect(result.supplierResultId).toMatch(/^sbx_srr_[\w~.-]+$/);
      expect(result.expiresAt).toBe('2027-02-01T10:30:00.000Z');
    }
    const totals = results.map((result) => Number(result.cheapestTotal.amount));
    expect(totals).toEqual([...totals].sort((a, b) => a - b));
    expect(new Set(results.map((result) => result.property.name)).size).toBe(results.length);
  });

  it('keeps to the radius, and finds nothing far from any city', () => {
    const supplier = supplierAt(SEARCHED_AT);
    const paris = city('Paris', 'FR');
    const near = supplier.searchNow(around('Paris', 'FR', { where: { ...paris, radiusKm: 1 } })).results;
    for (const result of near) {
      expect(
        distanceKm(paris, { latitude: result.property.latitude!, longitude: result.property.longitude! }),
      ).toBeLessThanOrEqual(1);
    }
    const atSea = { where: { latitude: -40, longitude: -130, radiusKm: 20 } };
    expect(supplier.searchNow(around('Paris', 'FR', atSea)).results).toEqual([]);
  });

  it('prices by city cost level, stars, season and guests', () => {
    const supplier = supplierAt(SEARCHED_AT);
    const median = (request: StaySearchRequest) => {
      const totals = supplier.searchNow(request).results.map((result) => Number(result.cheapestTotal.amount));
      return totals.sort((a, b) => a - b)[Math.floor(totals.length / 2)];
    };
    expect(costLevel('CH')).toBeGreaterThan(costLevel('VN'));
    expect(median(around('Zurich', 'CH'))).toBeGreaterThan(median(around('Hanoi', 'VN')) * 2);
    // The same week in July costs more than in February in Rome; less in Sydney.
    const february = { checkInDate: '2027-02-15', checkOutDate: '2027-02-17' };
    const july = { checkInDate: '2027-07-12', checkOutDate: '2027-07-14' };
    expect(median(around('Rome', 'IT', july))).toBeGreaterThan(median(around('Rome', 'IT', february)));
    expect(median(around('Sydney', 'AU', july))).toBeLessThan(median(around('Sydney', 'AU', february)));
    // Two rooms cost twice one; a third guest in a room costs more.
    expect(median(around('Rome', 'IT', { rooms: 2, guests: 2 }))).toBe(2 * median(around('Rome', 'IT')));
    expect(median(around('Rome', 'IT', { guests: 3 }))).toBeGreaterThan(median(around('Rome', 'IT', { guests: 2 })));
    const stars = cityProperties(city('Rome', 'IT')).map((property) => property.stars);
    expect(new Set(stars).size).toBeGreaterThanOrEqual(3);
  });

  it('gives each result its rates: boards, non-refundable and refundable until N days before', async () => {
    const supplier = supplierAt(SEARCHED_AT);
    const [result] = supplier.searchNow(around('Berlin', 'DE')).results;
    const rates = await supplier.rates(result.supplierResultId);
    expect(rates.property).toEqual(result.property);
    expect(rates.rates.length).toBeGreaterThanOrEqual(3);
    expect(Math.min(...rates.rates.map((rate) => Number(rate.totalAmount.amount)))).toBe(
      Number(result.cheapestTotal.amount),
    );
    const boards = new Set(rates.rates.map((rate) => rate.board));
    expect(boards).toEqual(new Set(['room_only', 'breakfast']));
    const nonRefundable = rates.rates.find((rate) => !rate.cancellation.refundable)!;
    expect(nonRefundable.cancellation.timeline).toEqual([]);
    const flexible = rates.rates.find((rate) => rate.cancellation.refundable)!;
    const [deadline] = flexible.cancellation.timeline;
    expect(deadline.refund).toEqual(flexible.totalAmount);
    // 18:00 local in Berlin (CET in March) some days before check-in on 10 March.
    expect(deadline.before).toMatch(/^2027-03-0\dT18:00:00\+01:00$/);
    expect(flexible.dueAtProperty).toMatchObject({ currency: 'EUR' });
  });

  it('searches by property id and finds the same hotel', () => {
    const supplier = supplierAt(SEARCHED_AT);
    const [first, second] = supplier.searchNow(around('Lisbon', 'PT')).results;
    const ids = [first.property.supplierPropertyId, second.property.supplierPropertyId, 'sbx_acc_PT_1_1_99', 'acc_x'];
    const byId = supplier.searchNow({ ...around('Lisbon', 'PT'), where: { propertyIds: ids } }).results;
    expect(byId.map((result) => result.property).sort((a, b) => a.name.localeCompare(b.name))).toEqual(
      [first.property, second.property].sort((a, b) => a.name.localeCompare(b.name)),
    );
  });

  it('quotes a rate at its price; ids are signed and expire after 30 minutes', async () => {
    let now = SEARCHED_AT;
    const supplier = supplierAt(() => now);
    const [result] = supplier.searchNow(around('Madrid', 'ES')).results;
    const { rates } = await supplier.rates(result.supplierResultId);
    const quote = await supplier.quote(rates[1].supplierRateId);
    expect(quote).toMatchObject({ supplier: 'sandbox', totalAmount: rates[1].totalAmount, guests: 1, rooms: 1 });
    expect(quote.rate).toMatchObject({ roomName: rates[1].roomName, board: rates[1].board });
    expect(quote.supplierQuoteId).toMatch(/^sbx_quo_/);

    const tampered = rates[1].supplierRateId.replace(/~\w+\./, '~aaaaaa.');
    expect((await failure(supplier.quote(tampered))).failure).toBe('not_found');
    expect(
      (await failure(supplierAt(SEARCHED_AT, 'another-secret-xxxxxxxxxxxxxxxxxxx').quote(rates[1].supplierRateId)))
        .failure,
    ).toBe('not_found');

    now = new Date(SEARCHED_AT.getTime() + 31 * 60_000);
    expect((await failure(supplier.quote(rates[1].supplierRateId))).failure).toBe('offer_expired');
    expect((await failure(supplier.rates(result.supplierResultId))).failure).toBe('offer_expired');
  });

  it('refuses a search it cannot answer as invalid_request', async () => {
    const supplier = supplierAt(SEARCHED_AT);
    for (const extra of [
      { checkInDate: '2027-03-13', checkOutDate: '2027-03-10' },
      { checkInDate: '2027-03-10', checkOutDate: '2027-05-10' },
      { checkInDate: '2026-01-01', checkOutDate: '2026-01-03' },
      { checkInDate: 'soon', checkOutDate: '2027-03-10' },
      { rooms: 0 },
      { rooms: 2, guests: 1 },
      { guests: 5 },
      { where: { latitude: 48.8, longitude: 2.3, radiusKm: 500 } },
      { where: { latitude: 91, longitude: 2.3, radiusKm: 5 } },
      { where: { propertyIds: [] } },
    ] as Array<Partial<StaySearchRequest>>) {
      expect((await failure(supplier.search(around('Paris', 'FR', extra)))).failure).toBe('invalid_request');
    }
  });
});
