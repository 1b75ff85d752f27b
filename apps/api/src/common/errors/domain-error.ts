import { ActivityErrorCode, CollaborationErrorCode, CommonErrorCode, ErrorCode, TripErrorCode } from './error-codes';

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

const STALE_CODES = {
  trip: TripErrorCode.VersionStale,
  activity: ActivityErrorCode.VersionStale,
  comment: CollaborationErrorCode.CommentVersionStale,
  'to-do': CollaborationErrorCode.ChecklistItemVersionStale,
  'trip note': CollaborationErrorCode.NotesVersionStale,
} as const;

/** A compare-and-set lost: the client edited a version that is no longer current. */
export class StaleVersionError extends DomainError {
  constructor(noun: keyof typeof STALE_CODES, edited: number | undefined, current: number) {
    super(
      STALE_CODES[noun],
      `This ${noun} was changed by someone else (you edited version ${edited}, it is now version ${current}); reload and try again`,
    );
  }
}

/** A refusal that lifts by itself (a rate limit, a used-up budget): the answer carries `Retry-After`. */
export class RetryLaterError extends DomainError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(code, message);
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string) {
    super(CommonErrorCode.NotFound, `${what} not found`);
  }
}
