import type { Logger } from '@nestjs/common';
import { SupplierError } from './flight-supplier';

/**
 * The call discipline of every supplier adapter (Duffel's flights and stays, Booking.com, Amadeus;
 * docs/booking.md § Failures, docs/stays.md § Failures): every call bounded by a deadline, its retries
 * included; a 429 retried for every call (its `retry-after` honoured up to a bound); a gateway error or
 * a lost connection retried only for a call that changes nothing; anything else answered at once.
 * Each adapter says what its errors mean (`classify`).
 */
export interface SupplierCallOptions {
  /** Bounds each call, its retries included. */
  timeoutMs: number;
  maxRetries?: number;
  retryBaseMs?: number;
  /** A `retry-after` longer than this (or than the time left) is not waited for. */
  maxRetryAfterMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** Whether a call may be sent again when its answer is lost: never for one that books or cancels. */
export type Replay = 'safe' | 'once';

/** What a failed attempt means: the error in our terms, whether a resend may help, how long to wait. */
export interface Classified {
  error: SupplierError;
  /** A gateway error or a lost connection: worth resending a `safe` call. */
  transient: boolean;
  retryAfterMs: number | null;
}

export class SupplierCaller {
  private readonly maxRetries: number;
  private readonly retryBaseMs: number;
  private readonly maxRetryAfterMs: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly supplier: string,
    private readonly options: SupplierCallOptions,
    private readonly logger: Logger,
    private readonly classify: (error: unknown, operation: string) => Classified,
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
   * `send` gets the time left and should abort its request then; the deadline is enforced here too,
   * so a client that cannot abort is stopped waiting for (`timeout`).
   */
  async call<T>(
    operation: string,
    replay: Replay,
    deadline: number,
    send: (remainingMs: number) => Promise<T>,
  ): Promise<T> {
    for (let attempt = 0; ; attempt += 1) {
      let failure: Classified;
      try {
        const remaining = deadline - Date.now();
        if (remaining <= 0) throw this.timedOut(operation);
        return await withDeadline(send(remaining), remaining, () => this.timedOut(operation));
      } catch (error) {
        if (error instanceof SupplierError) throw this.logged(error, operation);
        failure = this.classify(error, operation);
        const retryable = failure.error.failure === 'rate_limited' || (replay === 'safe' && failure.transient);
        if (!retryable || attempt >= this.maxRetries) throw this.logged(failure.error, operation);
      }
      const wait = failure.retryAfterMs ?? this.retryBaseMs * 2 ** attempt * (0.5 + Math.random() / 2);
      if (wait > this.maxRetryAfterMs || Date.now() + wait >= deadline) throw this.logged(failure.error, operation);
      await this.sleep(wait);
    }
  }

  private timedOut(operation: string): SupplierError {
    return new SupplierError('timeout', `${this.supplier} ${operation}: no answer in time`, ['timeout']);
  }

  private logged(error: SupplierError, operation: string): SupplierError {
    this.logger.warn(
      `${this.supplier} ${operation} failed: ${error.failure} (${error.supplierCodes.join(', ') || 'no code'})`,
    );
    return error;
  }
}

function withDeadline<T>(work: Promise<T>, remainingMs: number, timedOut: () => SupplierError): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timedOut()), remainingMs);
  });
  work.catch(() => undefined);
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** `retry-after` in seconds or as an HTTP date, in milliseconds; null when absent or unreadable. */
export function parseRetryAfter(header: string | null | undefined): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}
