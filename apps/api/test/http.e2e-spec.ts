import { request as httpRequest } from 'node:http';
import { registerOrganization, Session } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

/** Cross-cutting HTTP behaviour: headers (S18), CORS (S19), strictness (S20), errors (S22), docs. */
describe('HTTP edge', () => {
  let t: TestApp;
  let admin: Session;

  beforeAll(async () => {
    t = await startTestApp({
      CORS_ORIGINS: 'https://app.nestmap.test',
      THROTTLE_LIMIT: '5',
      THROTTLE_TTL_SECONDS: '60',
    });
    admin = await registerOrganization(t.api);
  });
  afterAll(() => t.close());

  function expectSecurityHeaders(headers: Headers): void {
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('x-frame-options')).toBe('DENY');
    expect(headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    expect(headers.get('cache-control')).toBe('no-store');
    expect(headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(headers.get('x-powered-by')).toBeNull();
    expect(headers.get('x-request-id')).toBeTruthy();
  }

  it('sets the security headers on 200, 401, 404 and 400 responses', async () => {
    const ok = await t.api.get('/api/organizations/current', { token: admin.accessToken });
    expect(ok.status).toBe(200);
    expectSecurityHeaders(ok.headers);
    const unauthorized = await t.api.get('/api/organizations/current');
    expect(unauthorized.status).toBe(401);
    expectSecurityHeaders(unauthorized.headers);
    const missing = await t.api.get('/api/no-such-route', { token: admin.accessToken });
    expect(missing.status).toBe(404);
    expectSecurityHeaders(missing.headers);
    const invalid = await t.api.post('/api/auth/login', { email: 'x' });
    expect(invalid.status).toBe(400);
    expectSecurityHeaders(invalid.headers);
  });

  it('echoes a sane X-Request-Id and puts the request id in error bodies', async () => {
    const response = await t.api.get('/api/organizations/current', { headers: { 'x-request-id': 'probe-123' } });
    expect(response.headers.get('x-request-id')).toBe('probe-123');
    expect(response.body).toEqual({
      statusCode: 401,
      message: 'Missing, invalid or expired access token',
      error: 'Unauthorized',
      code: 'UNAUTHENTICATED',
      requestId: 'probe-123',
    });
    const insane = await t.api.get('/api/organizations/current', { headers: { 'x-request-id': 'x'.repeat(200) } });
    expect(insane.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  describe('CORS', () => {
    const preflight = (origin: string) =>
      t.api.request('OPTIONS', '/api/auth/login', {
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });

    it('echoes an allowed origin exactly, with Vary: Origin and credentials', async () => {
      const response = await preflight('https://app.nestmap.test');
      expect(response.headers.get('access-control-allow-origin')).toBe('https://app.nestmap.test');
      expect(response.headers.get('access-control-allow-credentials')).toBe('true');
      expect(response.headers.get('vary')).toMatch(/Origin/);
    });

    it.each(['https://evil.example', 'null'])('gives no Access-Control-Allow-Origin to %s', async (origin) => {
      const response = await preflight(origin);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  it('refuses non-JSON bodies with 415, malformed JSON with 400 and bodies over 1 MiB with 413', async () => {
    const plain = await t.api.post('/api/auth/login', undefined, {
      rawBody: 'email=a',
      headers: { 'content-type': 'text/plain' },
    });
    expect(plain.status).toBe(415);
    expect(plain.body).toMatchObject({ statusCode: 415, error: 'Unsupported Media Type' });
    const malformed = await t.api.post('/api/auth/login', undefined, {
      rawBody: '{"email": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    const huge = await t.api.post('/api/auth/login', undefined, {
      rawBody: JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(2 * 1024 * 1024) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(huge.status).toBe(413);
    expect(huge.body).toMatchObject({ statusCode: 413 });
  });

  it('answers TRACE and unknown methods with 404 or 405, never 500', async () => {
    for (const method of ['TRACE', 'PROPFIND', 'BREW']) {
      const status = await rawStatus(t.baseUrl, method, '/api/health');
      expect([404, 405, 400]).toContain(status);
    }
  });

  it('turns an unexpected failure into a bare 500 with a request id and no internals (S22)', async () => {
    const own = await startTestApp();
    try {
      const session = await registerOrganization(own.api);
      await own.sql.query('DROP TABLE travel_policies');
      const response = await own.api.get('/api/organizations/current/policy', { token: session.accessToken });
      expect(response.status).toBe(500);
      expect(Object.keys(response.body).sort()).toEqual(['code', 'error', 'message', 'requestId', 'statusCode']);
      expect(response.body).toMatchObject({
        statusCode: 500,
        message: 'Internal server error',
        error: 'Internal Server Error',
        code: 'INTERNAL_ERROR',
      });
      expect(response.text).not.toMatch(/travel_policies|SELECT|QueryFailed|\.ts:|\/node_modules\//);
      expectSecurityHeaders(response.headers);
    } finally {
      await own.close();
    }
  });

  it('rate limits every client: request N+1 gets 429 with Retry-After and the security headers', async () => {
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof t.api.get>> | undefined;
    for (let i = 0; i < 6; i += 1) {
      last = await t.api.get('/api/auth/me', { token: admin.accessToken });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(statuses[5]).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expectSecurityHeaders(last!.headers);
    expect((await t.api.get('/api/health')).status).toBe(200);
  });

  describe('OpenAPI document', () => {
    it('is served at /api/docs-json and documents every route with its DTOs', async () => {
      const response = await t.api.get('/api/docs-json');
      expect(response.status).toBe(200);
      const document = response.body;
      const documented = Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(
        ([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
      );
      const fastify = t.app.getHttpAdapter().getInstance();
      const served = fastify
        .printRoutes({ commonPrefix: false })
        .split('\n')
        .filter((line: string) => line.includes('/api/'));
      expect(served.length).toBeGreaterThan(0);
      for (const route of [
        'POST /api/auth/register',
        'POST /api/auth/login',
        'POST /api/auth/refresh',
        'POST /api/auth/logout',
        'GET /api/auth/me',
        'POST /api/auth/accept-invitation',
        'GET /api/organizations/current',
        'PATCH /api/organizations/current',
        'GET /api/organizations/current/members',
        'PATCH /api/organizations/current/members/{userId}',
        'POST /api/organizations/current/invitations',
        'GET /api/organizations/current/policy',
        'PUT /api/organizations/current/policy',
        'GET /api/health',
        'GET /api/health/live',
        'GET /api/health/ready',
      ]) {
        expect(documented).toContain(route);
      }
      expect(document.components.schemas.RegisterDto.required).toEqual(
        expect.arrayContaining(['email', 'password', 'name', 'organizationName']),
      );
      expect(document.components.schemas.TravelPolicyDto.properties.allowedCabinClasses).toBeDefined();
    });

    it('serves Swagger UI at /api/docs', async () => {
      const response = await t.api.get('/api/docs');
      expect(response.status).toBe(200);
      expect(response.text).toContain('swagger');
    });
  });
});

/** fetch() refuses TRACE and made-up methods; node:http sends them as written. */
function rawStatus(baseUrl: string, method: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(baseUrl + path, { method }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
    request.end();
  });
}
