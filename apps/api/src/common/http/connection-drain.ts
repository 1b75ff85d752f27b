import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Server as NetServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * How long a stopping process keeps answering the connections it holds after it stopped accepting
 * new ones: a connection PM2's cluster master handed over a moment earlier is read and answered
 * instead of dropped, and a keep-alive client gets its next response with `Connection: close`
 * instead of a reset. Part of kill_timeout's budget in ecosystem.config.js.
 */
export const DRAIN_MS = 1000;

const closeAfterResponse = (_request: IncomingMessage, response: ServerResponse) =>
  response.setHeader('Connection', 'close');

/**
 * Stops serving without failing a request (`pm2 reload`, SIGTERM): stop accepting — in a cluster
 * worker the master then hands new connections to the other workers — answer what is already here
 * with `Connection: close`, then close the application (idle connections, hooks, database pool).
 */
export async function drainAndClose(app: NestFastifyApplication, drainMs = DRAIN_MS): Promise<void> {
  const server = app.getHttpServer() as Server;
  server.prependListener('request', closeAfterResponse);
  // net.Server#close, not http.Server#close: since Node 19 the latter also destroys every idle
  // connection at once, including one accepted a moment ago whose request has not been read yet.
  // Fastify's close later calls http.Server#close and accepts "not running".
  if (server.listening) NetServer.prototype.close.call(server);
  await sleep(drainMs);
  await app.close();
}
