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
  ) {
    super(message);
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string) {
    super(ErrorCode.NotFound, `${what} not found`);
  }
}
