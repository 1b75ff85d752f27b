import type { FlightSegment, FlightSlice } from '../flights/supplier/flight-supplier';
import { flightActivities, flightLines, lodgingActivity, stayLine } from './booking-itinerary';

const FRA = {
  iataCode: 'FRA',
  name: 'Frankfurt am Main Airport',
  cityName: 'Frankfurt',
  countryCode: 'DE',
  timeZone: 'Europe/Berlin',
  latitude: 50.03,
  longitude: 8.57,
};
const LHR = {
  iataCode: 'LHR',
  name: 'Heathrow',
  cityName: 'London',
  countryCode: 'GB',
  timeZone: 'Europe/London',
  latitude: 51.47,
  longitude: -0.45,
};
const JFK = {
  iataCode: 'JFK',
  name: 'John F. Kennedy International',
  cityName: 'New York',
  countryCode: 'US',
  timeZone: 'America/New_York',
  latitude: 40.64,
  longitude: -73.78,
};
const LH = { iataCode: 'LH', name: 'Lufthansa' };
const BA = { iataCode: 'BA', name: 'British Airways' };

function segment(
  origin: typeof FRA,
  destination: typeof FRA,
  departingAt: string,
  arrivingAt: string,
  carrier = LH,
  flightNumber = 'LH900',
): FlightSegment {
  return {
    origin,
    destination,
    departingAt,
    arrivingAt,
    durationMinutes: 100,
    marketingCarrier: carrier,
    operatingCarrier: carrier,
    flightNumber,
    aircraft: null,
  };
}

const slice: FlightSlice = {
  origin: FRA,
  destination: JFK,
  durationMinutes: 600,
  segments: [
    segment(FRA, LHR, '2027-03-01T07:05:00+01:00', '2027-03-01T07:50:00+00:00'),
    segment(LHR, JFK, '2027-03-01T10:30:00+00:00', '2027-03-01T13:25:00-05:00', BA, 'BA117'),
  ],
};

describe('flight activities of a booking', () => {
  const activities = flightActivities({
    supplier: 'sandbox',
    bookingReference: 'SBX-ABC123',
    total: { amount: '812.40', currency: 'EUR' },
    slices: [slice],
  });

  it('makes one flight per segment, departing in the origin zone and landing in the destination zone', () => {
    expect(activities).toHaveLength(2);
    expect(activities[1]).toMatchObject({
      title: 'Flight BA117 LHR → JFK',
      type: 'flight',
      timezone: 'Europe/London',
      endTimezone: 'America/New_York',
      bookingReference: 'SBX-ABC123',
      latitude: 51.47,
      longitude: -0.45,
    });
    expect(activities[1].startsAt.toISOString()).toBe('2027-03-01T10:30:00.000Z');
    expect(activities[1].endsAt!.toISOString()).toBe('2027-03-01T18:25:00.000Z');
  });

  it('counts the cost once, on the first flight, and labels a sandbox booking', () => {
    expect(activities.map((activity) => [activity.costAmount, activity.costCurrency])).toEqual([
      ['812.40', 'EUR'],
      [null, null],
    ]);
    expect(activities.every((activity) => activity.notes!.includes('sandbox booking: not a real ticket'))).toBe(true);
  });

  it('writes one line per flight in local times with the arrival date (overnight flights)', () => {
    expect(flightLines([slice])).toEqual([
      'LH900 FRA 2027-03-01 07:05 → LHR 2027-03-01 07:50',
      'BA117 LHR 2027-03-01 10:30 → JFK 2027-03-01 13:25',
    ]);
  });
});

describe('lodgingActivity', () => {
  const property = {
    supplierPropertyId: 'acc_1',
    name: 'Hotel Opera Paris',
    address: { lineOne: '12 rue Pasteur', postalCode: '75009', cityName: 'Paris', countryCode: 'FR', region: null },
    latitude: 48.8722,
    longitude: 2.3317,
    stars: 4,
    reviewScore: 8.6,
    chain: null,
    checkInAfter: null,
    checkOutBefore: '12:00',
    phoneNumber: null,
  };
  const stay = {
    supplier: 'duffel' as const,
    property,
    checkInDate: '2027-03-28',
    checkOutDate: '2027-03-31',
    rooms: 2,
    guests: 2,
  };

  it("runs from check-in to check-out in the city's zone (across a DST change), at the address, with the reference and the cost", () => {
    const lodging = lodgingActivity({
      supplier: 'duffel',
      stay,
      roomName: 'Double room',
      board: 'breakfast',
      reference: 'H-42',
      total: { amount: '612.00', currency: 'EUR' },
      cancellation: {
        refundable: true,
        timeline: [{ before: '2027-03-26T17:00:00Z', refund: { amount: '612.00', currency: 'EUR' } }],
      },
      fallbackZone: 'UTC',
    });
    expect(lodging).toMatchObject({
      title: 'Hotel Opera Paris',
      type: 'lodging',
      timezone: 'Europe/Paris',
      endTimezone: null,
      locationName: '12 rue Pasteur, 75009 Paris, FR',
      latitude: 48.8722,
      longitude: 2.3317,
      bookingReference: 'H-42',
      costAmount: '612.00',
      costCurrency: 'EUR',
    });
    // 15:00 by default before the change (UTC+1), the property's 12:00 after it (UTC+2).
    expect(lodging.startsAt.toISOString()).toBe('2027-03-28T13:00:00.000Z');
    expect(lodging.endsAt!.toISOString()).toBe('2027-03-31T10:00:00.000Z');
    expect(lodging.notes).toContain('2 × Double room, breakfast, 3 nights');
    expect(lodging.notes).toContain('confirmation number H-42');
    expect(lodging.notes).not.toContain('sandbox');
    expect(stayLine(stay)).toBe('Hotel Opera Paris, 12 rue Pasteur, 75009 Paris, FR: 2027-03-28 → 2027-03-31, 2 rooms');
  });
});
