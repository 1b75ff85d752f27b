import {
  conflictsByActivity,
  groupByLocalDay,
  localDayOf,
  locatedActivities,
  moveWithinDay,
  type Activity,
} from './itinerary-days';

let seq = 0;
function activity(overrides: Partial<Activity>): Activity {
  seq += 1;
  return {
    id: `a${seq}`,
    tripId: 't1',
    title: `Activity ${seq}`,
    type: 'meeting',
    startsAt: '2026-03-10T09:00:00+01:00',
    endsAt: null,
    timezone: 'Europe/Berlin',
    endTimezone: null,
    locationName: null,
    latitude: null,
    longitude: null,
    notes: null,
    cost: null,
    bookingReference: null,
    position: seq,
    version: 1,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    ...overrides,
  };
}

const trip = { startDate: '2026-03-09', endDate: '2026-03-11' };

describe('groupByLocalDay', () => {
  it('has a day for every trip date, empty days included, numbered from 1', () => {
    const days = groupByLocalDay([], trip);
    expect(days.map((d) => [d.date, d.dayNumber, d.activities.length])).toEqual([
      ['2026-03-09', 1, 0],
      ['2026-03-10', 2, 0],
      ['2026-03-11', 3, 0],
    ]);
  });

  it('puts an activity on its local date in its own zone, not the UTC date', () => {
    // 23:30 in Tokyo on the 10th is 14:30 UTC the same day; 00:30 on the 11th is still the 10th in UTC.
    const late = activity({ startsAt: '2026-03-10T23:30:00+09:00', timezone: 'Asia/Tokyo' });
    const early = activity({ startsAt: '2026-03-11T00:30:00+09:00', timezone: 'Asia/Tokyo' });
    const days = groupByLocalDay([late, early], trip);
    expect(days[1].activities.map((a) => a.id)).toEqual([late.id]);
    expect(days[2].activities.map((a) => a.id)).toEqual([early.id]);
    expect(localDayOf(early)).toBe('2026-03-11');
  });

  it('keeps itinerary order inside a day', () => {
    const second = activity({ startsAt: '2026-03-10T15:00:00+01:00' });
    const first = activity({ startsAt: '2026-03-10T09:00:00+01:00' });
    const days = groupByLocalDay([second, first], trip);
    expect(days[1].activities.map((a) => a.id)).toEqual([second.id, first.id]);
  });

  it('shows activities outside the trip dates after the trip, in date order', () => {
    const after = activity({ startsAt: '2026-03-14T09:00:00+01:00' });
    const before = activity({ startsAt: '2026-03-01T09:00:00+01:00' });
    const days = groupByLocalDay([after, before], trip);
    expect(days.slice(3).map((d) => [d.date, d.dayNumber])).toEqual([
      ['2026-03-01', null],
      ['2026-03-14', null],
    ]);
  });
});

describe('conflictsByActivity', () => {
  it('indexes each conflict under both activities', () => {
    const conflict = { type: 'overlap' as const, activityIds: ['a', 'b'], message: 'Overlaps' };
    const index = conflictsByActivity([conflict]);
    expect(index.get('a')).toEqual([conflict]);
    expect(index.get('b')).toEqual([conflict]);
    expect(index.get('c')).toBeUndefined();
  });
});

describe('locatedActivities', () => {
  it('keeps only activities with both coordinates, in order', () => {
    const a = activity({ latitude: 52.5, longitude: 13.4 });
    const b = activity({});
    const c = activity({ latitude: 48.1, longitude: 11.6 });
    expect(locatedActivities([a, b, c]).map((x) => x.id)).toEqual([a.id, c.id]);
  });
});

describe('moveWithinDay', () => {
  it('swaps an activity with a neighbour starting at the same time, in the whole itinerary order', () => {
    const d1 = activity({ startsAt: '2026-03-09T09:00:00+01:00' });
    const x = activity({ startsAt: '2026-03-10T09:00:00+01:00' });
    const other = activity({ startsAt: '2026-03-11T09:00:00+01:00' });
    const y = activity({ startsAt: '2026-03-10T09:00:00+01:00' });
    const all = [d1, x, other, y];
    const day = groupByLocalDay(all, trip)[1];
    expect(moveWithinDay(all, day, y.id, -1)).toEqual([d1.id, y.id, other.id, x.id]);
    expect(moveWithinDay(all, day, x.id, -1)).toBeNull();
    expect(moveWithinDay(all, day, y.id, 1)).toBeNull();
  });

  it('never puts a later activity above an earlier one (a 12:30 lunch above an 11:00 call)', () => {
    const call = activity({ startsAt: '2026-03-10T11:00:00+01:00' });
    const lunch = activity({ startsAt: '2026-03-10T12:30:00+01:00' });
    const day = groupByLocalDay([call, lunch], trip)[1];
    expect(moveWithinDay([call, lunch], day, lunch.id, -1)).toBeNull();
    expect(moveWithinDay([call, lunch], day, call.id, 1)).toBeNull();
  });
});
