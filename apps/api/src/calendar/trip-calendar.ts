import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { ICalCalendar } from 'ical-generator';
import { DateTime } from 'luxon';
import type { Activity } from '../activities/activity.entity';
import type { Trip } from '../trips/trip.entity';

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
 */
export function buildCalendar(name: string, entries: TripWithActivities[]): string {
  const calendar = new ICalCalendar({ name, prodId: { company: 'NestMap', product: 'NestMap', language: 'EN' } });
  calendar.timezone({ name: null, generator: getVtimezoneComponent });
  for (const { trip, activities } of entries) {
    calendar.createEvent({
      id: `trip-${trip.id}@nestmap`,
      allDay: true,
      start: trip.startDate,
      end: addDays(trip.endDate, 1),
      summary: `${trip.title} (${trip.destination})`,
      description: [trip.purpose, `Status: ${trip.status}`].filter(Boolean).join('\n'),
      location: trip.destination,
    });
    for (const activity of activities) {
      const zone = activity.timezone;
      calendar.createEvent({
        id: `${activity.id}@nestmap`,
        start: DateTime.fromJSDate(activity.startsAt, { zone }),
        end: DateTime.fromJSDate(activity.endsAt ?? activity.startsAt, { zone }),
        timezone: zone,
        summary: activity.title,
        description: [activity.notes, activity.bookingReference ? `Booking reference: ${activity.bookingReference}` : null, `Trip: ${trip.title}`]
          .filter(Boolean)
          .join('\n'),
        location:
          activity.locationName || activity.latitude !== null
            ? {
                title: activity.locationName ?? `${activity.latitude}, ${activity.longitude}`,
                ...(activity.latitude !== null && activity.longitude !== null ? { geo: { lat: activity.latitude, lon: activity.longitude } } : {}),
              }
            : null,
      });
    }
  }
  return calendar.toString();
}
