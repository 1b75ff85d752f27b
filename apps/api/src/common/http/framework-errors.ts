import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { CommonErrorCode, ErrorCode } from '../errors/error-codes';
import { reasonPhrase } from './all-exceptions.filter';
import { STATUS_OF_CODE } from './error-status';

const JSON_TYPE = 'application/json; charset=utf-8';

/** Errors Fastify raises while routing, before any hook, filter or helmet runs. */
const ROUTING_ERRORS: Record<string, { code: ErrorCode; message: string }> = {
  FST_ERR_BAD_URL: { code: CommonErrorCode.MalformedRequest, message: 'The URL is not valid' },
  FST_ERR_MAX_PARAM_LENGTH: { code: CommonErrorCode.UriTooLong, message: 'A path segment is too long' },
};
const INTERNAL_ERROR = { code: CommonErrorCode.InternalError, message: 'Internal server error' };

/** Errors Node's HTTP parser raises on a connection, before Fastify sees a request. */
const CONNECTION_ERRORS: Record<string, { code: ErrorCode; message: string }> = {
  ERR_HTTP_REQUEST_TIMEOUT: { code: CommonErrorCode.RequestTimeout, message: 'The request was not received in time' },
  HPE_HEADER_OVERFLOW: { code: CommonErrorCode.HeadersTooLarge, message: 'The request headers are too large' },
};
const MALFORMED_REQUEST = { code: CommonErrorCode.MalformedRequest, message: 'The request is not valid HTTP' };

function errorBody(status: number, code: ErrorCode, message: string, requestId: string): string {
  return JSON.stringify({ statusCode: status, message, error: reasonPhrase(status), code, requestId });
}

/**
 * Fastify's `frameworkErrors`: the same body shape and headers as every other error (spec/API.md,
 * docs/security.md S18), instead of Fastify's own body (its `FST_…` code) without security headers.
 */
export function routingErrorHandler(securityHeaders: Record<string, string>) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    const { code, message } = ROUTING_ERRORS[error.code] ?? INTERNAL_ERROR;
    const status = STATUS_OF_CODE[code];
    void reply
      .code(status)
      .headers({
        ...securityHeaders,
        'cache-control': 'no-store',
        'x-request-id': request.id,
        'content-type': JSON_TYPE,
      })
      .send(errorBody(status, code, message, request.id));
  };
}

/** Fastify's `clientErrorHandler`: malformed requests (bad method, NUL in a header), 431, 408. */
export function connectionErrorHandler(securityHeaders: Record<string, string>) {
  return (error: Error & { code?: string }, socket: Duplex): void => {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const { code, message } = CONNECTION_ERRORS[error.code ?? ''] ?? MALFORMED_REQUEST;
    const status = STATUS_OF_CODE[code];
    const requestId = randomUUID();
    const body = errorBody(status, code, message, requestId);
    const headers = {
      ...securityHeaders,
      'cache-control': 'no-store',
      'x-request-id': requestId,
      'content-type': JSON_TYPE,
      'content-length': String(Buffer.byteLength(body)),
      connection: 'close',
    };
    const head = Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}`)
      .join('\r\n');
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${head}\r\n\r\n${body}`);
  };
}
