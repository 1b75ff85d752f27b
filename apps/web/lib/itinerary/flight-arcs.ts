import type { Schemas } from '@nestmap/api-client';
import { greatCircleArc } from '../geo/great-circle';
import type { Activity } from './itinerary-days';

type Booking = Pick<Schemas['BookingResponse'], 'activityIds' | 'offer'>;
type Segment = Schemas['FlightSegmentResponse'];

export interface FlightArc {
  activityId: string;
  /** "FRA → JFK" */
  label: string;
  points: [number, number][];
}

/** Within a few hundred metres: the activity's location is its segment's origin airport, as the API wrote it. */
const sameAirport = (activity: Pick<Activity, 'latitude' | 'longitude'>, airport: Segment['origin']) =>
  Math.abs((activity.latitude ?? NaN) - airport.latitude) < 0.01 &&
  Math.abs((activity.longitude ?? NaN) - airport.longitude) < 0.01;

/**
 * Great-circle arcs for the trip's booked flights. An activity holds only where it starts; where a
 * flight lands is its booking's segment (one `flight` activity per segment, `activityIds` in
 * segment order). A flight typed in by hand, or one whose booking does not line up with it, gets
 * no arc: nothing is guessed.
 */
export function flightArcs(
  activities: readonly Pick<Activity, 'id' | 'type' | 'latitude' | 'longitude'>[],
  bookings: readonly Booking[],
): FlightArc[] {
  const segments = new Map<string, Segment>();
  for (const booking of bookings) {
    if (!booking.offer) continue;
    const booked = booking.offer.slices.flatMap((slice) => slice.segments);
    if (booked.length !== booking.activityIds.length) continue;
    booking.activityIds.forEach((id, index) => segments.set(id, booked[index]));
  }
  const arcs: FlightArc[] = [];
  for (const activity of activities) {
    const segment = segments.get(activity.id);
    if (activity.type !== 'flight' || !segment || !sameAirport(activity, segment.origin)) continue;
    const points = greatCircleArc(
      { latitude: activity.latitude!, longitude: activity.longitude! },
      segment.destination,
    );
    if (points.length > 0)
      arcs.push({
        activityId: activity.id,
        label: `${segment.origin.iataCode} → ${segment.destination.iataCode}`,
        points,
      });
  }
  return arcs;
}
