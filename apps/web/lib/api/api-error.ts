import type { Schemas } from '@nestmap/api-client';

/** The API's machine-readable error codes (docs/errors.md): switch on these, never on messages. */
export type ErrorCode = Schemas['ErrorCode'];
/** One refused field of a VALIDATION_FAILED error. */
export type FieldError = Schemas['FieldErrorResponse'];
export type ErrorDetails = Schemas['ErrorDetailsResponse'];

/** An answer from the API that is not a success, in the API's error shape (spec/API.md § Errors). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** The API's message(s), for people; validation errors come as one message per problem. */
    readonly messages: string[],
    readonly requestId?: string,
    /** Seconds, from Retry-After on a 429 or 503. */
    readonly retryAfter?: number,
    /** What went wrong, for the app to decide on (absent only when the answer was not the API's). */
    readonly code?: ErrorCode,
    /** VALIDATION_FAILED: each refused field. */
    readonly fieldErrors: FieldError[] = [],
    /** Facts to act on, e.g. FLIGHT_OFFER_PRICE_CHANGED's new price (docs/errors.md). */
    readonly details?: ErrorDetails,
  ) {
    super(messages.join('; ') || `HTTP ${status}`);
    this.name = 'ApiError';
  }
}

interface ErrorBody {
  message?: unknown;
  requestId?: unknown;
  code?: unknown;
  errors?: unknown;
  details?: unknown;
}

const isFieldError = (value: unknown): value is FieldError =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as FieldError).field === 'string' &&
  typeof (value as FieldError).code === 'string';

/** Builds an ApiError from a response and its (already parsed) body, whatever shape it has. */
export function toApiError(response: Pick<Response, 'status' | 'headers'>, body: unknown): ApiError {
  const { message, requestId, code, errors, details } = (
    typeof body === 'object' && body !== null ? body : {}
  ) as ErrorBody;
  const messages = Array.isArray(message) ? message.map(String) : typeof message === 'string' ? [message] : [];
  const retryAfter = Number(response.headers.get('Retry-After'));
  return new ApiError(
    response.status,
    messages,
    typeof requestId === 'string' ? requestId : undefined,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
    typeof code === 'string' ? (code as ErrorCode) : undefined,
    Array.isArray(errors) ? errors.filter(isFieldError) : [],
    typeof details === 'object' && details !== null ? (details as ErrorDetails) : undefined,
  );
}

/** Whether the error is an API error with one of these codes. */
export function hasErrorCode(error: unknown, ...codes: ErrorCode[]): error is ApiError {
  return error instanceof ApiError && error.code !== undefined && codes.includes(error.code);
}

/** "title must be …" → "Title must be …", with the app's curly quotes for anything quoted. */
const capitalise = (text: string) => (text.charAt(0).toUpperCase() + text.slice(1)).replace(/"([^"]*)"/g, '“$1”');

/** An id in the address (`/trips/not-a-uuid`) or the request that is not an id: a broken link, for people. */
const isBrokenId = (field: FieldError) => field.code === 'INVALID_FORMAT' && /(^|\.)(id|\w+Id)$/.test(field.field);
const isBrokenLink = (error: ApiError) => error.code === 'VALIDATION_FAILED' && error.fieldErrors.some(isBrokenId);
const BROKEN_LINK = 'That link or request is not valid. Check the address, or go back and try again.';

/** One sentence for a person: what went wrong and, where it helps, what to do about it. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    if (isBrokenLink(error)) return BROKEN_LINK;
    const said = error.messages.map(capitalise).join('. ');
    switch (error.code) {
      case 'UNAUTHENTICATED':
      case 'TOKEN_EXPIRED':
      case 'REFRESH_TOKEN_INVALID':
        return 'Your session has ended. Sign in again.';
      case 'FORBIDDEN':
        return 'Your role does not allow this. Ask an admin of your organization if you need it.';
      case 'NOT_FOUND':
        return 'This no longer exists, or it belongs to another organization.';
      case 'RATE_LIMITED':
        return `Too many attempts. ${error.retryAfter ? `Try again in ${formatWait(error.retryAfter)}.` : 'Wait a moment and try again.'}`;
      case 'SERVICE_UNAVAILABLE':
        return 'NestMap cannot reach its database right now. Try again in a moment.';
      case 'PAYMENT_PROVIDER_UNAVAILABLE':
        return said;
      default:
        if (error.status >= 500 || error.code === 'INTERNAL_ERROR')
          return `Something went wrong on our side.${error.requestId ? ` Reference: ${error.requestId}.` : ''} Try again.`;
        return said || `The request was refused (HTTP ${error.status}).`;
    }
  }
  if (error instanceof TypeError) return 'Cannot reach NestMap. Check your connection and try again.';
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong. Try again.';
}

function formatWait(seconds: number): string {
  if (seconds < 90) return `${Math.ceil(seconds)} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

/** A compare-and-set lost (a trip or activity edited from an older version). */
export function isStaleVersion(error: unknown): boolean {
  return hasErrorCode(error, 'TRIP_VERSION_STALE', 'ACTIVITY_VERSION_STALE');
}

/** Business-rule refusals that are about one input: shown under it when the form has it. */
const FIELD_OF_CODE: Partial<Record<ErrorCode, string>> = {
  TRIP_ENDS_BEFORE_START: 'endDate',
  ACTIVITY_ENDS_BEFORE_START: 'endsAt',
  ACTIVITY_OUTSIDE_TRIP: 'startsAt',
  COORDINATES_INCOMPLETE: 'longitude',
  BUDGET_EXCEEDED: 'cost',
  BUDGET_BELOW_PLANNED: 'budget',
  EXCHANGE_RATE_MISSING: 'cost',
  TRIP_REJECTION_REASON_REQUIRED: 'reason',
  CURRENT_PASSWORD_INCORRECT: 'currentPassword',
  ALREADY_MEMBER: 'email',
  EMAIL_TAKEN: 'email',
};

/**
 * Puts each refused field's message under its input (by the `field` the API names: `endDate`, or
 * `budget.amount` under `budget`, or the input a rule's code is about); the rest are for the whole form.
 */
export function splitFieldErrors<F extends string>(
  error: unknown,
  fields: readonly F[],
): { fields: Partial<Record<F, string>>; general: string[] } {
  const result: { fields: Partial<Record<F, string>>; general: string[] } = { fields: {}, general: [] };
  const inForm = (name: string) =>
    fields.find((field) => name === field) ?? fields.find((field) => name.startsWith(`${field}.`));
  if (!(error instanceof ApiError) || isBrokenLink(error)) {
    result.general.push(describeError(error));
    return result;
  }
  const ruleField = error.code && FIELD_OF_CODE[error.code] ? inForm(FIELD_OF_CODE[error.code]!) : undefined;
  if (ruleField) {
    result.fields[ruleField] = capitalise(error.messages.join('. '));
    return result;
  }
  if (error.code !== 'VALIDATION_FAILED') {
    result.general.push(describeError(error));
    return result;
  }
  for (const refused of error.fieldErrors) {
    const field = inForm(refused.field);
    if (field && !result.fields[field]) result.fields[field] = capitalise(refused.message);
    else if (!field) result.general.push(capitalise(refused.message));
  }
  if (!result.general.length && !Object.keys(result.fields).length) result.general.push(describeError(error));
  return result;
}
