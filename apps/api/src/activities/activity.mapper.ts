import { toMoney } from '../common/money/money.dto';
import type { Activity } from './activity.entity';
import type { ActivityResponse } from './dto/activity.dto';
import { isoInZone } from './iso-in-zone';

export function toActivityResponse(activity: Activity): ActivityResponse {
  return {
    id: activity.id,
    tripId: activity.tripId,
    title: activity.title,
    type: activity.type,
    startsAt: isoInZone(activity.startsAt, activity.timezone),
    endsAt: activity.endsAt ? isoInZone(activity.endsAt, activity.endTimezone ?? activity.timezone) : null,
    timezone: activity.timezone,
    endTimezone: activity.endTimezone,
    locationName: activity.locationName,
    latitude: activity.latitude,
    longitude: activity.longitude,
    notes: activity.notes,
    cost: toMoney(activity.costAmount, activity.costCurrency),
    bookingReference: activity.bookingReference,
    position: activity.position,
    version: activity.version,
    createdAt: activity.createdAt.toISOString(),
    updatedAt: activity.updatedAt.toISOString(),
  };
}
