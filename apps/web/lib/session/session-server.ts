import { NextResponse, type NextRequest } from 'next/server';
import { CSRF_HEADER } from './csrf';
import type { ErrorCode } from '../api/api-error';

/**
 * The web app's server side of sign-in (a small backend-for-frontend): it talks to the API's
 * /api/auth/*, keeps the refresh token in an httpOnly cookie that only /session/* receives, and
 * hands the short-lived access token to the page, which keeps it in memory. See README.md § Auth.
 */

export const REFRESH_COOKIE = 'nestmap_refresh';
const COOKIE_PATH = '/session';
/** The API's absolute refresh-token lifetime; the API decides validity, the cookie just carries it. */
const COOKIE_MAX_AGE_SECONDS = 30 * 24 * 3600;

/**
 * A copy of the access token for the server render of the trip pages (`lib/session/server-api.ts`):
 * httpOnly, SameSite=Strict and sent only below /trips, where pages read with it and nothing writes.
 * It outlives its token by nothing: the API's access tokens last 15 minutes, the cookie 14.
 */
export const ACCESS_COOKIE = 'nestmap_access';
const ACCESS_COOKIE_PATH = '/trips';
const ACCESS_COOKIE_MAX_AGE_SECONDS = 14 * 60;

/** As next.config.ts: API_URL, else the API of `npm start` on this machine (PORT, as the API reads it). */
export function apiBaseUrl(): string {
  return (process.env.API_URL ?? `http://127.0.0.1:${process.env.PORT ?? 5000}`).replace(/\/$/, '');
}

/** Secure in production (browsers accept Secure cookies from http://localhost too); overridable. */
function secureCookies(): boolean {
  const setting = process.env.SESSION_COOKIE_SECURE;
  if (setting === 'true' || setting === 'false') return setting === 'true';
  return process.env.NODE_ENV === 'production';
}

/** The web server's own refusals, in the API's error shape with its codes (docs/errors.md). */
const PROBLEMS = {
  400: { error: 'Bad Request', code: 'MALFORMED_REQUEST' },
  401: { error: 'Unauthorized', code: 'UNAUTHENTICATED' },
  403: { error: 'Forbidden', code: 'FORBIDDEN' },
  503: { error: 'Service Unavailable', code: 'SERVICE_UNAVAILABLE' },
} as const satisfies Record<number, { error: string; code: ErrorCode }>;

function problem(status: keyof typeof PROBLEMS, message: string): NextResponse {
  return NextResponse.json(
    { statusCode: status, message, ...PROBLEMS[status] },
    { status, headers: { 'Cache-Control': 'no-store' } },
  );
}

/**
 * CSRF defence for routes that act on the cookie. SameSite=Strict already keeps the cookie off
 * cross-site requests; on top, each call must carry a custom header (a cross-origin page cannot
 * add one without a CORS preflight, which this app never grants), and an Origin or
 * Sec-Fetch-Site that a browser sends must say "same origin".
 */
export function csrfRejection(request: NextRequest): NextResponse | null {
  if (request.headers.get(CSRF_HEADER) !== '1') return problem(403, `Missing ${CSRF_HEADER} header`);
  const site = request.headers.get('sec-fetch-site');
  if (site && site !== 'same-origin') return problem(403, 'Cross-site request refused');
  const origin = request.headers.get('origin');
  if (origin) {
    const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
    let originHost: string | null = null;
    try {
      originHost = new URL(origin).host;
    } catch {
      originHost = null;
    }
    if (!host || originHost !== host) return problem(403, 'Cross-origin request refused');
  }
  return null;
}

interface ApiAnswer {
  status: number;
  body: unknown;
  retryAfter: string | null;
}

/** Calls the API's auth route from the server, passing on who the client is (for rate limits). */
export async function callAuthApi(
  request: NextRequest,
  path: string,
  body: unknown,
): Promise<ApiAnswer | NextResponse> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
  const forwardedFor = request.headers.get('x-forwarded-for');
  if (forwardedFor) headers['X-Forwarded-For'] = forwardedFor;
  const userAgent = request.headers.get('user-agent');
  if (userAgent) headers['User-Agent'] = userAgent;
  try {
    const response = await fetch(`${apiBaseUrl()}/api/auth/${path}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
      cache: 'no-store',
    });
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = { message: text };
    }
    return { status: response.status, body: parsed, retryAfter: response.headers.get('retry-after') };
  } catch {
    return problem(503, 'The NestMap API cannot be reached right now; try again in a moment');
  }
}

export async function readJson(request: NextRequest): Promise<Record<string, unknown> | null> {
  try {
    const body: unknown = await request.json();
    return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Only the named fields go on to the API (it rejects unknown ones; we never forward extras). */
export function pick(body: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(fields.filter((field) => field in body).map((field) => [field, body[field]]));
}

function setCookie(response: NextResponse, name: string, value: string, path: string, maxAge: number) {
  response.cookies.set(name, value, { httpOnly: true, secure: secureCookies(), sameSite: 'strict', path, maxAge });
}

function setSessionCookies(response: NextResponse, tokens: { refreshToken: string; accessToken: string }) {
  setCookie(response, REFRESH_COOKIE, tokens.refreshToken, COOKIE_PATH, COOKIE_MAX_AGE_SECONDS);
  setCookie(response, ACCESS_COOKIE, tokens.accessToken, ACCESS_COOKIE_PATH, ACCESS_COOKIE_MAX_AGE_SECONDS);
}

export function clearSessionCookies(response: NextResponse) {
  setCookie(response, REFRESH_COOKIE, '', COOKIE_PATH, 0);
  setCookie(response, ACCESS_COOKIE, '', ACCESS_COOKIE_PATH, 0);
}

/**
 * The API's {accessToken, refreshToken, user} → the page gets {accessToken, user}; the refresh
 * token goes into its cookie and nowhere else, the access token also into the trip pages' cookie. Errors pass through in the API's shape.
 */
export function toSessionResponse(answer: ApiAnswer, options: { clearCookieOnError?: boolean } = {}): NextResponse {
  const noStore = { 'Cache-Control': 'no-store' };
  const body = answer.body as { accessToken?: unknown; refreshToken?: unknown; user?: unknown } | null;
  if (
    answer.status >= 200 &&
    answer.status < 300 &&
    typeof body?.accessToken === 'string' &&
    typeof body.refreshToken === 'string'
  ) {
    const response = NextResponse.json(
      { accessToken: body.accessToken, user: body.user },
      { status: 200, headers: noStore },
    );
    setSessionCookies(response, { refreshToken: body.refreshToken, accessToken: body.accessToken });
    return response;
  }
  const status = answer.status >= 200 && answer.status < 300 ? 502 : answer.status;
  const response = NextResponse.json(answer.body ?? { statusCode: status, message: 'Unexpected answer from the API' }, {
    status,
    headers: noStore,
  });
  if (answer.retryAfter) response.headers.set('Retry-After', answer.retryAfter);
  if (options.clearCookieOnError && status === 401) clearSessionCookies(response);
  return response;
}

/** sign-in, sign-up, accept-invitation: one shape, three API routes. */
export async function startSession(
  request: NextRequest,
  apiPath: string,
  fields: readonly string[],
): Promise<NextResponse> {
  const rejected = csrfRejection(request);
  if (rejected) return rejected;
  const body = await readJson(request);
  if (!body) return problem(400, 'Send a JSON object');
  const answer = await callAuthApi(request, apiPath, pick(body, fields));
  if (answer instanceof NextResponse) return answer;
  return toSessionResponse(answer);
}

export { problem as sessionProblem };
