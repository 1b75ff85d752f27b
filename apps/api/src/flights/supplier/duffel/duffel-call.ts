import { DuffelError } from '@duffel/api';
import type { Logger } from '@nestjs/common';
import { SupplierError, type SupplierFailure } from '../flight-supplier';
import { parseRetryAfter, type Replay, SupplierCaller, type SupplierCallOptions } from '../supplier-call';

/**
 * One Duffel SDK call in our terms, shared by the flight and stay adapters (docs/booking.md § Failures):
 * the shared SupplierCaller discipline (a deadline, 429 retried for every call, 502/503/504 and lost
 * connections only for calls that change nothing, a 500 never), with Duffel's errors read here.
 * The SDK cannot abort a request: at the deadline we stop waiting (`timeout`) and the request may still
 * complete at Duffel — hence never replaying a `once` call, whose outcome only the supplier knows then.
 */
export type DuffelCallOptions = SupplierCallOptions;
export type { Replay };

export class DuffelCaller extends SupplierCaller {
  constructor(options: DuffelCallOptions, logger: Logger) {
    super('Duffel', options, logger, (error, operation) => {
      const failure = toSupplierError(error, operation);
      return {
        error: failure,
        transient: failure.failure === 'unavailable' && transient(error),
        retryAfterMs: retryAfter(error),
      };
    });
  }
}

/** The SDK's error class is minified: `instanceof` is the one reliable test. */
type DuffelFailure = InstanceType<typeof DuffelError>;
const isDuffelError = (error: unknown): error is DuffelFailure => error instanceof DuffelError;

/** Duffel's error (`.status`, `.errors[].type/.code`), or a network failure, in our terms. */
export function toSupplierError(error: unknown, operation: string): SupplierError {
  if (!isDuffelError(error)) {
    // node-fetch's FetchError (refused, reset, DNS) or a body that is not Duffel's.
    return new SupplierError(
      'unavailable',
      `Duffel ${operation}: no answer (${(error as Error)?.message ?? 'unknown error'})`,
      ['network_error'],
    );
  }
  const errors = Array.isArray(error.errors) ? error.errors : [];
  const codes = [
    ...new Set(errors.flatMap((entry) => [entry.code, entry.type]).filter((code): code is string => Boolean(code))),
  ];
  const status = error.status;
  const message = `Duffel ${operation}: ${errors[0]?.message ?? errors[0]?.title ?? `HTTP ${status ?? 'error'}`}`;
  const failure: SupplierFailure = codes.some((code) => EXPIRED_CODES.has(code))
    ? 'offer_expired'
    : codes.some((code) => PRICE_CODES.has(code))
      ? 'price_changed'
      : status === 404 || codes.includes('not_found')
        ? 'not_found'
        : status === 429 || codes.includes('rate_limit_error')
          ? 'rate_limited'
          : status === 400 || status === 422
            ? 'invalid_request'
            : status === 504
              ? 'timeout'
              : 'unavailable';
  return new SupplierError(failure, message, codes.length > 0 ? codes : [`http_${status ?? 'unknown'}`]);
}

const EXPIRED_CODES = new Set([
  'offer_no_longer_available',
  'offer_expired',
  'offer_not_available',
  // Stays: a rate, search result or quote that is gone (docs/stays.md § Failures).
  'rate_unavailable',
  'rate_no_longer_available',
  'search_result_expired',
  'quote_expired',
]);
const PRICE_CODES = new Set(['price_changed', 'total_amount_mismatch', 'payment_amount_does_not_match_order_amount']);

/** Only a gateway's or a connection's failure is worth sending again; a 500 is Duffel's "do not retry". */
function transient(error: unknown): boolean {
  if (!isDuffelError(error)) return true;
  return error.status === 502 || error.status === 503 || error.status === 504;
}

/** A 429's `retry-after`, in milliseconds; null when absent. */
function retryAfter(error: unknown): number | null {
  if (!isDuffelError(error) || error.status !== 429) return null;
  return parseRetryAfter(error.headers?.get?.('retry-after'));
}
