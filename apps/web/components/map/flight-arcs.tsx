'use client';

import { useMemo } from 'react';
import { Polyline } from 'react-leaflet';
import { useTripBookings } from '@/lib/api/bookings';
import { flightArcs, type FlightArc } from '@/lib/itinerary/flight-arcs';
import type { Activity } from '@/lib/itinerary/itinerary-days';
import { MapLabel } from './map-label';
import styles from './map.module.css';

/**
 * The great-circle arcs of the trip's booked flights. Where a flight lands is its booking's, so the
 * trip's bookings are read — only when the itinerary has a flight with a booking reference, so a
 * trip without booked flights costs the map no request.
 */
export function useFlightArcs(activities: readonly Activity[]): FlightArc[] {
  const booked = activities.filter((activity) => activity.type === 'flight' && activity.bookingReference);
  const tripId = booked[0]?.tripId ?? '';
  const bookings = useTripBookings(tripId, { enabled: booked.length > 0 });
  const key = booked.map((activity) => `${activity.id}@${activity.latitude},${activity.longitude}`).join('|');
  return useMemo(
    () => (bookings.data && booked.length ? flightArcs(booked, bookings.data.items) : []),
    // `booked` is a new array every render; `key` is what it holds.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [bookings.data, key],
  );
}

export function FlightArcs({ arcs }: { arcs: readonly FlightArc[] }) {
  return arcs.map((arc) => (
    <Polyline
      key={arc.activityId}
      positions={arc.points}
      // A prop, not in pathOptions: Leaflet sets a path's classes only when it creates it. "flight-arc" is
      // for people reading the DOM and the browser tests, since module class names are hashed.
      className={`${styles.flightArc} flight-arc`}
      pathOptions={{ color: '#7a3fc4', weight: 2.5, opacity: 0.85 }}
    >
      <MapLabel sticky text={`Flight ${arc.label}`} />
    </Polyline>
  ));
}
