import createClient, { type Client } from 'openapi-fetch';
import type { components, operations, paths } from './schema';

export type { components, operations, paths };
/** The API's request and response bodies by name, e.g. `Schemas['TripResponse']`. */
export type Schemas = components['schemas'];
export type ApiClient = Client<paths>;

export interface ApiClientOptions {
  /** The fetch that sends each request (the web app passes one that refreshes on 401). */
  fetch?: (request: Request) => Promise<Response>;
}

/**
 * A typed client for the NestMap API. `baseUrl` is the origin that serves `/api/*` (the web
 * app's own origin in a browser); `getToken` supplies the current access token, read on every
 * request so a refreshed token is used without rebuilding the client.
 */
export function createApiClient(
  baseUrl: string,
  getToken: () => string | null | undefined,
  options: ApiClientOptions = {},
): ApiClient {
  const client = createClient<paths>({ baseUrl: baseUrl.replace(/\/$/, ''), fetch: options.fetch });
  client.use({
    onRequest({ request }) {
      const token = getToken();
      if (token) request.headers.set('Authorization', `Bearer ${token}`);
      return request;
    },
  });
  return client;
}
