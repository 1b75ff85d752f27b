import * as Sentry from '@sentry/nestjs';
import type { ErrorEvent } from '@sentry/nestjs';
import { loggableDatabaseError } from '../database/database-error';

/** Request headers that say nothing about a person and help to reproduce an error. */
const KEPT_HEADERS = new Set(['content-type', 'content-length', 'user-agent', 'x-request-id', 'accept']);
const EMAIL = /[^\s@"'<>]+@[^\s@"'<>]+\.[a-z]{2,}/gi;
const BEARER = /Bearer\s+[\w.~+/=-]+/gi;

export interface SentryOptions {
  dsn: string;
  environment: string;
  release: string;
}

/**
 * Error reporting when `SENTRY_DSN` is set. Reports carry the release, the environment and the
 * request id (set by the exception filter), and never personal data: no bodies, cookies,
 * authorization headers, query strings, user e-mails or addresses (S23).
 */
export function initSentry({ dsn, environment, release }: SentryOptions): void {
  Sentry.init({ dsn, environment, release, sendDefaultPii: false, beforeSend: scrubEvent });
}

/**
 * What is sent for an unhandled error: a database error becomes its SQLSTATE and the names of the
 * table, column and constraint (PostgreSQL's messages can quote row values), keeping its stack frames.
 */
export function reportableError(exception: unknown): unknown {
  const database = loggableDatabaseError(exception);
  if (!database || !(exception instanceof Error)) return exception;
  const { type, ...names } = database;
  const summary = Object.entries(names)
    .map(([key, value]) => `${key} ${value}`)
    .join(', ');
  const error = new Error(summary || 'database error');
  error.name = type;
  error.stack = [
    `${type}: ${error.message}`,
    ...(exception.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line)),
  ].join('\n');
  return error;
}

export function scrubEvent(event: ErrorEvent): ErrorEvent {
  if (event.request) {
    const { method, url, headers } = event.request;
    event.request = {
      method,
      url: url?.split('?')[0],
      headers: Object.fromEntries(
        Object.entries(headers ?? {}).filter(([name]) => KEPT_HEADERS.has(name.toLowerCase())),
      ),
    };
  }
  if (event.user) event.user = event.user.id ? { id: event.user.id } : undefined;
  delete event.extra;
  for (const exception of event.exception?.values ?? []) {
    if (exception.value) exception.value = redact(exception.value);
    // Local variables of the failing frames may hold anything the request carried.
    for (const frame of exception.stacktrace?.frames ?? []) delete frame.vars;
  }
  if (event.message) event.message = redact(event.message);
  event.breadcrumbs = event.breadcrumbs?.map((crumb) => ({
    ...crumb,
    message: crumb.message && redact(crumb.message),
    data: undefined,
  }));
  return event;
}

function redact(text: string): string {
  return text.replace(BEARER, 'Bearer [redacted]').replace(EMAIL, '[e-mail]');
}
