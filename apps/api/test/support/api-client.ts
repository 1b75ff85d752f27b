export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  /** Sent as is (for malformed JSON or other content types). */
  rawBody?: string | Buffer;
  headers?: Record<string, string>;
}

/**
 * Keys that must never appear in a response (docs/security.md S13). Counts of a language model's
 * tokens (`inputTokens`, `monthlyTokenBudget`, docs/ai.md) are not credentials.
 */
const SECRET_KEY = /password|hash|secret|token(?!s$|Budget$)|refresh|stripeCustomerId|resetCode/i;
/** The only responses allowed to carry tokens: the auth endpoints that issue them. */
const TOKEN_ISSUERS = /^\/api\/auth\/(register|login|refresh|accept-invitation|password)$/;
const ISSUED_TOKEN_KEYS = new Set(['accessToken', 'refreshToken']);

/**
 * Real HTTP against the test app. Every JSON response is walked for secret-looking keys, so each
 * e2e test also proves that no response leaks a hash or a token.
 */
export class ApiClient {
  constructor(readonly baseUrl: string) {}

  get<T = any>(path: string, options?: RequestOptions) {
    return this.request<T>('GET', path, options);
  }
  post<T = any>(path: string, body?: unknown, options?: RequestOptions) {
    return this.request<T>('POST', path, { ...options, body });
  }
  patch<T = any>(path: string, body?: unknown, options?: RequestOptions) {
    return this.request<T>('PATCH', path, { ...options, body });
  }
  put<T = any>(path: string, body?: unknown, options?: RequestOptions) {
    return this.request<T>('PUT', path, { ...options, body });
  }
  delete<T = any>(path: string, options?: RequestOptions) {
    return this.request<T>('DELETE', path, options);
  }

  async request<T = any>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | Buffer | undefined = options.rawBody;
    if (body === undefined && options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(this.baseUrl + path, { method, headers, body });
    const text = await response.text();
    const isJson = response.headers.get('content-type')?.includes('application/json');
    const parsed = isJson && text ? JSON.parse(text) : text;
    // The OpenAPI document names routes like /auth/refresh: it describes data, it is not data.
    if (isJson && !path.startsWith('/api/docs-json')) assertNoSecrets(parsed, path.split('?')[0]);
    return { status: response.status, headers: response.headers, body: parsed, text };
  }
}

export function assertNoSecrets(value: unknown, path: string, trail = '$'): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => assertNoSecrets(item, path, `${trail}[${index}]`));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value)) {
    const allowed = TOKEN_ISSUERS.test(path) && trail === '$' && ISSUED_TOKEN_KEYS.has(key);
    if (SECRET_KEY.test(key) && !allowed) {
      throw new Error(`response of ${path} exposes a secret-looking key ${trail}.${key}`);
    }
    assertNoSecrets(child, path, `${trail}.${key}`);
  }
}
