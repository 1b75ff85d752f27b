import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CODE_ENUMS, ERROR_CODES } from '../errors/error-codes';
import { codeOfFrameworkStatus, STATUS_OF_CODE } from './error-status';

/** Codes clients already rely on, with their status: they may never change or go (docs/errors.md). */
const PUBLISHED: Record<string, number> = {
  VALIDATION_FAILED: 400,
  MALFORMED_REQUEST: 400,
  JSON_TOO_DEEP: 400,
  ILL_FORMED_TEXT: 400,
  FORBIDDEN_KEY: 400,
  COORDINATES_INCOMPLETE: 400,
  IF_MATCH_INVALID: 400,
  IF_MATCH_MISMATCH: 400,
  INVALID_VALUE: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  REQUEST_TIMEOUT: 408,
  DUPLICATE: 409,
  CONCURRENT_CHANGE: 409,
  PAYLOAD_TOO_LARGE: 413,
  URI_TOO_LONG: 414,
  UNSUPPORTED_MEDIA_TYPE: 415,
  REFERENCE_MISSING: 422,
  RATE_LIMITED: 429,
  HEADERS_TOO_LARGE: 431,
  INTERNAL_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
  INVALID_CREDENTIALS: 401,
  TOKEN_EXPIRED: 401,
  REFRESH_TOKEN_INVALID: 401,
  CURRENT_PASSWORD_INCORRECT: 400,
  INVITATION_INVALID: 400,
  RESET_LINK_INVALID: 400,
  EMAIL_TAKEN: 409,
  MEMBER_CHANGE_EMPTY: 400,
  LAST_ADMIN: 409,
  ALREADY_MEMBER: 409,
  TRIP_ENDS_BEFORE_START: 400,
  TRIP_REJECTION_REASON_REQUIRED: 400,
  TRIP_VERSION_STALE: 409,
  TRIP_ILLEGAL_TRANSITION: 409,
  TRIP_NOT_EDITABLE: 409,
  TRIP_NOT_DELETABLE: 409,
  TRIP_TRAVELLER_NOT_ACTIVE: 422,
  BUDGET_EXCEEDED: 422,
  BUDGET_BELOW_PLANNED: 422,
  ACTIVITY_OUTSIDE_TRIP: 400,
  ACTIVITY_ENDS_BEFORE_START: 400,
  ACTIVITY_ORDER_INCOMPLETE: 400,
  ACTIVITY_VERSION_STALE: 409,
  ITINERARY_CLOSED: 409,
  ACTIVITY_ORDER_CONTRADICTS_TIME: 422,
  EXCHANGE_RATE_DUPLICATE: 400,
  EXCHANGE_RATE_MISSING: 422,
  EXCHANGE_RATES_UNREACHABLE: 503,
  AUDIT_EXPORT_TOO_LARGE: 422,
  REPORT_PERIOD_INVALID: 400,
  STATEMENT_MONTH_IN_FUTURE: 400,
  POLICY_BLOCKED: 422,
  COLLABORATOR_NOT_MEMBER: 422,
  COLLABORATOR_TRAVELS: 422,
  USER_CANNOT_SEE_TRIP: 422,
  NOT_COMMENT_AUTHOR: 403,
  COMMENT_VERSION_STALE: 409,
  CHECKLIST_ITEM_VERSION_STALE: 409,
  TRIP_NOTES_VERSION_STALE: 409,
  AI_NOT_CONFIGURED: 503,
  AI_BUDGET_EXCEEDED: 429,
  AI_MODEL_ERROR: 502,
  AI_MODEL_TIMEOUT: 504,
};

describe('error codes → HTTP status', () => {
  it('gives every code of every domain an error status', () => {
    for (const code of ERROR_CODES)
      expect([code, STATUS_OF_CODE[code] >= 400 && STATUS_OF_CODE[code] < 600]).toEqual([code, true]);
    expect(Object.keys(STATUS_OF_CODE).sort()).toEqual([...ERROR_CODES].sort());
  });

  it('keeps every published code with its status (codes are added, never renamed or moved)', () => {
    expect(STATUS_OF_CODE).toMatchObject(PUBLISHED);
  });

  it('uses each code string in one domain only, spelled UPPER_SNAKE_CASE', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    for (const code of ERROR_CODES) expect(code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
    expect(Object.keys(ERROR_CODE_ENUMS).length).toBeGreaterThan(1);
  });

  it('answers a framework error with the code of its status, keeping the status', () => {
    for (const status of [400, 401, 403, 404, 408, 413, 414, 415, 429, 431, 500, 503]) {
      expect(STATUS_OF_CODE[codeOfFrameworkStatus(status)]).toBe(status);
    }
    // A client error of a kind nobody listed is still a coded 4xx.
    expect(STATUS_OF_CODE[codeOfFrameworkStatus(418)]).toBe(400);
  });

  it('documents every code with its status in docs/errors.md', () => {
    const docs = readFileSync(join(__dirname, '../../../../../docs/errors.md'), 'utf8');
    // Whatever the table's padding (prettier aligns its columns): the code's row names its status.
    for (const code of ERROR_CODES)
      expect([
        code,
        new RegExp(`^\\|\\s*\`${code}\`\\s*\\|\\s*${STATUS_OF_CODE[code]}\\s*\\|`, 'm').test(docs),
      ]).toEqual([code, true]);
  });
});
