'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { collaborationKeys } from '../api/collaboration';
import { openLiveSocket } from './live-socket';

/**
 * Keeps the notification bell live (docs/realtime.md): the API pushes `notification.created` to the
 * recipient's own connections, and the bell refetches its list. After a reconnection it refetches
 * too, since events missed meanwhile are not replayed. Returns whether the connection is up: while
 * it is not, the bell falls back to polling.
 */
export function useNotificationsLive(): boolean {
  const queryClient = useQueryClient();
  const [connected, setConnected] = useState(false);

  useEffect(() => {
    const refetch = () => void queryClient.invalidateQueries({ queryKey: collaborationKeys.notifications });
    return openLiveSocket({
      onConnect: (_socket, again) => {
        setConnected(true);
        if (again) refetch();
      },
      onDisconnect: () => setConnected(false),
      onEvent: (name) => {
        if (name === 'notification.created') refetch();
      },
    });
  }, [queryClient]);

  return connected;
}
