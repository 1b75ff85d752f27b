/** An answer from the API that is not a success, in the API's error shape (spec/API.md § Errors). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** The API's message(s); validation errors come as one message per problem. */
    readonly messages: string[],
    readonly requestId?: string,
    /** Seconds, from Retry-After on a 429 or 503. */
    readonly retryAfter?: number,
    /** The API's machine-readable reason, when it gives one (`STALE_VERSION`). */
    readonly code?: string,
  ) {
    super(messages.join('; ') || `HTTP ${status}`);
    this.name = 'ApiError';
  }
}

interface ErrorBody {
  message?: unknown;
  requestId?: unknown;
  code?: unknown;
}

/** Builds an ApiError from a response and its (already parsed) body, whatever shape it has. */
export function toApiError(response: Pick<Response, 'status' | 'headers'>, body: unknown): ApiError {
  const { message, requestId, code } = (typeof body === 'object' && body !== null ? body : {}) as ErrorBody;
  const messages = Array.isArray(message) ? message.map(String) : typeof message === 'string' ? [message] : [];
  const retryAfter = Number(response.headers.get('Retry-After'));
  return new ApiError(
    response.status,
    messages,
    typeof requestId === 'string' ? requestId : undefined,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
    typeof code === 'string' ? code : undefined,
  );
}

/** "title must be …" → "Title must be …", with the app's curly quotes for anything quoted. */
const capitalise = (text: string) => (text.charAt(0).toUpperCase() + text.slice(1)).replace(/"([^"]*)"/g, '“$1”');

/** A framework's parameter check ("Validation failed (uuid is expected)") is not a sentence for people. */
const isValidatorJargon = (message: string) => /^Validation failed\b/i.test(message);

/** One sentence for a person: what went wrong and, where it helps, what to do about it. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 400 && error.messages.some(isValidatorJargon))
      return 'That link or request is not valid. Check the address, or go back and try again.';
    const said = error.messages.map(capitalise).join('. ');
    switch (error.status) {
      case 401:
        return said || 'Your session has ended. Sign in again.';
      case 403:
        return 'Your role does not allow this. Ask an admin of your organization if you need it.';
      case 404:
        return 'This no longer exists, or it belongs to another organization.';
      case 429:
        return `Too many attempts. ${error.retryAfter ? `Try again in ${formatWait(error.retryAfter)}.` : 'Wait a moment and try again.'}`;
      case 503:
        return 'NestMap cannot reach its database right now. Try again in a moment.';
      default:
        if (error.status >= 500)
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
  return error instanceof ApiError && error.status === 409 && error.code === 'STALE_VERSION';
}

/**
 * Splits the API's validation messages by the field they start with ("endDate must be …"), so
 * each shows under its input; the rest are for the whole form.
 */
export function splitFieldErrors<F extends string>(
  error: unknown,
  fields: readonly F[],
): { fields: Partial<Record<F, string>>; general: string[] } {
  const result: { fields: Partial<Record<F, string>>; general: string[] } = { fields: {}, general: [] };
  if (!(error instanceof ApiError) || (error.status !== 400 && error.status !== 422)) {
    result.general.push(describeError(error));
    return result;
  }
  for (const message of error.messages) {
    const field = fields.find(
      (name) => message === name || message.startsWith(`${name} `) || message.startsWith(`${name}.`),
    );
    if (field && !result.fields[field]) result.fields[field] = capitalise(message);
    else result.general.push(isValidatorJargon(message) ? describeError(error) : capitalise(message));
  }
  if (!error.messages.length) result.general.push(describeError(error));
  return result;
}
