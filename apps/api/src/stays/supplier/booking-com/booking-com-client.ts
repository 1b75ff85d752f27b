import { Logger } from '@nestjs/common';
import { type SupplierFailure, SupplierError } from '../stay-supplier';
import {
  type Classified,
  parseRetryAfter,
  type Replay,
  SupplierCaller,
  type SupplierCallOptions,
} from '../../../flights/supplier/supplier-call';

/**
 * A small typed client of Booking.com's Demand API (v3.1; there is no official Node SDK): every call
 * is an HTTPS `POST` of JSON to `<base>/<path>` with the API token as a bearer token and the affiliate
 * id in `X-Affiliate-Id`; an answer is `{ request_id, data, next_page? }`, an error `{ request_id,
 * errors: [{ id, message }] }` (developers.booking.com, Demand API reference and error handling).
 * Node's fetch, each attempt aborted when the call's deadline passes.
 */
export interface BookingComClientOptions extends SupplierCallOptions {
  apiKey: string;
  affiliateId: string;
  baseUrl: string;
}

export interface DemandAnswer<T> {
  data: T;
  nextPage: string | null;
}

/** Our failure for Booking.com's error ids (docs/stays.md § Booking.com): sold out and expired tokens, price changes. */
const EXPIRED_IDS = new Set([
  'sold_out',
  'no_availability',
  'product_not_available',
  'products_not_available',
  'order_token_expired',
  'invalid_order_token',
]);
const PRICE_IDS = new Set(['price_changed', 'price_mismatch']);

export class DemandApiError extends Error {
  constructor(
    readonly status: number,
    readonly ids: string[],
    message: string,
    readonly retryAfterMs: number | null,
  ) {
    super(message);
  }
}

export class BookingComClient {
  private readonly caller: SupplierCaller;

  constructor(
    private readonly options: BookingComClientOptions,
    logger = new Logger('BookingComStaySupplier'),
  ) {
    this.caller = new SupplierCaller('Booking.com', options, logger, classify);
  }

  deadline(): number {
    return this.caller.deadline();
  }

  async post<T = unknown>(
    path: string,
    body: Record<string, unknown>,
    replay: Replay,
    deadline = this.caller.deadline(),
  ): Promise<DemandAnswer<T>> {
    return this.caller.call(path, replay, deadline, async (remainingMs) => {
      const response = await fetch(`${this.options.baseUrl}${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${this.options.apiKey}`,
          'x-affiliate-id': this.options.affiliateId,
          'content-type': 'application/json',
          accept: 'application/json',
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(remainingMs),
      });
      const text = await response.text();
      let parsed: { data?: unknown; next_page?: unknown; errors?: unknown } | undefined;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = undefined;
      }
      if (!response.ok) {
        const errors: Array<{ id?: unknown; message?: unknown }> = Array.isArray(parsed?.errors) ? parsed.errors : [];
        const ids = errors.map((error) => String(error.id ?? '')).filter(Boolean);
        const message = typeof errors[0]?.message === 'string' ? errors[0].message : `HTTP ${response.status}`;
        throw new DemandApiError(
          response.status,
          ids,
          message.slice(0, 300),
          parseRetryAfter(response.headers.get('retry-after')),
        );
      }
      if (!parsed || typeof parsed !== 'object' || !('data' in parsed)) {
        throw new SupplierError('unavailable', `Booking.com ${path}: the answer is not the Demand API's`, [
          'invalid_response',
        ]);
      }
      return { data: parsed.data as T, nextPage: typeof parsed.next_page === 'string' ? parsed.next_page : null };
    });
  }
}

/** A Demand API error, an aborted attempt or a lost connection in our terms. */
function classify(error: unknown, operation: string): Classified {
  if (!(error instanceof DemandApiError)) {
    const aborted = (error as Error)?.name === 'TimeoutError' || (error as Error)?.name === 'AbortError';
    return {
      error: aborted
        ? new SupplierError('timeout', `Booking.com ${operation}: no answer in time`, ['timeout'])
        : new SupplierError('unavailable', `Booking.com ${operation}: no answer (${(error as Error)?.message})`, [
            'network_error',
          ]),
      transient: !aborted,
      retryAfterMs: null,
    };
  }
  const { status, ids } = error;
  const failure: SupplierFailure = ids.some((id) => EXPIRED_IDS.has(id))
    ? 'offer_expired'
    : ids.some((id) => PRICE_IDS.has(id))
      ? 'price_changed'
      : status === 404
        ? 'not_found'
        : status === 429
          ? 'rate_limited'
          : status === 400 || status === 409 || status === 422
            ? 'invalid_request'
            : status === 504
              ? 'timeout'
              : 'unavailable';
  return {
    error: new SupplierError(
      failure,
      `Booking.com ${operation}: ${error.message}`,
      ids.length > 0 ? ids : [`http_${status}`],
    ),
    transient: status === 502 || status === 503 || status === 504,
    retryAfterMs: status === 429 ? error.retryAfterMs : null,
  };
}
