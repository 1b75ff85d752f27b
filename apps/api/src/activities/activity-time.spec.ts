import { activityTimeProblem, isValidTimeZone, localDate } from './activity-time';

const trip = { startDate: '2026-03-09', endDate: '2026-03-12' };

describe('activity time rules', () => {
  it("reads the trip's last day in the activity's zone: 23:30 Tokyo is inside, 00:30 the next day is not", () => {
    const lateEvening = new Date('2026-03-12T23:30:00+09:00');
    const afterMidnight = new Date('2026-03-13T00:30:00+09:00');
    expect(activityTimeProblem({ startsAt: lateEvening, endsAt: null, timezone: 'Asia/Tokyo' }, trip)).toBeUndefined();
    expect(activityTimeProblem({ startsAt: afterMidnight, endsAt: null, timezone: 'Asia/Tokyo' }, trip)).toBe('outside_trip_dates');
    // The same instants read in UTC are both on the 12th/13th differently: the zone decides.
    expect(localDate(afterMidnight, 'UTC')).toBe('2026-03-12');
  });

  it('refuses activities before the first day or ending after the last', () => {
    expect(activityTimeProblem({ startsAt: new Date('2026-03-08T10:00:00Z'), endsAt: null, timezone: 'UTC' }, trip)).toBe('outside_trip_dates');
    const endsLate = { startsAt: new Date('2026-03-12T22:00:00Z'), endsAt: new Date('2026-03-13T01:00:00Z'), timezone: 'UTC' };
    expect(activityTimeProblem(endsLate, trip)).toBe('outside_trip_dates');
  });

  it('requires the end to be after the start', () => {
    const start = new Date('2026-03-10T10:00:00Z');
    expect(activityTimeProblem({ startsAt: start, endsAt: new Date('2026-03-10T09:00:00Z'), timezone: 'UTC' }, trip)).toBe('ends_before_start');
    expect(activityTimeProblem({ startsAt: start, endsAt: start, timezone: 'UTC' }, trip)).toBe('ends_before_start');
    expect(activityTimeProblem({ startsAt: start, endsAt: new Date('2026-03-10T11:00:00Z'), timezone: 'UTC' }, trip)).toBeUndefined();
  });

  it('knows IANA zones', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});
