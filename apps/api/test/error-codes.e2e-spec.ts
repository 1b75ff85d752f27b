import type { ApiResponse } from './support/api-client';
import { addMember, createTrip, registerOrganization, Session } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Issue 9 §3 (docs/errors.md): every kind of 4xx the API answers carries its machine-readable code,
 * whichever layer raised it — Fastify's parser, Nest's router, a guard, the validation pipe, the
 * throttler, a service. (Each module's own file asserts its domain codes; hostile-input checks the
 * code of every refusal its sweep provokes.)
 */
describe('Error codes', () => {
  let t: TestApp;
  let admin: Session;
  let traveller: Session;
  let otherAdmin: Session;
  let tripId: string;

  beforeAll(async () => {
    t = await startTestApp({ BODY_LIMIT_BYTES: '4096', THROTTLE_LIMIT: '200', THROTTLE_TTL_SECONDS: '60' });
    admin = await registerOrganization(t.api);
    traveller = await addMember(t.api, admin, 'traveller');
    otherAdmin = await registerOrganization(t.api);
    tripId = (await createTrip(t.api, admin)).id;
  });
  afterAll(() => t.close());

  const as = (session: Session) => ({ token: session.accessToken });
  const json = (rawBody: string) => ({ ...as(admin), rawBody, headers: { 'content-type': 'application/json' } });

  function expectCode(response: ApiResponse, status: number, code: string): void {
    expect({ status: response.status, statusCode: response.body?.statusCode, code: response.body?.code }).toEqual({
      status,
      statusCode: status,
      code,
    });
  }

  it.each<[string, () => Promise<ApiResponse>, number, string]>([
    [
      'a body that is not JSON',
      () => t.api.post('/api/trips', undefined, json('{"title": ')),
      400,
      'MALFORMED_REQUEST',
    ],
    ['an empty JSON body', () => t.api.post('/api/trips', undefined, json('')), 400, 'MALFORMED_REQUEST'],
    [
      'JSON nested 40 levels',
      () => t.api.post('/api/trips', undefined, json('['.repeat(40) + ']'.repeat(40))),
      400,
      'JSON_TOO_DEEP',
    ],
    ['a NUL in a query', () => t.api.get('/api/trips?q=%00', as(admin)), 400, 'ILL_FORMED_TEXT'],
    ['a __proto__ key', () => t.api.post('/api/trips', undefined, json('{"__proto__": {}}')), 400, 'FORBIDDEN_KEY'],
    [
      'a constructor.prototype key',
      () => t.api.post('/api/trips', undefined, json('{"title": "x", "constructor": {"prototype": {}}}')),
      400,
      'FORBIDDEN_KEY',
    ],
    ['a URL that cannot be decoded', () => t.api.get('/api/trips/%ff', as(admin)), 400, 'MALFORMED_REQUEST'],
    [
      'a body over the limit',
      () => t.api.post('/api/trips', undefined, json(JSON.stringify({ title: 'x'.repeat(5000) }))),
      413,
      'PAYLOAD_TOO_LARGE',
    ],
    [
      'a form-encoded body',
      () =>
        t.api.post('/api/trips', undefined, {
          ...as(admin),
          rawBody: 'title=x',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    [
      'a path segment of 300 characters',
      () => t.api.get(`/api/trips/${'x'.repeat(300)}`, as(admin)),
      414,
      'URI_TOO_LONG',
    ],
    ['no access token', () => t.api.get('/api/trips'), 401, 'UNAUTHENTICATED'],
    ['a role that may not', () => t.api.get('/api/organizations/current/members', as(traveller)), 403, 'FORBIDDEN'],
    ['an unknown route', () => t.api.get('/api/no-such-route', as(admin)), 404, 'NOT_FOUND'],
    ["another organization's trip", () => t.api.get(`/api/trips/${tripId}`, as(otherAdmin)), 404, 'NOT_FOUND'],
    [
      'a wrong password',
      () => t.api.post('/api/auth/login', { email: admin.user.email, password: 'not the password at all' }),
      401,
      'INVALID_CREDENTIALS',
    ],
    [
      'a stale trip version',
      () => t.api.patch(`/api/trips/${tripId}`, { title: 'Stale', version: 99 }, as(admin)),
      409,
      'TRIP_VERSION_STALE',
    ],
    [
      'an If-Match that is not a version',
      () => t.api.patch(`/api/trips/${tripId}`, { title: 'x' }, { ...as(admin), headers: { 'if-match': 'soon' } }),
      400,
      'IF_MATCH_INVALID',
    ],
  ])('answers %s with its code', async (_label, send, status, code) => {
    expectCode(await send(), status, code);
  });

  it('lists each refused field of a validation failure: dotted path, field code, message', async () => {
    const response = await t.api.post(
      '/api/trips',
      {
        title: '',
        destination: 'Berlin',
        startDate: '2026-13-01',
        endDate: '2026-03-12',
        budget: { amount: 'lots', currency: 'EUR' },
        colour: 'red',
      },
      as(admin),
    );
    expectCode(response, 400, 'VALIDATION_FAILED');
    expect(response.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'title', code: 'REQUIRED' }),
        expect.objectContaining({ field: 'startDate', code: 'INVALID_FORMAT' }),
        expect.objectContaining({ field: 'budget.amount', code: 'INVALID_FORMAT' }),
        { field: 'colour', code: 'NOT_ALLOWED', message: 'property colour should not exist' },
      ]),
    );
    // `message` stays the list it always was: one entry per refused rule.
    expect(response.body.message).toEqual(response.body.errors.map((error: { message: string }) => error.message));
  });

  it('answers a flood with 429 RATE_LIMITED and Retry-After', async () => {
    const flood = await Promise.all(Array.from({ length: 220 }, () => t.api.get('/api/auth/me', as(traveller))));
    const limited = flood.find((response) => response.status === 429);
    expect(limited).toBeDefined();
    expectCode(limited!, 429, 'RATE_LIMITED');
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
