import * as Sentry from '@sentry/nestjs';
import type { ErrorEvent } from '@sentry/nestjs';

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

export function scrubEvent(event: ErrorEvent): ErrorEvent {
  if (event.request) {
    const { method, url, headers } = event.request;
    event.request = {
      method,
      url: url?.split('?')[0],
      headers: Object.fromEntries(Object.entries(headers ?? {}).filter(([name]) => KEPT_HEADERS.has(name.toLowerCase()))),
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
  event.breadcrumbs = event.breadcrumbs?.map((crumb) => ({ ...crumb, message: crumb.message && redact(crumb.message), data: undefined }));
  return event;
}

function redact(text: string): string {
  return text.replace(BEARER, 'Bearer [redacted]').replace(EMAIL, '[e-mail]');
}
