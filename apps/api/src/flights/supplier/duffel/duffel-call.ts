import { DuffelError } from '@duffel/api';
import type { Logger } from '@nestjs/common';
import { SupplierError, type SupplierFailure } from '../flight-supplier';

/**
 * One Duffel SDK call in our terms, shared by the flight and stay adapters (docs/booking.md § Failures):
 * bounded by a deadline, 429 retried for every call, 502/503/504 and lost connections only for calls
 * that change nothing, a 500 never; Duffel's errors become SupplierErrors.
 */
export interface DuffelCallOptions {
  /** Bounds each call, its retries included. */
  timeoutMs: number;
  /** Retries after a 429 (and, for calls that change nothing, after a 502/503/504 or a lost connection). */
  maxRetries?: number;
  retryBaseMs?: number;
  /** A `retry-after` longer than this (or than the time left) is not waited for. */
  maxRetryAfterMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** Whether a call may be sent again when its answer is lost: never for one that buys or cancels. */
export type Replay = 'safe' | 'once';

export class DuffelCaller {
  private readonly maxRetries: number;
  private readonly retryBaseMs: number;
  private readonly maxRetryAfterMs: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly options: DuffelCallOptions,
    private readonly logger: Logger,
  ) {
    this.maxRetries = options.maxRetries ?? 2;
    this.retryBaseMs = options.retryBaseMs ?? 250;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 5_000;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  deadline(): number {
    return Date.now() + this.options.timeoutMs;
  }

  /**
   * One SDK call within the deadline. The SDK cannot abort a request: at the deadline we stop
   * waiting (`timeout`) and the request may still complete at Duffel — hence never replaying a
   * `once` call, whose outcome only the supplier knows then.
   */
  async call<T>(operation: string, replay: Replay, deadline: number, send: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt += 1) {
      let failure: SupplierError;
      let retryAfterMs: number | null = null;
      try {
        return await withDeadline(send(), deadline, operation);
      } catch (error) {
        if (error instanceof SupplierError) throw error;
        failure = toSupplierError(error, operation);
        retryAfterMs = retryAfter(error);
        const retryable =
          failure.failure === 'rate_limited' ||
          (replay === 'safe' && failure.failure === 'unavailable' && transient(error));
        if (!retryable || attempt >= this.maxRetries) throw this.logged(failure, operation);
      }
      const backoff = this.retryBaseMs * 2 ** attempt * (0.5 + Math.random() / 2);
      const wait = retryAfterMs ?? backoff;
      if (wait > this.maxRetryAfterMs || Date.now() + wait >= deadline) throw this.logged(failure, operation);
      await this.sleep(wait);
    }
  }

  private logged(error: SupplierError, operation: string): SupplierError {
    this.logger.warn(`Duffel ${operation} failed: ${error.failure} (${error.supplierCodes.join(', ') || 'no code'})`);
    return error;
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

/** `retry-after` in seconds or as an HTTP date, in milliseconds; null when absent. */
function retryAfter(error: unknown): number | null {
  if (!isDuffelError(error) || error.status !== 429) return null;
  const header = error.headers?.get?.('retry-after');
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

function withDeadline<T>(work: Promise<T>, deadline: number, operation: string): Promise<T> {
  const remaining = deadline - Date.now();
  if (remaining <= 0) {
    work.catch(() => undefined);
    return Promise.reject(new SupplierError('timeout', `Duffel ${operation}: no answer in time`, ['timeout']));
  }
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new SupplierError('timeout', `Duffel ${operation}: no answer in time`, ['timeout'])),
      remaining,
    );
  });
  work.catch(() => undefined);
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
