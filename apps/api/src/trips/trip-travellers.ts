import type { TripWithTravellerIds } from './trip.entity';

/** At most this many travellers on one trip: the lead and eight others (airlines sell up to nine seats per order). */
export const MAX_TRIP_TRAVELLERS = 9;

/**
 * A trip's travellers: the lead first, then the co-travellers in their order. The flight search's
 * passengers and the booking's, one per id. Pass the trip `TripAccessService.require` returned:
 * the ids then come from the same read as the access check.
 */
export function tripTravellerIds(trip: Pick<TripWithTravellerIds, 'travellerId' | 'coTravellerIds'>): string[] {
  return [trip.travellerId, ...trip.coTravellerIds];
}
