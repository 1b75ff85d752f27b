'use client';

import { initialsOf } from '@/lib/realtime/live-events';
import { useTripLive } from '@/lib/realtime/use-trip-live';
import styles from './trip-presence.module.css';

/**
 * Keeps the trip page live and shows who else is looking at it: an avatar per colleague, and a
 * polite announcement when someone else changed the trip.
 */
export function TripPresence({ tripId, userId }: { tripId: string; userId: string }) {
  const { viewers, lastChangeBy } = useTripLive(tripId, userId);
  const others = viewers.filter((viewer) => viewer.id !== userId);
  return (
    <>
      {others.length > 0 && (
        <ul
          className={styles.presence}
          aria-label={`Also looking at this trip: ${others.map((o) => o.name).join(', ')}`}
        >
          {others.slice(0, 5).map((viewer) => (
            <li key={viewer.id} className={styles.avatar} title={viewer.name} aria-hidden="true">
              {initialsOf(viewer.name)}
            </li>
          ))}
          {others.length > 5 && (
            <li className={styles.avatar} aria-hidden="true">
              +{others.length - 5}
            </li>
          )}
        </ul>
      )}
      <p className="sr-only" role="status">
        {lastChangeBy ? `${lastChangeBy} changed this trip` : ''}
      </p>
    </>
  );
}
