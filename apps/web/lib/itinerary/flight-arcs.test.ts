import { flightArcs } from './flight-arcs';

const airport = (iataCode: string, latitude: number, longitude: number) => ({
  iataCode,
  name: iataCode,
  cityName: null,
  countryCode: null,
  timeZone: 'UTC',
  latitude,
  longitude,
});
const FRA = airport('FRA', 50.0333, 8.5706);
const LHR = airport('LHR', 51.47, -0.4543);
const JFK = airport('JFK', 40.6398, -73.7789);

const segment = (origin: typeof FRA, destination: typeof FRA) => ({ origin, destination }) as never;
/** A connection FRA → LHR → JFK: two segments, two flight activities. */
const booking = {
  activityIds: ['a1', 'a2'],
  offer: { slices: [{ segments: [segment(FRA, LHR), segment(LHR, JFK)] }] } as never,
};
const flight = (id: string, at: typeof FRA, type: 'flight' | 'meeting' = 'flight') => ({
  id,
  type,
  latitude: at.latitude,
  longitude: at.longitude,
});

describe('flightArcs', () => {
  it('draws each booked segment from its activity to the segment’s arrival airport', () => {
    const arcs = flightArcs([flight('a1', FRA), flight('a2', LHR)], [booking]);
    expect(arcs.map((arc) => arc.label)).toEqual(['FRA → LHR', 'LHR → JFK']);
    expect(arcs[1].points[0]).toEqual([LHR.latitude, LHR.longitude]);
    expect(arcs[1].points.at(-1)![0]).toBeCloseTo(JFK.latitude, 6);
    expect(arcs[1].points.at(-1)![1]).toBeCloseTo(JFK.longitude, 6);
  });

  it('draws nothing for a flight without a booking (typed in by hand: no arrival known)', () => {
    expect(flightArcs([flight('manual', FRA)], [booking])).toEqual([]);
    expect(flightArcs([flight('a1', FRA)], [])).toEqual([]);
  });

  it('draws nothing when the booking does not line up with the activities', () => {
    // Moved by hand away from its airport.
    expect(flightArcs([flight('a1', JFK)], [booking])).toEqual([]);
    // Segments and activities of different counts (an order without its slices).
    expect(flightArcs([flight('a1', FRA)], [{ ...booking, activityIds: ['a1'] }])).toEqual([]);
    // Not a flight any more.
    expect(flightArcs([flight('a1', FRA, 'meeting')], [booking])).toEqual([]);
  });
});
