import { greatCircleArc } from './great-circle';

const FRA = { latitude: 50.0333, longitude: 8.5706 };
const JFK = { latitude: 40.6398, longitude: -73.7789 };
const NRT = { latitude: 35.7647, longitude: 140.3864 };
const SFO = { latitude: 37.619, longitude: -122.3749 };
const LHR = { latitude: 51.47, longitude: -0.4543 };
const CDG = { latitude: 49.0097, longitude: 2.5479 };

/** Haversine in km, written independently of the arc's vector maths. */
function km(a: [number, number], b: [number, number]): number {
  const r = Math.PI / 180;
  const h =
    Math.sin(((b[0] - a[0]) * r) / 2) ** 2 +
    Math.cos(a[0] * r) * Math.cos(b[0] * r) * Math.sin(((b[1] - a[1]) * r) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

const length = (points: [number, number][]) =>
  points.slice(1).reduce((sum, point, index) => sum + km(points[index], point), 0);

describe('greatCircleArc', () => {
  it('starts and ends at the two airports', () => {
    const arc = greatCircleArc(FRA, JFK);
    expect(arc[0][0]).toBeCloseTo(FRA.latitude, 6);
    expect(arc[0][1]).toBeCloseTo(FRA.longitude, 6);
    expect(arc.at(-1)![0]).toBeCloseTo(JFK.latitude, 6);
    expect(arc.at(-1)![1]).toBeCloseTo(JFK.longitude, 6);
  });

  it('is the shortest way: its length is the great-circle distance, and it bows towards the pole', () => {
    const arc = greatCircleArc(FRA, JFK);
    // FRA–JFK is about 6,200 km.
    expect(length(arc)).toBeGreaterThan(6150);
    expect(length(arc)).toBeLessThan(6250);
    expect(length(arc)).toBeCloseTo(km([FRA.latitude, FRA.longitude], [JFK.latitude, JFK.longitude]), 0);
    // A straight line on the map would stay between 40.6° and 50°; the great circle passes north of both.
    expect(Math.max(...arc.map(([latitude]) => latitude))).toBeGreaterThan(52);
  });

  it('keeps to a few dozen points: one per 2° of arc, at most 49', () => {
    expect(greatCircleArc(FRA, JFK).length).toBe(29); // 55.8° of arc: 28 segments
    expect(greatCircleArc(LHR, CDG).length).toBe(3); // 3.1°: two segments
    expect(greatCircleArc(NRT, SFO).length).toBeLessThanOrEqual(49);
    expect(greatCircleArc(NRT, SFO, 10).length).toBe(11);
  });

  it('crosses the antimeridian continuously instead of going round the world', () => {
    const arc = greatCircleArc(NRT, SFO);
    for (let i = 1; i < arc.length; i++) expect(Math.abs(arc[i][1] - arc[i - 1][1])).toBeLessThan(10);
    // San Francisco is reached eastwards, at −122.4 + 360.
    expect(arc.at(-1)![1]).toBeCloseTo(SFO.longitude + 360, 6);
    expect(Math.max(...arc.map(([latitude]) => latitude))).toBeGreaterThan(45);
  });

  it('draws nothing for one point twice or for two antipodes', () => {
    expect(greatCircleArc(FRA, FRA)).toEqual([]);
    expect(greatCircleArc({ latitude: 10, longitude: 20 }, { latitude: -10, longitude: -160 })).toEqual([]);
  });
});
