import { ActivityErrorCode, CommonErrorCode, ErrorCode, TripErrorCode } from './error-codes';

export type { ErrorCode } from './error-codes';

/**
 * What went wrong, independent of HTTP: a stable code (the error body's `code`) and a message for
 * people. The exception filter owns the mapping to status codes (common/http/error-status.ts).
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Facts a program needs to act on the refusal (the error body's `details`, docs/errors.md). */
    readonly details?: ErrorDetails,
  ) {
    super(message);
  }
}

/** FLIGHT_OFFER_PRICE_CHANGED: the price the offer costs now, to accept it with `acceptedPrice`. */
export interface ErrorDetails {
  newTotal: { amount: string; currency: string };
}

const STALE_CODES = { trip: TripErrorCode.VersionStale, activity: ActivityErrorCode.VersionStale } as const;

/** A compare-and-set lost: the client edited a version that is no longer current. */
export class StaleVersionError extends DomainError {
  constructor(noun: keyof typeof STALE_CODES, edited: number | undefined, current: number) {
    super(
      STALE_CODES[noun],
      `This ${noun} was changed by someone else (you edited version ${edited}, it is now version ${current}); reload and try again`,
    );
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string) {
    super(CommonErrorCode.NotFound, `${what} not found`);
  }
}
