import type { ActivityBody } from '../api/contract';
import { activitySchema, type ActivityFormValues } from '../forms/schemas';
import { wallTimeOf, wallTimeToIso } from '../time/zoned-time';
import type { Activity } from './itinerary-days';

/** A new activity on `date`, or an existing one, as the form shows it: local wall times in its zone. */
export function activityToFormValues(
  activity: Activity | null,
  defaults: { date: string; timezone: string; currency: string },
): ActivityFormValues {
  if (!activity) {
    return {
      title: '',
      type: 'meeting',
      startDate: defaults.date,
      startTime: '09:00',
      endDate: defaults.date,
      endTime: '',
      timezone: defaults.timezone,
      endTimezone: '',
      locationName: '',
      latitude: '',
      longitude: '',
      notes: '',
      costAmount: '',
      costCurrency: defaults.currency,
      bookingReference: '',
    };
  }
  const start = wallTimeOf(activity.startsAt, activity.timezone);
  const end = activity.endsAt ? wallTimeOf(activity.endsAt, activity.endTimezone ?? activity.timezone) : null;
  return {
    title: activity.title,
    type: activity.type,
    startDate: start.date,
    startTime: start.time,
    endDate: end?.date ?? start.date,
    endTime: end?.time ?? '',
    timezone: activity.timezone,
    endTimezone: activity.endTimezone ?? '',
    locationName: activity.locationName ?? '',
    latitude: activity.latitude === null ? '' : String(activity.latitude),
    longitude: activity.longitude === null ? '' : String(activity.longitude),
    notes: activity.notes ?? '',
    costAmount: activity.cost?.amount ?? '',
    costCurrency: activity.cost?.currency ?? defaults.currency,
    bookingReference: activity.bookingReference ?? '',
  };
}

/**
 * Form values → the API's body. Times are wall-clock times in the chosen zone (the end in the end
 * zone, when one is given), sent as ISO 8601 with that zone's offset. Empty optional fields are
 * null (clears them on an edit).
 */
export function formValuesToActivityBody(values: ActivityFormValues): ActivityBody {
  const v = activitySchema.parse(values);
  const endTimezone = v.endTimezone && v.endTimezone !== v.timezone ? v.endTimezone : null;
  return {
    title: v.title,
    type: v.type,
    timezone: v.timezone,
    endTimezone,
    startsAt: wallTimeToIso(v.startDate, v.startTime, v.timezone),
    endsAt: v.endTime ? wallTimeToIso(v.endDate || v.startDate, v.endTime, endTimezone ?? v.timezone) : null,
    locationName: v.locationName || null,
    latitude: v.latitude === '' ? null : Number(v.latitude),
    longitude: v.longitude === '' ? null : Number(v.longitude),
    notes: v.notes || null,
    cost: v.costAmount ? { amount: v.costAmount, currency: v.costCurrency } : null,
    bookingReference: v.bookingReference || null,
  };
}
