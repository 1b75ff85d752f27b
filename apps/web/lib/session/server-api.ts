import { createApiClient, type ApiClient } from '@nestmap/api-client';
import { cookies, headers } from 'next/headers';
import { cache } from 'react';
import type { User } from './session-client';
import { ACCESS_COOKIE, apiBaseUrl } from './session-server';

/**
 * The API as the signed-in user, for the server render of a page, from the access cookie that
 * /session/* sets for the trip pages; null without one. Reads only: a failed or refused call
 * leaves the page to load the data in the browser, as it does without a cookie.
 */
const serverApi = cache(async (): Promise<ApiClient | null> => {
  const token = (await cookies()).get(ACCESS_COOKIE)?.value;
  if (!token) return null;
  const incoming = await headers();
  // The API's rate limits count per client, as for the browser's own calls through the rewrite.
  const forwarded = Object.fromEntries(
    ['x-forwarded-for', 'user-agent'].flatMap((name) => {
      const value = incoming.get(name);
      return value ? [[name, value]] : [];
    }),
  );
  return createApiClient(apiBaseUrl(), () => token, {
    fetch: (request) => {
      for (const [name, value] of Object.entries(forwarded)) request.headers.set(name, value);
      return fetch(request, { cache: 'no-store', signal: AbortSignal.timeout(3000) });
    },
  });
});

/** The response body of a successful GET, or null (no session, refused, unreachable, too slow). */
async function read<T>(get: (api: ApiClient) => Promise<{ data?: T; response: Response }>): Promise<T | null> {
  const api = await serverApi();
  if (!api) return null;
  try {
    const { data, response } = await get(api);
    return response.ok && data !== undefined ? data : null;
  } catch {
    return null;
  }
}

/** Who the access cookie belongs to: the signed-in frame renders on the server for them. */
export const serverUser = cache(() => read<User>((api) => api.GET('/api/auth/me')));

export const serverTrip = cache((id: string) =>
  read((api) => api.GET('/api/trips/{id}', { params: { path: { id } } })),
);

export const serverItinerary = cache((tripId: string) =>
  read((api) => api.GET('/api/trips/{tripId}/activities', { params: { path: { tripId } } })),
);
