import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import pino from 'pino';
import type { AppConfig } from '../../config/app-config';

const CLIENT_REQUEST_ID = /^[\w.-]{1,64}$/;

/** Logs the path only (query strings may carry secrets), with calendar-feed tokens masked. */
export function redactPath(url: string | undefined): string | undefined {
  return url?.split('?')[0].replace(/(\/calendar\/)[^/]+/, '$1[redacted]');
}

/** The caller's `X-Request-Id` when it is sane, a new UUID otherwise (Fastify's `genReqId`). */
export function requestIdFor(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && CLIENT_REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * Structured JSON logs (pino) with the request id on every line. Credentials never reach the log.
 */
export function loggerOptions(config: AppConfig): Params {
  // Asynchronous writes to fd 1: lines written while a write is in flight go out together.
  const destination = config.logThroughStdoutStream ? process.stdout : pino.destination({ dest: 1, sync: false });
  return {
    pinoHttp: [
      {
        level: config.logLevel,
        // Fastify assigned the id (see requestIdFor); reuse it so logs and responses agree.
        genReqId: (request: IncomingMessage) =>
          (request as IncomingMessage & { id?: string }).id ?? requestIdFor(request),
        redact: {
          paths: [
            'req.headers.authorization',
            'req.headers.cookie',
            'res.headers["set-cookie"]',
            '*.password',
            '*.currentPassword',
            '*.newPassword',
            '*.refreshToken',
            '*.accessToken',
            '*.token',
            // Passenger profiles (docs/security.md S26): never logged, even if a body or error ever is.
            '*.bornOn',
            '*.documentNumber',
            '*.dataEncryptionKey',
          ],
          censor: '[redacted]',
        },
        serializers: {
          req: (request: { id: string; method: string; url: string; remoteAddress?: string }) => ({
            id: request.id,
            method: request.method,
            path: redactPath(request.url),
            ip: request.remoteAddress,
          }),
          res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
        },
        customLogLevel: (_request: IncomingMessage, response: ServerResponse, error?: Error) =>
          error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info',
      },
      destination,
    ],
    // Probes poll health every few seconds; their lines would drown the log.
    exclude: [
      { method: RequestMethod.GET, path: 'health/(.*)' },
      { method: RequestMethod.GET, path: 'health' },
    ],
  };
}
