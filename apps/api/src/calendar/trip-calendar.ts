import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { ICalCalendar } from 'ical-generator';
import { DateTime } from 'luxon';
import type { Activity } from '../activities/activity.entity';
import type { Trip } from '../trips/trip.entity';
import { escapeText, plainText } from './ics-text';

export interface TripWithActivities {
  trip: Trip;
  activities: Activity[];
}

/** `YYYY-MM-DD` + days, as a date string (DTEND of an all-day event is exclusive). */
function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate()!;
}

interface ZonedEnd {
  zone: string;
  at: Date;
}

/** An activity ending in another zone than it starts (a flight): its DTEND carries that zone. */
function endElsewhere(activity: Activity): ZonedEnd | null {
  const { endsAt, endTimezone, timezone } = activity;
  return endsAt && endTimezone && endTimezone !== timezone ? { zone: endTimezone, at: endsAt } : null;
}

/**
 * ical-generator writes DTEND in the event's (start) zone; this rewrites the DTEND of events ending
 * elsewhere (keyed by UID) in their end zone, and adds the VTIMEZONE blocks those zones need.
 */
function withEndZones(ics: string, ends: ReadonlyMap<string, ZonedEnd>): string {
  if (ends.size === 0) return ics;
  let uid = '';
  const lines = ics.split('\r\n').map((line) => {
    if (line.startsWith('UID:')) uid = line.slice('UID:'.length);
    const end = line.startsWith('DTEND') ? ends.get(uid) : undefined;
    return end
      ? `DTEND;TZID=${end.zone}:${DateTime.fromJSDate(end.at, { zone: end.zone }).toFormat("yyyyMMdd'T'HHmmss")}`
      : line;
  });
  const missing = [...new Set([...ends.values()].map(({ zone }) => zone))].filter(
    (zone) => !lines.includes(`TZID:${zone}`),
  );
  const blocks = missing.flatMap((zone) => getVtimezoneComponent(zone)?.trimEnd().split(/\r?\n/) ?? []);
  lines.splice(lines.indexOf('BEGIN:VEVENT'), 0, ...blocks);
  return lines.join('\r\n');
}

/**
 * iCalendar (RFC 5545) for trips: each trip as an all-day span, each activity as an event in its
 * own IANA zone (with a VTIMEZONE block per zone, so Outlook and Google show local times); an
 * activity ending in another zone (a flight) ends in that zone.
 * UIDs are stable, so a subscribed calendar updates events instead of duplicating them.
 * Every user-written text goes through `plainText` (or `escapeText` where the generator writes it
 * verbatim), so no title can start a property line of its own (RFC 5545 §3.1, §3.3.11).
 */
export function buildCalendar(name: string, entries: TripWithActivities[]): string {
  const calendar = new ICalCalendar({
    name: escapeText(name),
    prodId: { company: 'NestMap', product: 'NestMap', language: 'EN' },
  });
  calendar.timezone({ name: null, generator: getVtimezoneComponent });
  const ends = new Map<string, ZonedEnd>();
  for (const { trip, activities } of entries) {
    calendar.createEvent({
      id: `trip-${trip.id}@nestmap`,
      allDay: true,
      start: trip.startDate,
      end: addDays(trip.endDate, 1),
      summary: plainText(`${trip.title} (${trip.destination})`),
      description: plainText([trip.purpose, `Status: ${trip.status}`].filter(Boolean).join('\n')),
      location: plainText(trip.destination),
    });
    for (const activity of activities) {
      const zone = activity.timezone;
      const id = `${activity.id}@nestmap`;
      const end = endElsewhere(activity);
      if (end) ends.set(id, end);
      calendar.createEvent({
        id,
        start: DateTime.fromJSDate(activity.startsAt, { zone }),
        end: DateTime.fromJSDate(activity.endsAt ?? activity.startsAt, { zone }),
        timezone: zone,
        summary: plainText(activity.title),
        description: plainText(
          [
            activity.notes,
            activity.bookingReference ? `Booking reference: ${activity.bookingReference}` : null,
            `Trip: ${trip.title}`,
          ]
            .filter(Boolean)
            .join('\n'),
        ),
        location:
          activity.locationName || activity.latitude !== null
            ? {
                title: plainText(activity.locationName ?? `${activity.latitude}, ${activity.longitude}`),
                ...(activity.latitude !== null && activity.longitude !== null
                  ? { geo: { lat: activity.latitude, lon: activity.longitude } }
                  : {}),
              }
            : null,
      });
    }
  }
  return withEndZones(calendar.toString(), ends);
}
