import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import * as Sentry from '@sentry/nestjs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, ErrorCode } from '../errors/domain-error';
import { reportableError } from '../observability/sentry';
import { classifyDatabaseError, DatabaseFailure, loggableDatabaseError } from './database-error';

const STATUS_OF_CODE: Record<ErrorCode, number> = {
  [ErrorCode.NotFound]: HttpStatus.NOT_FOUND,
  [ErrorCode.InvalidInput]: HttpStatus.BAD_REQUEST,
  [ErrorCode.Unauthenticated]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.Forbidden]: HttpStatus.FORBIDDEN,
  [ErrorCode.Conflict]: HttpStatus.CONFLICT,
  [ErrorCode.RuleViolation]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.Unavailable]: HttpStatus.SERVICE_UNAVAILABLE,
};

const DATABASE_FAILURES: Record<DatabaseFailure, { status: number; message: string }> = {
  unavailable: { status: HttpStatus.SERVICE_UNAVAILABLE, message: 'The database is unavailable; retry shortly' },
  unique_violation: { status: HttpStatus.CONFLICT, message: 'A conflicting record already exists' },
  foreign_key_violation: { status: HttpStatus.UNPROCESSABLE_ENTITY, message: 'A referenced record does not exist' },
  invalid_value: { status: HttpStatus.BAD_REQUEST, message: 'A value is not valid' },
  serialization: { status: HttpStatus.CONFLICT, message: 'A concurrent change conflicted; retry the request' },
};

const RETRY_AFTER_UNAVAILABLE_SECONDS = '5';

interface ErrorBody {
  statusCode: number;
  message: string | string[];
  error: string;
  /** Set when a client can act on the reason (`STALE_VERSION`), beyond the status. */
  code?: string;
  requestId?: string;
}

/** Security-relevant statuses are logged as events (S23) with who, where and which request. */
const SECURITY_STATUSES = new Set([401, 403, 429]);

/**
 * The one place that turns any error into spec/API.md's shape
 * `{statusCode, message, error, requestId}`. Nothing internal (stack, SQL, paths) reaches a client.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const requestId = requestIdOf(request);
    const body = this.toBody(exception, reply);
    body.requestId = requestId;

    if (body.statusCode >= 500) {
      if (body.statusCode === 500) Sentry.captureException(reportableError(exception), { tags: { requestId } });
      // A database error is logged by its SQLSTATE and names only: never its parameters or row values (S23).
      this.logger.error({ err: loggableDatabaseError(exception) ?? exception, requestId, status: body.statusCode }, 'request failed');
    } else if (SECURITY_STATUSES.has(body.statusCode)) {
      const user = (request as { user?: { userId: string; organizationId: string } }).user;
      this.logger.warn({
        event: 'security',
        status: body.statusCode,
        method: request.method,
        path: request.url.split('?')[0],
        ip: request.ip,
        userId: user?.userId,
        organizationId: user?.organizationId,
        requestId,
      });
    }
    // Routes that answer with another type (iCalendar) still report errors as JSON.
    reply.status(body.statusCode).type('application/json; charset=utf-8').send(body);
  }

  private toBody(exception: unknown, reply: FastifyReply): ErrorBody {
    if (exception instanceof HttpException) {
      const response = exception.getResponse();
      const status = exception.getStatus();
      if (typeof response === 'object' && response !== null && 'message' in response) {
        const { message, error } = response as { message: string | string[]; error?: string };
        return { statusCode: status, message, error: error ?? reasonPhrase(status) };
      }
      return { statusCode: status, message: String(response), error: reasonPhrase(status) };
    }
    if (exception instanceof DomainError) {
      const status = STATUS_OF_CODE[exception.code];
      if (status === HttpStatus.SERVICE_UNAVAILABLE) reply.header('Retry-After', RETRY_AFTER_UNAVAILABLE_SECONDS);
      return { statusCode: status, message: exception.message, error: reasonPhrase(status), ...(exception.reason ? { code: exception.reason } : {}) };
    }
    const failure = classifyDatabaseError(exception);
    if (failure) {
      const { status, message } = DATABASE_FAILURES[failure];
      if (status === HttpStatus.SERVICE_UNAVAILABLE) reply.header('Retry-After', RETRY_AFTER_UNAVAILABLE_SECONDS);
      return { statusCode: status, message, error: reasonPhrase(status) };
    }
    const fastifyStatus = (exception as { statusCode?: unknown })?.statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      // Errors raised by Fastify itself before routing (malformed JSON, body too large, media type).
      return { statusCode: fastifyStatus, message: (exception as Error).message, error: reasonPhrase(fastifyStatus) };
    }
    return { statusCode: 500, message: 'Internal server error', error: reasonPhrase(500) };
  }
}

export function requestIdOf(request: FastifyRequest): string {
  return request.id;
}

export function reasonPhrase(status: number): string {
  const name = HttpStatus[status];
  if (!name) return 'Error';
  return name
    .toLowerCase()
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}
