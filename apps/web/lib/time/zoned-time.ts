/**
 * Dates and times as a traveller reads them: in the destination's zone, never the browser's.
 * Everything here uses Intl only (no time-zone library): the API sends instants with the offset
 * of the activity's zone plus its IANA name, and the browser's Intl knows every zone.
 */

import { dateTimeFormat } from '../format/intl-cache';
import { displayLocale } from '../format/locale';

const MINUTE = 60_000;
const DAY = 86_400_000;

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  return dateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

export interface WallTime {
  /** YYYY-MM-DD */
  date: string;
  /** HH:mm, 24-hour */
  time: string;
}

function wallFields(instant: Date, timeZone: string) {
  const fields: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return {
    year: fields.year,
    month: fields.month,
    day: fields.day,
    hour: fields.hour === 24 ? 0 : fields.hour,
    minute: fields.minute,
    second: fields.second,
  };
}

const pad = (value: number, length = 2) => String(Math.abs(value)).padStart(length, '0');

/** The calendar date and clock time of an instant as seen in `timeZone`. */
export function wallTimeOf(instant: string | Date, timeZone: string): WallTime {
  const f = wallFields(new Date(instant), timeZone);
  return { date: `${pad(f.year, 4)}-${pad(f.month)}-${pad(f.day)}`, time: `${pad(f.hour)}:${pad(f.minute)}` };
}

/** Minutes to add to UTC to get the wall time in `timeZone` at `instantMs` (+60 for Berlin in winter). */
export function offsetMinutesAt(instantMs: number, timeZone: string): number {
  const f = wallFields(new Date(instantMs), timeZone);
  const wallAsUtc = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
  return Math.round((wallAsUtc - Math.floor(instantMs / 1000) * 1000) / MINUTE);
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  return `${sign}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
}

/**
 * A wall-clock time in a zone → ISO 8601 with that zone's offset, e.g. 2026-03-10 09:30 in
 * Europe/Berlin → 2026-03-10T09:30:00+01:00. A time skipped by a DST change (02:30 on the
 * spring-forward night) moves forward by the gap, as a clock would.
 */
export function wallTimeToIso(date: string, time: string, timeZone: string): string {
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute] = time.split(':').map(Number);
  const wallAsUtc = Date.UTC(year, month - 1, day, hour, minute);
  let instant = wallAsUtc - offsetMinutesAt(wallAsUtc, timeZone) * MINUTE;
  const corrected = wallAsUtc - offsetMinutesAt(instant, timeZone) * MINUTE;
  if (corrected !== instant) instant = Math.max(instant, corrected);
  const offset = offsetMinutesAt(instant, timeZone);
  const wall = wallTimeOf(new Date(instant), timeZone);
  return `${wall.date}T${wall.time}:00${formatOffset(offset)}`;
}

/** "09:30" in the zone (24-hour: itineraries are read across countries). */
export function formatClock(instant: string | Date, timeZone: string): string {
  return wallTimeOf(instant, timeZone).time;
}

/** The zone's short name at that instant ("CET", "GMT+9"), for times shown outside the trip's zone. */
export function zoneAbbreviation(instant: string | Date, timeZone: string, locale = displayLocale()): string {
  const part = dateTimeFormat(locale, { timeZone, timeZoneName: 'short' })
    .formatToParts(new Date(instant))
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

/** A city-style label for a zone: "Europe/New_York" → "New York". */
export function zoneCity(timeZone: string): string {
  return timeZone.split('/').pop()!.replace(/_/g, ' ');
}

function dateOnlyToUtc(date: string): Date {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day));
}

/** "Tue 10 Mar" — a calendar date, never shifted by the browser's zone. */
export function formatDay(date: string, locale = displayLocale(), withYear = false): string {
  return dateTimeFormat(locale, {
    timeZone: 'UTC',
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    ...(withYear ? { year: 'numeric' } : {}),
  }).format(dateOnlyToUtc(date));
}

/**
 * "9 – 12 Mar 2026", "Mar 9 – 12, 2026", "9.–12. März 2026": the locale's own pattern for a range.
 * Node's ICU puts thin spaces around the dash where Chromium's puts plain ones: plain ones
 * everywhere, so a page rendered on the server hydrates with the same text.
 */
export function formatDateRange(start: string, end: string, locale = displayLocale()): string {
  return dateTimeFormat(locale, {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  })
    .formatRange(dateOnlyToUtc(start), dateOnlyToUtc(end))
    .replace(/\u2009/g, ' ');
}

/** A wall-clock "19:30" as the locale writes it: "19:30", "7:30 PM". */
export function formatWallTime(time: string, locale = displayLocale()): string {
  return dateTimeFormat(locale, { timeStyle: 'short', timeZone: 'UTC' }).format(new Date(`1970-01-01T${time}:00Z`));
}

/** Every date from `start` to `end`, inclusive. */
export function eachDay(start: string, end: string): string[] {
  const days: string[] = [];
  const last = dateOnlyToUtc(end).getTime();
  for (let t = dateOnlyToUtc(start).getTime(); t <= last && days.length < 366; t += DAY) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

export function addDays(date: string, days: number): string {
  return new Date(dateOnlyToUtc(date).getTime() + days * DAY).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((dateOnlyToUtc(to).getTime() - dateOnlyToUtc(from).getTime()) / DAY);
}

/** Today's date where the user is (or in `timeZone`). */
export function today(timeZone?: string, now: Date = new Date()): string {
  return wallTimeOf(now, timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone).date;
}

/** "14 Mar 2026, 10:05" in the user's own zone: for audit rows, e-mails and other records. */
export function formatTimestamp(instant: string | Date, locale = displayLocale(), timeZone?: string): string {
  return dateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(instant));
}

/** "17:45" or "5:45 PM": a time of day in the user's locale and the browser's zone (a quote's expiry). */
export function formatTimeOfDay(instant: string | Date, locale = displayLocale(), timeZone?: string): string {
  return dateTimeFormat(locale, { timeStyle: 'short', timeZone }).format(new Date(instant));
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    dateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}
