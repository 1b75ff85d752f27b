/** What went wrong, independent of HTTP; the exception filter owns the mapping to status codes. */
export enum ErrorCode {
  NotFound = 'NOT_FOUND',
  InvalidInput = 'INVALID_INPUT',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  Conflict = 'CONFLICT',
  RuleViolation = 'RULE_VIOLATION',
  Unavailable = 'UNAVAILABLE',
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** A machine-readable reason a client can act on, sent as the error body's `code`. */
    readonly reason?: string,
  ) {
    super(message);
  }
}

/** A compare-and-set lost: the client edited a version that is no longer current. */
export class StaleVersionError extends DomainError {
  static readonly REASON = 'STALE_VERSION';

  constructor(noun: string, edited: number | undefined, current: number) {
    super(
      ErrorCode.Conflict,
      `This ${noun} was changed by someone else (you edited version ${edited}, it is now version ${current}); reload and try again`,
      StaleVersionError.REASON,
    );
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string) {
    super(ErrorCode.NotFound, `${what} not found`);
  }
}
