import { type DayActivity, optimiseDay, travelKm } from './day-optimiser';

const at = (time: string) => new Date(`2026-03-10T${time}:00+01:00`);
/** Points along a line east of Berlin: x km apart is about x / 68 degrees of longitude. */
const stop = (id: string, time: string, km: number | null): DayActivity => ({
  id,
  startsAt: at(time),
  latitude: km === null ? null : 52.52,
  longitude: km === null ? null : 13.4 + km / 68,
});

describe('optimiseDay', () => {
  it('reorders a block of activities sharing a start to walk the line once, keeping timed ones in place', () => {
    const day = [
      stop('breakfast', '08:00', 0),
      stop('far', '10:00', 9),
      stop('near', '10:00', 1),
      stop('middle', '10:00', 5),
      stop('dinner', '19:00', 10),
    ];
    const result = optimiseDay(day);
    expect(result.activityIds).toEqual(['breakfast', 'near', 'middle', 'far', 'dinner']);
    expect(result.moved).toEqual(['near', 'middle', 'far']);
    expect(result.distanceKm.before).toBeCloseTo(9 + 8 + 4 + 5, 0);
    expect(result.distanceKm.after).toBeCloseTo(10, 0);
  });

  it('changes nothing when every activity has its own time, or the order is already the shortest', () => {
    const timed = [stop('a', '09:00', 5), stop('b', '10:00', 0), stop('c', '11:00', 5)];
    expect(optimiseDay(timed)).toMatchObject({ activityIds: ['a', 'b', 'c'], moved: [] });
    const best = [stop('a', '09:00', 0), stop('b', '10:00', 1), stop('c', '10:00', 2)];
    expect(optimiseDay(best).moved).toEqual([]);
  });

  it('keeps unlocated activities in their places and is deterministic on ties', () => {
    const day = [stop('call', '10:00', null), stop('x', '10:00', 3), stop('y', '10:00', 1), stop('start', '09:00', 0)];
    const ordered = [day[3], day[0], day[1], day[2]];
    const first = optimiseDay(ordered);
    expect(first.activityIds).toEqual(['start', 'call', 'y', 'x']);
    expect(optimiseDay(ordered)).toEqual(first);
    // Two equally good orders: the current one stays.
    const symmetric = [stop('s', '09:00', 5), stop('l', '10:00', 4), stop('r', '10:00', 6)];
    expect(optimiseDay(symmetric).moved).toEqual([]);
  });

  it('never makes a large block longer (heuristic beyond 8 stops)', () => {
    const kms = [7, 2, 9, 4, 11, 1, 6, 3, 10, 5, 8, 12];
    const day = [stop('home', '08:00', 0), ...kms.map((km, i) => stop(`s${i}`, '10:00', km))];
    const result = optimiseDay(day);
    expect(result.distanceKm.after).toBeLessThanOrEqual(result.distanceKm.before);
    expect(result.distanceKm.after).toBeCloseTo(12, 0);
    expect(new Set(result.activityIds).size).toBe(day.length);
  });

  it('counts only located activities in the distance', () => {
    expect(travelKm([stop('a', '09:00', 0), stop('b', '10:00', null), stop('c', '11:00', 2)])).toBeCloseTo(2, 0);
  });
});
