import { DateTime, IANAZone } from 'luxon';

/** A point in time: a Date, or ISO 8601 text with an offset ("2026-03-12T23:30:00+09:00", "…Z"). */
export type Instant = Date | string;

export interface ActivityTimes {
  startsAt: Instant;
  endsAt?: Instant | null;
  /** IANA zone the activity happens in. */
  timezone: string;
  /** IANA zone it ends in, when another (a flight); the end is read there. */
  endTimezone?: string | null;
}

/** Inclusive `YYYY-MM-DD` dates. */
export interface TripDates {
  startDate: string;
  endDate: string;
}

export type ActivityTimeProblem = 'ends_before_start' | 'outside_trip_dates';

export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

const EXPLICIT_OFFSET = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;

/** Text without an offset names no instant ("10:00" where?), so it is refused rather than guessed. */
function toDateTime(instant: Instant): DateTime {
  if (typeof instant === 'string' && !EXPLICIT_OFFSET.test(instant))
    throw new RangeError(`An instant needs an offset: "${instant}"`);
  const dateTime = typeof instant === 'string' ? DateTime.fromISO(instant) : DateTime.fromJSDate(instant);
  if (!dateTime.isValid) throw new RangeError(`Not an instant: "${String(instant)}"`);
  return dateTime;
}

function inZone(instant: Instant, zone: string): DateTime {
  const local = toDateTime(instant).setZone(zone);
  if (!local.isValid) throw new RangeError(`Unknown time zone: "${zone}"`);
  return local;
}

/** Date and wall-clock time of an instant in a zone, for calendars and the itinerary view. */
export function localParts(instant: Instant, zone: string): { date: string; time: string } {
  const local = inZone(instant, zone);
  return { date: local.toISODate()!, time: local.toFormat('HH:mm') };
}

/** True when there is no end, or the end comes strictly after the start. */
export function endsAfterStart({ startsAt, endsAt }: Pick<ActivityTimes, 'startsAt' | 'endsAt'>): boolean {
  return endsAt === undefined || endsAt === null || toDateTime(endsAt) > toDateTime(startsAt);
}

/**
 * Whether the activity's start (in its zone) and end (in its end zone) fall on the trip's dates.
 * A trip ending 2026-03-12 holds 23:30 in Tokyo that day (14:30Z) but not 00:30 on the 13th (still
 * the 12th in UTC): the zone decides. An end at exactly midnight closes the previous day, as a
 * dinner from 22:00 to 24:00 on the last evening is inside.
 */
export function isWithinTripDates(activity: ActivityTimes, trip: TripDates): boolean {
  const start = inZone(activity.startsAt, activity.timezone);
  const endZone = activity.endTimezone ?? activity.timezone;
  const lastMoment = activity.endsAt ? inZone(activity.endsAt, endZone).minus({ milliseconds: 1 }) : start;
  const days = [start.toISODate()!, (lastMoment < start ? start : lastMoment).toISODate()!];
  return days.every((day) => day >= trip.startDate && day <= trip.endDate);
}

/** The first rule an activity's times break, if any: end after start, then inside the trip. */
export function activityTimeProblem(activity: ActivityTimes, trip: TripDates): ActivityTimeProblem | undefined {
  if (!endsAfterStart(activity)) return 'ends_before_start';
  return isWithinTripDates(activity, trip) ? undefined : 'outside_trip_dates';
}
