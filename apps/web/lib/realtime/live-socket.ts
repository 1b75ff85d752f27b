'use client';

import type { Socket } from 'socket.io-client';
import { getAccessToken, refreshAccessToken } from '../session/session-client';
import { RECONNECT, type LiveEvent } from './live-events';

export interface LiveSocketHandlers {
  /**
   * After every connection; `again` is true after a reconnection (events missed meanwhile are not
   * replayed). A part that subscribes while the socket is already up is called at once, with `false`.
   */
  onConnect?(socket: Socket, again: boolean): void | Promise<void>;
  onDisconnect?(): void;
  /** When the part unsubscribes while the socket stays up for others (e.g. to leave a trip's room). */
  onUnsubscribe?(socket: Socket): void;
  /** Every event the server pushes, by name (presence included). */
  onEvent(name: string, event: LiveEvent): void;
}

/** The tab's one connection and the parts of the page listening to it. */
interface SharedSocket {
  socket?: Socket;
  subscribers: Set<LiveSocketHandlers>;
  close(): void;
}

let shared: SharedSocket | undefined;

/**
 * One WebSocket to the API per tab (docs/realtime.md), shared by every live part of the page (the
 * notification bell, the trip page): it opens with the first subscriber and closes with the last.
 * The access token goes in the handshake and is renewed before it expires; backoff reconnection, and
 * a fresh token after the server refused or closed the session. socket.io-client is loaded when the
 * page is idle, in a chunk of its own. Returns the function that unsubscribes.
 */
export function openLiveSocket(handlers: LiveSocketHandlers): () => void {
  const connection = (shared ??= connect());
  connection.subscribers.add(handlers);
  if (connection.socket?.connected) void handlers.onConnect?.(connection.socket, false);
  return () => {
    connection.subscribers.delete(handlers);
    if (connection.subscribers.size === 0) {
      connection.close();
      if (shared === connection) shared = undefined;
    } else if (connection.socket?.connected) handlers.onUnsubscribe?.(connection.socket);
  };
}

function connect(): SharedSocket {
  const subscribers = new Set<LiveSocketHandlers>();
  const each = (call: (handlers: LiveSocketHandlers) => unknown) => [...subscribers].forEach(call);
  const connection: SharedSocket = { subscribers, close: () => undefined };
  let stopped = false;
  let connectedOnce = false;
  /** Refused or closed by the server in a row: the delay before the next try doubles. */
  let refusals = 0;

  /** A refused or closed session: a fresh token reconnects, none means the session is over. */
  const reconnectWithFreshToken = async () => {
    if (stopped || !(await refreshAccessToken())) return;
    const delay = Math.min(RECONNECT.reconnectionDelay * 2 ** refusals++, RECONNECT.reconnectionDelayMax);
    setTimeout(
      () => !stopped && connection.socket?.connect(),
      delay * (1 + RECONNECT.randomizationFactor * Math.random()),
    );
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
        connection.socket = live;
        live.on('connect', () => {
          refusals = 0;
          const again = connectedOnce;
          connectedOnce = true;
          each((handlers) => handlers.onConnect?.(live, again));
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
          each((handlers) => handlers.onDisconnect?.());
          if (reason === 'io server disconnect') void reconnectWithFreshToken();
        });
        live.onAny((name: string, event: LiveEvent) => each((handlers) => handlers.onEvent(name, event)));
      }),
  );

  connection.close = () => {
    stopped = true;
    connection.socket?.close();
  };
  return connection;
}
