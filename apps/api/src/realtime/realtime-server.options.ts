import type { GatewayMetadata } from '@nestjs/websockets';
import type { ServerOptions } from 'socket.io';

/** Under the API's prefix, so nginx's `/api` location (and the web app's /api rewrite) carry it. */
export const REALTIME_PATH = '/api/socket.io';

/**
 * How long a question to the other API processes (presence's fetchSockets) waits for their answers:
 * a process that died without unsubscribing would otherwise hold every join for socket.io's 5 s.
 * The PostgreSQL adapter reads it from the query's flags, the Redis adapter from its options.
 */
export const CLUSTER_QUERY_TIMEOUT_MS = 2000;

/**
 * WebSocket transport only: no HTTP long-polling, so every request of a connection is one upgraded
 * socket and PM2's cluster mode needs no sticky sessions. No trailing slash: `/api/socket.io?EIO=4…`
 * passes rewrites that would redirect `…/socket.io/`.
 */
export function realtimeServerOptions(): GatewayMetadata {
  const options: Partial<ServerOptions> = {
    path: REALTIME_PATH,
    transports: ['websocket'],
    addTrailingSlash: false,
    serveClient: false,
    // Clients send a trip id or a token, nothing larger.
    maxHttpBufferSize: 16 * 1024,
  };
  return options as GatewayMetadata;
}
