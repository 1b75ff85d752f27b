const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Each zone's last answer: judging a flight search's offers asks for the same instant hundreds of times. */
const lastDates = new Map<string, { time: number; date: string }>();

/** The calendar date (YYYY-MM-DD) of `now` on a wall clock in `timeZone`. */
export function dateIn(timeZone: string, now: Date): string {
  const last = lastDates.get(timeZone);
  if (last?.time === now.getTime()) return last.date;
  const date = formatDate(timeZone, now);
  lastDates.set(timeZone, { time: now.getTime(), date });
  return date;
}

function formatDate(timeZone: string, now: Date): string {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(now).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** Whole days from one calendar date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}
