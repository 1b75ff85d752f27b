import { DateTime, IANAZone } from 'luxon';

export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** The calendar date (YYYY-MM-DD) of an instant as seen in an IANA zone. */
export function localDate(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toISODate()!;
}

export type ActivityTimeProblem = 'ends_before_start' | 'outside_trip_dates';

/**
 * Where an activity may sit: its start and end, read in the activity's own zone, fall on the
 * trip's dates (inclusive), and it ends after it starts. 23:30 in Tokyo on the trip's last day
 * is inside; 00:30 the next day is not, even though both are the same UTC date.
 */
export function activityTimeProblem(
  activity: { startsAt: Date; endsAt: Date | null; timezone: string },
  trip: { startDate: string; endDate: string },
): ActivityTimeProblem | undefined {
  if (activity.endsAt && activity.endsAt.getTime() <= activity.startsAt.getTime()) return 'ends_before_start';
  const days = [activity.startsAt, activity.endsAt ?? activity.startsAt].map((instant) => localDate(instant, activity.timezone));
  return days.every((day) => day >= trip.startDate && day <= trip.endDate) ? undefined : 'outside_trip_dates';
}
