import * as jwt from 'jsonwebtoken';
import { io, type Socket } from 'socket.io-client';
import type { TestApp } from './test-app';
import { TEST_SECRETS } from './test-app';

/** A socket.io client as the web app opens it: WebSocket only, /api/socket.io, the access token in the handshake. */
export function openSocket(app: Pick<TestApp, 'baseUrl'>, token?: string): Socket {
  return io(app.baseUrl, {
    path: '/api/socket.io',
    addTrailingSlash: false,
    transports: ['websocket'],
    auth: token === undefined ? {} : { token },
    reconnection: false,
    forceNew: true,
  });
}

/** Connects, or rejects with the server's refusal (`{ code, message }`). */
export async function connectSocket(app: Pick<TestApp, 'baseUrl'>, token?: string): Promise<Socket> {
  const socket = openSocket(app, token);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error: Error & { data?: unknown }) => {
      socket.close();
      reject(error.data ?? { message: error.message });
    });
  });
}

/** Joins a trip's room; resolves with the server's answer (`{ viewers }` or `{ error }`). */
export function joinTrip(socket: Socket, tripId: unknown): Promise<any> {
  return socket.timeout(5000).emitWithAck('trip.join', { tripId });
}

/** Everything a socket receives, by event name, in order. */
export function record(socket: Socket): { events: { name: string; data: any }[]; of(name: string): any[] } {
  const events: { name: string; data: any }[] = [];
  socket.onAny((name: string, data: unknown) => events.push({ name, data }));
  return { events, of: (name) => events.filter((event) => event.name === name).map((event) => event.data) };
}

/** Waits until `check` passes (polling), or fails with its last error after `ms`. */
export async function eventually(check: () => void, ms = 3000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

/** The same access token re-signed with another expiry (seconds since the epoch). */
export function withExpiry(token: string, exp: number): string {
  const { iat: _iat, exp: _exp, ...claims } = jwt.decode(token) as jwt.JwtPayload;
  return jwt.sign({ ...claims, exp }, TEST_SECRETS.JWT_SECRET, { algorithm: 'HS256' });
}
