import type { TripWithTravellerIds } from '../../trips/trip.entity';
import { tripTravellerIds } from '../../trips/trip-travellers';

/**
 * How many passengers a search for the trip asks for: its travellers, the lead and every
 * co-traveller (read with the access check, so the count is the trip the caller was allowed).
 */
export function passengerCount(trip: Pick<TripWithTravellerIds, 'travellerId' | 'coTravellerIds'>): number {
  return tripTravellerIds(trip).length;
}
