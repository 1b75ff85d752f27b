import { createApiClient } from '@nestmap/api-client';
import { createAuthFetch } from '../session/auth-fetch';
import { getAccessToken, pendingAccessToken, refreshAccessToken } from '../session/session-client';
import { toApiError } from './api-error';

const origin = typeof window === 'undefined' ? 'http://localhost' : window.location.origin;

/**
 * The browser's API client: same origin (Next forwards /api/* to the API), the in-memory access
 * token (waited for while the page's first refresh brings it), one silent refresh on a 401.
 */
export const api = createApiClient(origin, getAccessToken, {
  fetch: createAuthFetch({
    fetch: (request) => fetch(request),
    refresh: refreshAccessToken,
    pendingToken: pendingAccessToken,
  }),
});

/** openapi-fetch's `{data, error, response}` → the data, or a thrown ApiError. */
export async function call<T>(pending: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await pending;
  if (!response.ok) throw toApiError(response, error);
  return data as T;
}
