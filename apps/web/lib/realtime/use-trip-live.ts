'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { bookingKeys } from '../api/bookings';
import { tripKeys } from '../api/trips';
import { staleQueriesOf, type LiveEvent, type Viewer } from './live-events';
import { openLiveSocket } from './live-socket';

/** How long another person's change stays highlighted. */
export const HIGHLIGHT_MS = 2500;
const EVENT_KINDS = ['activity.', 'trip.', 'booking.', 'comment.', 'checklist.', 'notes.', 'collaborator.'];

/** Who is looking at a trip now, as the server announces it on every join and leave. */
interface Presence {
  tripId: string;
  viewers: Viewer[];
}

export interface TripLive {
  /** Everyone looking at the trip now, the reader included. */
  viewers: Viewer[];
  /** The last change someone else made, for the screen-reader announcement. */
  lastChangeBy: string | null;
}

/**
 * Keeps the trip page live (docs/realtime.md): joins the trip's room over a WebSocket, refetches
 * what an event makes stale, highlights activities someone else changed, and after a reconnection
 * refetches everything, since events missed meanwhile are not replayed. The connection itself
 * (token, renewal, backoff) is `openLiveSocket`'s.
 */
export function useTripLive(tripId: string, userId: string): TripLive {
  const queryClient = useQueryClient();
  const [viewers, setViewers] = useState<Viewer[]>([]);
  const [lastChangeBy, setLastChangeBy] = useState<string | null>(null);

  useEffect(() => {
    const seen = new Set<string>();
    const names = new Map<string, string>();

    const refetch = (keys: (readonly unknown[])[]) =>
      Promise.all(keys.map((queryKey) => queryClient.invalidateQueries({ queryKey })));

    const highlight = (activityId: string) => {
      const card = document.getElementById(`activity-${activityId}`);
      if (!card) return;
      card.dataset.liveChanged = 'true';
      setTimeout(() => delete card.dataset.liveChanged, HIGHLIGHT_MS);
    };

    const showPresence = (presence: Presence) => {
      if (presence.tripId !== tripId) return;
      presence.viewers.forEach((viewer) => names.set(viewer.id, viewer.name));
      setViewers(presence.viewers);
    };

    const onEvent = async (name: string, event: LiveEvent) => {
      if (!EVENT_KINDS.some((kind) => name.startsWith(kind)) || event.tripId !== tripId || seen.has(event.id)) return;
      seen.add(event.id);
      await refetch(staleQueriesOf(name, event));
      if (event.actorId === userId) return;
      setLastChangeBy(names.get(event.actorId) ?? 'Someone');
      if (event.activityId && name !== 'activity.deleted') highlight(event.activityId);
    };

    const close = openLiveSocket({
      onConnect: async (socket, again) => {
        const answer = await socket
          .timeout(10_000)
          .emitWithAck('trip.join', { tripId })
          .catch(() => null);
        if (answer?.viewers) setViewers(answer.viewers);
        // Catch up on what happened while disconnected (nothing is missed on the first join).
        if (again) await refetch([tripKeys.detail(tripId), tripKeys.itinerary(tripId), bookingKeys.trip(tripId)]);
      },
      onDisconnect: () => setViewers([]),
      // The tab's socket lives on for the bell: leave the room so presence stops naming the reader.
      onUnsubscribe: (socket) => socket.emit('trip.leave', { tripId }),
      onEvent: (name, event) => {
        if (name === 'presence') return showPresence(event as unknown as Presence);
        void onEvent(name, event);
      },
    });

    return close;
  }, [tripId, userId, queryClient]);

  return { viewers, lastChangeBy };
}
