'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { Socket } from 'socket.io-client';
import { bookingKeys } from '../api/bookings';
import { tripKeys } from '../api/trips';
import { getAccessToken, refreshAccessToken } from '../session/session-client';
import { RECONNECT, staleQueriesOf, type LiveEvent, type Viewer } from './live-events';

/** How long another person's change stays highlighted. */
export const HIGHLIGHT_MS = 2500;
const EVENT_KINDS = ['activity.', 'trip.', 'booking.', 'comment.', 'checklist.', 'notes.', 'collaborator.'];

export interface TripLive {
  /** Everyone looking at the trip now, the reader included. */
  viewers: Viewer[];
  /** The last change someone else made, for the screen-reader announcement. */
  lastChangeBy: string | null;
}

/**
 * Keeps the trip page live (docs/realtime.md): joins the trip's room over a WebSocket, refetches
 * what an event makes stale, highlights activities someone else changed, and after a reconnection
 * (backoff) refetches everything, since events missed meanwhile are not replayed. socket.io-client
 * is loaded after the page, in a chunk of its own.
 */
export function useTripLive(tripId: string, userId: string): TripLive {
  const queryClient = useQueryClient();
  const [viewers, setViewers] = useState<Viewer[]>([]);
  const [lastChangeBy, setLastChangeBy] = useState<string | null>(null);

  useEffect(() => {
    let socket: Socket | undefined;
    let stopped = false;
    let joinedOnce = false;
    /** Refused or closed by the server in a row: the delay before the next try doubles. */
    let refusals = 0;
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

    const onEvent = async (name: string, event: LiveEvent) => {
      if (!EVENT_KINDS.some((kind) => name.startsWith(kind)) || event.tripId !== tripId || seen.has(event.id)) return;
      seen.add(event.id);
      await refetch(staleQueriesOf(name, event));
      if (event.actorId === userId) return;
      setLastChangeBy(names.get(event.actorId) ?? 'Someone');
      if (event.activityId && name !== 'activity.deleted') highlight(event.activityId);
    };

    /** A refused or closed session: a fresh token reconnects, none means the session is over. */
    const reconnectWithFreshToken = async () => {
      if (stopped || !(await refreshAccessToken())) return;
      const delay = Math.min(RECONNECT.reconnectionDelay * 2 ** refusals++, RECONNECT.reconnectionDelayMax);
      setTimeout(() => !stopped && socket?.connect(), delay * (1 + RECONNECT.randomizationFactor * Math.random()));
    };

    // When the page is idle: the chunk and the socket must not compete with the page's own queries.
    const whenIdle = window.requestIdleCallback ?? ((run: () => void) => window.setTimeout(run, 1));
    whenIdle(
      () =>
        void import('socket.io-client').then(({ io }) => {
          if (stopped) return;
          socket = io(window.location.origin, {
            path: '/api/socket.io',
            addTrailingSlash: false,
            transports: ['websocket'],
            // Read at every (re)connection: the current token.
            auth: (send) => send({ token: getAccessToken() }),
            ...RECONNECT,
          });
          socket.on('connect', async () => {
            refusals = 0;
            const answer = await socket
              ?.timeout(10_000)
              .emitWithAck('trip.join', { tripId })
              .catch(() => null);
            if (answer?.viewers) setViewers(answer.viewers);
            // Catch up on what happened while disconnected (nothing is missed on the first join).
            if (joinedOnce)
              await refetch([tripKeys.detail(tripId), tripKeys.itinerary(tripId), bookingKeys.trip(tripId)]);
            joinedOnce = true;
          });
          socket.on('presence', (presence: { tripId: string; viewers: Viewer[] }) => {
            if (presence.tripId !== tripId) return;
            presence.viewers.forEach((viewer) => names.set(viewer.id, viewer.name));
            setViewers(presence.viewers);
          });
          socket.on('auth.expiring', async () => {
            const token = await refreshAccessToken();
            if (token) socket?.emit('auth', { token });
          });
          // Refused in the handshake (an expired token) or closed by the server (expiry, sign-out
          // elsewhere): socket.io does not retry those by itself.
          socket.on('connect_error', () => {
            if (!socket?.active) void reconnectWithFreshToken();
          });
          socket.on('disconnect', (reason) => {
            setViewers([]);
            if (reason === 'io server disconnect') void reconnectWithFreshToken();
          });
          socket.onAny((name: string, event: LiveEvent) => void onEvent(name, event));
        }),
    );

    return () => {
      stopped = true;
      socket?.close();
    };
  }, [tripId, userId, queryClient]);

  return { viewers, lastChangeBy };
}
