/**
 * The browser's fetch for API calls: sends the request, and on a 401 refreshes the access token
 * once (through the web app's /session/refresh) and retries. A second 401 means the session is
 * over. Concurrent 401s share one refresh: refresh tokens are single use, and two refreshes with
 * the same cookie would look like token theft to the API (it revokes the whole family).
 */
export interface AuthFetchOptions {
  /** The fetch that sends requests (window.fetch in the app, a stub in tests). */
  fetch: (request: Request) => Promise<Response>;
  /** Resolves to a fresh access token, or null when the session cannot be refreshed. */
  refresh: () => Promise<string | null>;
  /** Called once when the session is over (refresh failed). */
  onSessionEnded?: () => void;
  /**
   * The token a request without one should wait for, or null: a page rendered on the server with
   * the session can ask for data before its first refresh has brought the access token.
   */
  pendingToken?: () => Promise<string | null> | null;
}

export function createAuthFetch({ fetch, refresh, onSessionEnded, pendingToken }: AuthFetchOptions) {
  return async function authFetch(request: Request): Promise<Response> {
    if (!request.headers.has('Authorization')) {
      const token = await pendingToken?.();
      if (token) request.headers.set('Authorization', `Bearer ${token}`);
    }
    // Kept before sending: a body can be read once, the retry needs its own copy.
    const retry = request.clone();
    const response = await fetch(request);
    if (response.status !== 401 || !request.headers.has('Authorization')) return response;
    const token = await refresh();
    if (!token) {
      onSessionEnded?.();
      return response;
    }
    retry.headers.set('Authorization', `Bearer ${token}`);
    return fetch(retry);
  };
}

/** Wraps a refresh so that callers arriving while one runs get the same result. */
export function singleFlight<T>(run: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null;
  return () => {
    running ??= run().finally(() => {
      running = null;
    });
    return running;
  };
}
