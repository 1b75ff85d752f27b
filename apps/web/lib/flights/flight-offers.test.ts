import { flightSearchBody, flightSearchSchema, searchFieldOf } from './flight-search-values';
import {
  bookingRoute,
  conditionText,
  defaultFlightDates,
  idempotencyKeys,
  isBookable,
  offerAirlines,
  segmentTimes,
  stopsLabel,
  verdictBadge,
  wantsReasonCode,
} from './flight-offers';

const reason = (rule: string, overridable = true) =>
  ({ rule, message: rule, limit: null, actual: null, unit: null, overridable, slices: [0] }) as never;

const airport = (iataCode: string, timeZone: string) => ({
  iataCode,
  name: iataCode,
  cityName: null,
  countryCode: null,
  timeZone,
  latitude: 0,
  longitude: 0,
});

const carrier = (iataCode: string, name: string) => ({ iataCode, name });

describe('flight offers as the booker reads them', () => {
  it('names the verdict, and reads an "allowed with a reason" refusal as bookable with a reason', () => {
    expect(verdictBadge({ verdict: 'in_policy', policyVersion: 1, reasons: [] }).label).toBe('In policy');
    expect(verdictBadge({ verdict: 'needs_approval', policyVersion: 1, reasons: [reason('flight_fare')] }).label).toBe(
      'Needs approval',
    );
    const withReason = {
      verdict: 'blocked' as const,
      policyVersion: 1,
      reasons: [reason('flight_fare'), reason('reason_code')],
    };
    expect(wantsReasonCode(withReason)).toBe(true);
    expect(isBookable(withReason)).toBe(true);
    expect(verdictBadge(withReason)).toMatchObject({ label: 'Needs a reason', tone: 'warning' });

    const hard = {
      verdict: 'blocked' as const,
      policyVersion: 1,
      reasons: [reason('reason_code'), reason('airline_blocked', false)],
    };
    expect(wantsReasonCode(hard)).toBe(false);
    expect(isBookable(hard)).toBe(false);
    expect(verdictBadge(hard)).toMatchObject({ label: 'Blocked', tone: 'danger' });
  });

  it('counts stops and lists each airline once', () => {
    expect([0, 1, 2].map(stopsLabel)).toEqual(['Non-stop', '1 stop', '2 stops']);
    const segment = (code: string, name: string) => ({ marketingCarrier: carrier(code, name) }) as never;
    expect(
      offerAirlines({
        slices: [
          { segments: [segment('LH', 'Lufthansa'), segment('UA', 'United')] },
          { segments: [segment('LH', 'Lufthansa')] },
        ] as never,
      }),
    ).toEqual(['Lufthansa', 'United']);
  });

  it('reads times at each airport, and the day the flight lands after leaving', () => {
    const segment = {
      origin: airport('LHR', 'Europe/London'),
      destination: airport('SIN', 'Asia/Singapore'),
      departingAt: '2027-03-01T21:30:00+00:00',
      arrivingAt: '2027-03-02T18:05:00+08:00',
    } as never;
    expect(segmentTimes(segment, '2027-03-01')).toEqual({ departs: '21:30', arrives: '18:05', dayShift: 1 });
  });

  it('words fare conditions', () => {
    expect(conditionText('refund', null)).toBeNull();
    expect(conditionText('refund', { allowed: false, penalty: null })).toBe('Not refundable');
    expect(conditionText('change', { allowed: true, penalty: null })).toBe('Changes free');
    expect(conditionText('refund', { allowed: true, penalty: { amount: '70.00', currency: 'EUR' } })).toMatch(
      /^Refundable for a fee of €70/,
    );
  });

  it('keeps one Idempotency-Key per body: a retry reuses it, a changed body gets another', () => {
    let next = 0;
    const keyFor = idempotencyKeys(() => `key-${++next}`);
    const first = keyFor({ offerId: 'o1', reasonCode: undefined });
    expect(keyFor({ offerId: 'o1', reasonCode: undefined })).toBe(first);
    const withReason = keyFor({ offerId: 'o1', reasonCode: 'client_meeting' });
    expect(withReason).not.toBe(first);
    expect(keyFor({ reasonCode: 'client_meeting', offerId: 'o1' })).toBe(withReason);
    expect(keyFor({ offerId: 'o1', acceptedPrice: { amount: '1.00', currency: 'EUR' } })).not.toBe(
      keyFor({ offerId: 'o1', acceptedPrice: { amount: '2.00', currency: 'EUR' } }),
    );
  });

  it('defaults the dates from the trip, never before today', () => {
    expect(defaultFlightDates({ startDate: '2027-03-01', endDate: '2027-03-05' }, '2027-01-10')).toEqual({
      departureDate: '2027-03-01',
      returnDate: '2027-03-05',
    });
    expect(defaultFlightDates({ startDate: '2027-03-01', endDate: '2027-03-05' }, '2027-03-03')).toEqual({
      departureDate: '2027-03-03',
      returnDate: '2027-03-05',
    });
    expect(defaultFlightDates({ startDate: '2027-03-01', endDate: '2027-03-01' }, '2027-01-10').returnDate).toBe('');
  });
});

describe('the flight search form', () => {
  const values = {
    origin: ' lhr',
    destination: 'jfk ',
    departureDate: '2027-03-01',
    returnDate: '2027-03-05',
    cabin: 'economy' as const,
    maxConnections: '' as const,
  };

  it('sends a return as two slices, codes upper-case, connections only when chosen', () => {
    expect(flightSearchBody(values)).toEqual({
      slices: [
        { origin: 'LHR', destination: 'JFK', departureDate: '2027-03-01' },
        { origin: 'JFK', destination: 'LHR', departureDate: '2027-03-05' },
      ],
      cabin: 'economy',
    });
    expect(flightSearchBody({ ...values, returnDate: '', maxConnections: '0' })).toEqual({
      slices: [{ origin: 'LHR', destination: 'JFK', departureDate: '2027-03-01' }],
      cabin: 'economy',
      maxConnections: 0,
    });
  });

  it('refuses a city name, the same airport twice and a return before the flight out', () => {
    expect(flightSearchSchema.safeParse(values).success).toBe(true);
    expect(flightSearchSchema.safeParse({ ...values, origin: 'London' }).success).toBe(false);
    expect(flightSearchSchema.safeParse({ ...values, destination: 'LHR' }).success).toBe(false);
    expect(flightSearchSchema.safeParse({ ...values, returnDate: '2027-02-28' }).success).toBe(false);
  });

  it('puts a refused slice field under the input it came from', () => {
    expect(searchFieldOf('slices.0.origin')).toBe('origin');
    expect(searchFieldOf('slices.1.origin')).toBe('destination');
    expect(searchFieldOf('slices.1.departureDate')).toBe('returnDate');
    expect(searchFieldOf('passengers')).toBeNull();
  });
});

describe('a booking’s route', () => {
  const slice = (origin: string, destination: string) =>
    ({ origin: { iataCode: origin }, destination: { iataCode: destination } }) as never;
  it('names each airport once where a slice starts where the last one ended', () => {
    expect(bookingRoute({ offer: { slices: [slice('LHR', 'JFK'), slice('JFK', 'LHR')] } } as never)).toBe(
      'LHR → JFK → LHR',
    );
    expect(bookingRoute({ offer: { slices: [slice('LHR', 'JFK'), slice('BOS', 'LHR')] } } as never)).toBe(
      'LHR → JFK → BOS → LHR',
    );
  });
});
