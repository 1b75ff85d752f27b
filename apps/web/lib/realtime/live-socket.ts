'use client';

import type { Socket } from 'socket.io-client';
import { getAccessToken, refreshAccessToken } from '../session/session-client';
import { RECONNECT, type LiveEvent } from './live-events';

export interface LiveSocketHandlers {
  /** After every connection; `again` is true after a reconnection (events missed meanwhile are not replayed). */
  onConnect?(socket: Socket, again: boolean): void | Promise<void>;
  onDisconnect?(): void;
  /** Every event the server pushes, by name. */
  onEvent(name: string, event: LiveEvent): void;
  /** Listeners of one's own (e.g. presence), added once. */
  listen?(socket: Socket): void;
}

/**
 * One WebSocket to the API (docs/realtime.md), shared by every live part of the app: the access
 * token in the handshake and renewed before it expires, backoff reconnection, and a fresh token
 * after the server refused or closed the session. socket.io-client is loaded when the page is idle,
 * in a chunk of its own. Returns the function that closes it.
 */
export function openLiveSocket(handlers: LiveSocketHandlers): () => void {
  let socket: Socket | undefined;
  let stopped = false;
  let connectedOnce = false;
  /** Refused or closed by the server in a row: the delay before the next try doubles. */
  let refusals = 0;

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
        const live = io(window.location.origin, {
          path: '/api/socket.io',
          addTrailingSlash: false,
          transports: ['websocket'],
          // Read at every (re)connection: the current token.
          auth: (send) => send({ token: getAccessToken() }),
          ...RECONNECT,
        });
        socket = live;
        live.on('connect', async () => {
          refusals = 0;
          const again = connectedOnce;
          connectedOnce = true;
          await handlers.onConnect?.(live, again);
        });
        live.on('auth.expiring', async () => {
          const token = await refreshAccessToken();
          if (token) live.emit('auth', { token });
        });
        // Refused in the handshake (an expired token) or closed by the server (expiry, sign-out
        // elsewhere): socket.io does not retry those by itself.
        live.on('connect_error', () => {
          if (!live.active) void reconnectWithFreshToken();
        });
        live.on('disconnect', (reason) => {
          handlers.onDisconnect?.();
          if (reason === 'io server disconnect') void reconnectWithFreshToken();
        });
        handlers.listen?.(live);
        live.onAny((name: string, event: LiveEvent) => handlers.onEvent(name, event));
      }),
  );

  return () => {
    stopped = true;
    socket?.close();
  };
}
