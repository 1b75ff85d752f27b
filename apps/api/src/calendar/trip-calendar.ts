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

/**
 * iCalendar (RFC 5545) for trips: each trip as an all-day span, each activity as an event in its
 * own IANA zone (with a VTIMEZONE block per zone, so Outlook and Google show local times).
 * UIDs are stable, so a subscribed calendar updates events instead of duplicating them.
 * Every user-written text goes through `plainText` (or `escapeText` where the generator writes it
 * verbatim), so no title can start a property line of its own (RFC 5545 §3.1, §3.3.11).
 */
export function buildCalendar(name: string, entries: TripWithActivities[]): string {
  const calendar = new ICalCalendar({ name: escapeText(name), prodId: { company: 'NestMap', product: 'NestMap', language: 'EN' } });
  calendar.timezone({ name: null, generator: getVtimezoneComponent });
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
      calendar.createEvent({
        id: `${activity.id}@nestmap`,
        start: DateTime.fromJSDate(activity.startsAt, { zone }),
        end: DateTime.fromJSDate(activity.endsAt ?? activity.startsAt, { zone }),
        timezone: zone,
        summary: plainText(activity.title),
        description: plainText(
          [activity.notes, activity.bookingReference ? `Booking reference: ${activity.bookingReference}` : null, `Trip: ${trip.title}`]
            .filter(Boolean)
            .join('\n'),
        ),
        location:
          activity.locationName || activity.latitude !== null
            ? {
                title: plainText(activity.locationName ?? `${activity.latitude}, ${activity.longitude}`),
                ...(activity.latitude !== null && activity.longitude !== null ? { geo: { lat: activity.latitude, lon: activity.longitude } } : {}),
              }
            : null,
      });
    }
  }
  return calendar.toString();
}
