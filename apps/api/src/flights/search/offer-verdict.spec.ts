import { convertToCents, crossRate, formatCents } from '../../currency/decimal';
import type { EvaluationContext, Money } from '../../policy/policy-subject';
import { parseTravelPolicy, type TravelPolicyInput, type TravelPolicyRules } from '../../policy/travel-policy.schema';
import type { AirportRef, FlightOffer, FlightSlice } from '../supplier/flight-supplier';
import { apportionCents, judgeOffer, perPassengerCents, sliceSubjects } from './offer-verdict';

const PER_EURO: Record<string, string> = { EUR: '1', USD: '1.25' };
const convert = ({ amount, currency }: Money, target: string) =>
  formatCents(convertToCents(amount, crossRate(PER_EURO[currency], PER_EURO[target])));
const CONTEXT: EvaluationContext = { now: new Date('2027-01-10T08:00:00Z'), timeZone: 'Europe/Berlin', convert };

const OPEN: TravelPolicyInput = {
  version: 7,
  currency: 'EUR',
  allowedCabinClasses: ['economy', 'premium_economy', 'business', 'first'],
  maxFlightFare: null,
  maxHotelNightlyRate: null,
  minAdvanceBookingDays: 0,
  tripBudgetCeiling: null,
  outOfPolicy: 'needs_approval',
};
function policyOf(overrides: Partial<TravelPolicyInput> = {}): TravelPolicyRules {
  const parsed = parseTravelPolicy({ ...OPEN, ...overrides });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.policy;
}

const airport = (iataCode: string, latitude: number, longitude: number, timeZone: string): AirportRef => ({
  iataCode,
  name: iataCode,
  cityName: null,
  countryCode: null,
  timeZone,
  latitude,
  longitude,
});
const FRA = airport('FRA', 50.0333, 8.5706, 'Europe/Berlin');
const MUC = airport('MUC', 48.3538, 11.7861, 'Europe/Berlin');
const JFK = airport('JFK', 40.6398, -73.7789, 'America/New_York');
const LHR = airport('LHR', 51.4706, -0.4619, 'Europe/London');

/** A slice through `stops` (each a [airport, carrier]), departing on `date`. */
function slice(
  from: AirportRef,
  to: AirportRef,
  date: string,
  carriers: string[] = ['LH'],
  via: AirportRef[] = [],
): FlightSlice {
  const points = [from, ...via, to];
  const segments = points.slice(1).map((destination, index) => ({
    origin: points[index],
    destination,
    departingAt: `${date}T09:00:00+01:00`,
    arrivingAt: `${date}T11:00:00+01:00`,
    durationMinutes: 120,
    marketingCarrier: { iataCode: carriers[index] ?? carriers[0], name: 'Carrier' },
    operatingCarrier: { iataCode: carriers[index] ?? carriers[0], name: 'Carrier' },
    flightNumber: `${carriers[0]}100`,
    aircraft: null,
  }));
  return { origin: from, destination: to, durationMinutes: 120 * segments.length + 60 * via.length, segments };
}

function offer(slices: FlightSlice[], totalAmount: Money, overrides: Partial<FlightOffer> = {}): FlightOffer {
  return {
    supplier: 'sandbox',
    supplierOfferId: 'off_1',
    supplierPassengerIds: ['pas_1'],
    totalAmount,
    totalEmissionsKg: 300,
    owner: { iataCode: 'LH', name: 'Lufthansa' },
    cabin: 'economy',
    slices,
    conditions: { refundBeforeDeparture: null, changeBeforeDeparture: null },
    expiresAt: '2027-01-10T08:30:00Z',
    ...overrides,
  };
}

const eur = (amount: string): Money => ({ amount, currency: 'EUR' });
const RETURN = [slice(FRA, JFK, '2027-03-01'), slice(JFK, FRA, '2027-03-05')];

describe('apportioning an offer among its slices', () => {
  it('gives a one-way flight the whole fare per passenger', () => {
    const [outbound] = sliceSubjects(offer([slice(FRA, JFK, '2027-03-01')], eur('900.00')), 1);
    expect(outbound.fare).toEqual(eur('900.00'));
    expect(outbound.co2Kg).toBe(300);
  });

  it('splits a return in halves (same distance each way), exactly to the cent', () => {
    const subjects = sliceSubjects(offer(RETURN, eur('1000.01')), 1);
    expect(subjects.map((subject) => subject.fare.amount)).toEqual(['500.01', '500.00']);
    expect(subjects.map((subject) => subject.co2Kg)).toEqual([150, 150]);
  });

  it('splits a multi-city offer by great-circle distance, so the long leg carries most of the fare', () => {
    const subjects = sliceSubjects(
      offer([slice(MUC, FRA, '2027-03-01'), slice(FRA, JFK, '2027-03-02')], eur('1000.00')),
      1,
    );
    const [short, long] = subjects.map((subject) => Number(subject.fare.amount));
    expect(short + long).toBe(1000);
    expect(short).toBeGreaterThan(40);
    expect(short).toBeLessThan(60);
  });

  it('divides the total among passengers first (half-up to the cent)', () => {
    expect(perPassengerCents(eur('1000.00'), 3)).toBe(33333n);
    expect(perPassengerCents(eur('1000.02'), 3)).toBe(33334n);
    const [outbound] = sliceSubjects(
      offer([slice(FRA, JFK, '2027-03-01')], eur('1200.00'), { totalEmissionsKg: 900 }),
      3,
    );
    expect(outbound.fare).toEqual(eur('400.00'));
    expect(outbound.co2Kg).toBe(300);
  });

  it('always sums to the total, whatever the weights', () => {
    for (const weights of [[1, 1, 1], [0, 0], [1, 2, 3, 4], [0.1, 1e6], [7]]) {
      for (const total of [0n, 1n, 2n, 99999n, 100000n]) {
        expect(apportionCents(total, weights).reduce((a, b) => a + b, 0n)).toBe(total);
      }
    }
    expect(apportionCents(100n, [0, 0, 0])).toEqual([34n, 33n, 33n]);
  });

  it('reads each slice as a flight: local departure date, duration, connections, marketing and operating carriers', () => {
    const connecting = slice(FRA, JFK, '2027-03-01', ['LH', 'UA'], [LHR]);
    connecting.segments[1].operatingCarrier = { iataCode: 'AC', name: 'Air Canada' };
    const [subject] = sliceSubjects(offer([connecting], eur('500.00'), { cabin: 'business' }), 1);
    expect(subject).toMatchObject({
      kind: 'flight',
      departureDate: '2027-03-01',
      durationMinutes: 300,
      cabin: 'business',
      connections: 1,
      carriers: ['LH', 'UA', 'AC'],
    });
  });

  it('judges no CO2 when the supplier gives none', () => {
    const subjects = sliceSubjects(offer(RETURN, eur('100.00'), { totalEmissionsKg: null }), 1);
    expect(subjects.map((subject) => subject.co2Kg)).toEqual([null, null]);
  });
});

describe("an offer's verdict", () => {
  it('is in policy when every slice is, with the policy version', () => {
    expect(judgeOffer(policyOf({ maxFlightFare: '600.00' }), offer(RETURN, eur('1000.00')), 1, CONTEXT)).toEqual({
      verdict: 'in_policy',
      policyVersion: 7,
      reasons: [],
    });
  });

  it('judges the fare per slice: a return at 1,300 is two flights of 650 against an 600 maximum', () => {
    const verdict = judgeOffer(policyOf({ maxFlightFare: '600.00' }), offer(RETURN, eur('1300.00')), 1, CONTEXT);
    expect(verdict.verdict).toBe('needs_approval');
    expect(verdict.reasons).toEqual([
      expect.objectContaining({ rule: 'flight_fare', limit: '600.00', actual: '650.00', unit: 'EUR', slices: [0, 1] }),
    ]);
  });

  it('converts the fare into the policy currency', () => {
    // 1,600 USD = 1,280 EUR: 640 EUR a flight.
    const verdict = judgeOffer(
      policyOf({ maxFlightFare: '600.00' }),
      offer(RETURN, { amount: '1600.00', currency: 'USD' }),
      1,
      CONTEXT,
    );
    expect(verdict.reasons).toEqual([
      expect.objectContaining({ rule: 'flight_fare', actual: '640.00', slices: [0, 1] }),
    ]);
  });

  it('is the worst of its slices, with each reason naming the slices that broke it', () => {
    const outbound = slice(FRA, JFK, '2027-03-01', ['LH', 'UA'], [LHR]);
    const inbound = slice(JFK, FRA, '2027-03-05', ['FR']);
    const verdict = judgeOffer(
      policyOf({ maxConnections: 0, blockedAirlines: ['FR'] }),
      offer([outbound, inbound], eur('800.00')),
      1,
      CONTEXT,
    );
    expect(verdict.verdict).toBe('blocked');
    expect(verdict.reasons.map(({ rule, slices, overridable }) => ({ rule, slices, overridable }))).toEqual([
      { rule: 'flight_connections', slices: [0], overridable: true },
      { rule: 'airline_blocked', slices: [1], overridable: false },
    ]);
  });

  it('needs approval when one slice does and the other is in policy', () => {
    const verdict = judgeOffer(
      policyOf({ allowedCabinClasses: ['economy'], cabinRules: [{ cabin: 'business', fromMinutes: 300 }] }),
      offer([slice(FRA, JFK, '2027-03-01', ['LH'], [LHR]), slice(JFK, FRA, '2027-03-05')], eur('800.00'), {
        cabin: 'business',
      }),
      1,
      CONTEXT,
    );
    expect(verdict.verdict).toBe('needs_approval');
    expect(verdict.reasons).toEqual([
      expect.objectContaining({ rule: 'flight_cabin', actual: 120, limit: 300, slices: [1] }),
    ]);
  });

  it('counts notice per slice from the traveller’s today', () => {
    const verdict = judgeOffer(
      policyOf({ minAdvanceBookingDays: 14 }),
      offer([slice(FRA, JFK, '2027-01-20'), slice(JFK, FRA, '2027-02-01')], eur('500.00')),
      1,
      CONTEXT,
    );
    expect(verdict.reasons).toEqual([expect.objectContaining({ rule: 'min_advance_days', actual: 10, slices: [0] })]);
  });

  it('under allowed_with_reason, asks once for a reason for the whole offer (blocked until one is given)', () => {
    const verdict = judgeOffer(
      policyOf({ maxFlightFare: '100.00', outOfPolicy: 'allowed_with_reason' }),
      offer(RETURN, eur('1000.00')),
      1,
      CONTEXT,
    );
    expect(verdict.verdict).toBe('blocked');
    expect(verdict.reasons.map(({ rule, slices }) => ({ rule, slices }))).toEqual([
      { rule: 'flight_fare', slices: [0, 1] },
      { rule: 'reason_code', slices: [0, 1] },
    ]);
  });

  it('judges CO2 per passenger per slice', () => {
    const verdict = judgeOffer(
      policyOf({ maxFlightCo2Kg: 400 }),
      offer(RETURN, eur('500.00'), { totalEmissionsKg: 1000 }),
      1,
      CONTEXT,
    );
    expect(verdict.reasons).toEqual([expect.objectContaining({ rule: 'flight_co2', actual: 500, slices: [0, 1] })]);
    const two = judgeOffer(
      policyOf({ maxFlightCo2Kg: 400 }),
      offer(RETURN, eur('500.00'), { totalEmissionsKg: 1000 }),
      2,
      CONTEXT,
    );
    expect(two.verdict).toBe('in_policy');
  });
});
