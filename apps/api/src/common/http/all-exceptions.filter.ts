import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import * as Sentry from '@sentry/nestjs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, RetryLaterError, type ErrorDetails } from '../errors/domain-error';
import { AiErrorCode, CommonErrorCode, ErrorCode } from '../errors/error-codes';
import { FieldError, ValidationFailedError } from '../errors/validation-failed';
import { reportableError } from '../observability/sentry';
import { classifyDatabaseError, DatabaseFailure, loggableDatabaseError } from '../database/database-error';
import { codeOfFrameworkStatus, STATUS_OF_CODE } from './error-status';

const DATABASE_FAILURES: Record<DatabaseFailure, { code: ErrorCode; message: string }> = {
  unavailable: { code: CommonErrorCode.ServiceUnavailable, message: 'The database is unavailable; retry shortly' },
  unique_violation: { code: CommonErrorCode.Duplicate, message: 'A conflicting record already exists' },
  foreign_key_violation: { code: CommonErrorCode.ReferenceMissing, message: 'A referenced record does not exist' },
  invalid_value: { code: CommonErrorCode.InvalidValue, message: 'A value is not valid' },
  serialization: {
    code: CommonErrorCode.ConcurrentChange,
    message: 'A concurrent change conflicted; retry the request',
  },
};

const RETRY_AFTER_UNAVAILABLE_SECONDS = '5';

/** spec/API.md's error shape, plus the machine-readable `code` (docs/errors.md). */
export interface ErrorBody {
  statusCode: number;
  message: string | string[];
  error: string;
  code: ErrorCode;
  /** Validation failures: each refused field. */
  errors?: FieldError[];
  details?: ErrorDetails;
  requestId?: string;
}

/** Security-relevant statuses are logged as events (S23) with who, where and which request. */
const SECURITY_STATUSES = new Set([401, 403, 429]);

/**
 * The one place that turns any error into spec/API.md's shape `{statusCode, message, error,
 * requestId}` plus its `code` (docs/errors.md). Nothing internal (stack, SQL, paths) reaches a client.
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
      this.logger.error(
        { err: loggableDatabaseError(exception) ?? exception, requestId, status: body.statusCode },
        'request failed',
      );
    } else if (SECURITY_STATUSES.has(body.statusCode)) {
      const user = (request as { user?: { userId: string; organizationId: string } }).user;
      this.logger.warn({
        event: 'security',
        status: body.statusCode,
        code: body.code,
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
    const { code, message, errors, details } = describe(exception);
    const status = STATUS_OF_CODE[code];
    // A missing AI configuration does not pass by waiting: no Retry-After for it.
    if (exception instanceof RetryLaterError) {
      reply.header('Retry-After', String(Math.max(1, Math.ceil(exception.retryAfterSeconds))));
    } else if (status === HttpStatus.SERVICE_UNAVAILABLE && code !== AiErrorCode.NotConfigured) {
      reply.header('Retry-After', RETRY_AFTER_UNAVAILABLE_SECONDS);
    }
    return {
      statusCode: status,
      message,
      error: reasonPhrase(status),
      code,
      ...(errors ? { errors } : {}),
      ...(details ? { details } : {}),
    };
  }
}

/** The code and message of any error; the status follows from the code. */
function describe(exception: unknown): {
  code: ErrorCode;
  message: string | string[];
  errors?: FieldError[];
  details?: ErrorDetails;
} {
  if (exception instanceof ValidationFailedError) {
    return { code: exception.code, message: exception.messages, errors: exception.errors };
  }
  if (exception instanceof DomainError)
    return { code: exception.code, message: exception.message, details: exception.details };
  if (exception instanceof HttpException) {
    // Nest's own (route not found, the throttler) and Fastify's (bad JSON, body too large, media type).
    const response = exception.getResponse();
    const code = codeOfFrameworkStatus(exception.getStatus());
    if (typeof response === 'object' && response !== null && 'message' in response) {
      return { code, message: (response as { message: string | string[] }).message };
    }
    return { code, message: String(response) };
  }
  const failure = classifyDatabaseError(exception);
  if (failure) return DATABASE_FAILURES[failure];
  const fastifyStatus = (exception as { statusCode?: unknown })?.statusCode;
  if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
    // Errors Fastify raises itself that Nest did not wrap in an HttpException.
    return { code: codeOfFrameworkStatus(fastifyStatus), message: (exception as Error).message };
  }
  return { code: CommonErrorCode.InternalError, message: 'Internal server error' };
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
