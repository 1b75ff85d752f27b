import { ERROR_CODES, ErrorCode, FieldErrorCode } from '../src/common/errors/error-codes';
import { STATUS_OF_CODE } from '../src/common/http/error-status';
import type { ApiResponse } from './support/api-client';
import { addMember, createTrip, registerOrganization, Session, uniqueEmail } from './support/factories';
import { bookedFlight } from './support/flight-fixtures';
import { staySearch } from './support/stay-fixtures';
import {
  deeplyNestedJson,
  EMOJI_TEXT,
  HOSTILE_PATH_SEGMENTS,
  HOSTILE_QUERY_VALUES,
  hostileBodyValues,
  mapWithConcurrency,
  RTL_TEXT,
} from './support/hostile-values';
import { OpenApiWalker, Route, Schema } from './support/openapi-document';
import { rawHttp, RawResponse } from './support/raw-http';
import { collaborationFixtures } from './support/collaboration-fixtures';
import { drainOutbox } from './support/outbox';
import { type FakeOpenAi, startFakeOpenAi } from './support/fake-openai-server';
import { startTestApp, TestApp } from './support/test-app';

const CONCURRENCY = 8;
const STACK_TRACE = /\bat \S+ \(|\.[jt]s:\d+|node_modules|QueryFailedError|SQLSTATE|\bSELECT\b|\bINSERT\b/;
/** Transitions change the fixture trip's state: fuzzed last, so the edit routes see a draft. */
const LAST = /\/(submit|approve|reject|cancel|complete)$/;

type Headers_ = Record<string, string | null>;

function headersOf(response: ApiResponse | RawResponse): Headers_ {
  if (response.headers instanceof Headers) return Object.fromEntries(response.headers.entries());
  return response.headers as Record<string, string>;
}

const FIELD_CODES = new Set<unknown>(Object.values(FieldErrorCode));
const isFieldError = (error: Record<string, unknown>) =>
  typeof error.field === 'string' &&
  error.field !== '' &&
  FIELD_CODES.has(error.code) &&
  typeof error.message === 'string' &&
  Object.keys(error).length === 3;

/**
 * spec/API.md's error shape with its machine-readable `code` (docs/errors.md: a known code whose
 * status is the answer's; `errors` on validation failures only), docs/security.md S18's headers, and
 * nothing internal (S22).
 */
function errorProblems(response: ApiResponse | RawResponse): string[] {
  const problems: string[] = [];
  const headers = headersOf(response);
  const body = response.body as Record<string, unknown>;
  if (typeof body !== 'object' || body === null) return [`body is not JSON: ${response.text.slice(0, 120)}`];
  const validation = body.code === 'VALIDATION_FAILED';
  const keys = Object.keys(body).sort().join(',');
  if (
    keys !== (validation ? 'code,error,errors,message,requestId,statusCode' : 'code,error,message,requestId,statusCode')
  )
    problems.push(`keys ${keys}`);
  if (!ERROR_CODES.includes(body.code as ErrorCode)) problems.push(`code ${String(body.code)}`);
  else if (STATUS_OF_CODE[body.code as ErrorCode] !== response.status)
    problems.push(`code ${String(body.code)} with status ${response.status}`);
  if (validation) {
    const errors = Array.isArray(body.errors) ? (body.errors as Record<string, unknown>[]) : [];
    if (!errors.length || !errors.every(isFieldError)) {
      problems.push(`errors ${JSON.stringify(body.errors)?.slice(0, 200)}`);
    }
  }
  if (body.statusCode !== response.status) problems.push(`statusCode ${String(body.statusCode)}`);
  if (typeof body.requestId !== 'string' || body.requestId !== headers['x-request-id']) problems.push('requestId');
  if (STACK_TRACE.test(response.text)) problems.push(`internals in ${response.text.slice(0, 200)}`);
  if (headers['x-content-type-options'] !== 'nosniff') problems.push('no X-Content-Type-Options');
  if (headers['x-frame-options'] !== 'DENY') problems.push('no X-Frame-Options');
  if (!headers['content-security-policy']?.includes("frame-ancestors 'none'")) problems.push('no CSP');
  if (headers['strict-transport-security'] !== 'max-age=31536000; includeSubDomains') problems.push('no HSTS');
  if (headers['cache-control'] !== 'no-store') problems.push('no Cache-Control: no-store');
  if (headers['content-type'] !== 'application/json; charset=utf-8')
    problems.push(`content-type ${headers['content-type']}`);
  return problems;
}

/**
 * Issue 7 §1 / docs/security.md S22, generated from the served OpenAPI document so that new routes and
 * fields are covered without anyone remembering to: every body field, query parameter and path
 * segment of every route gets each hostile class. Nothing may answer 5xx; every error has the
 * documented shape and headers and no internals; what must be refused is refused and writes nothing.
 */
describe('Hostile input never makes a 500 (generated from the OpenAPI document)', () => {
  let t: TestApp;
  let model: FakeOpenAi;
  let admin: Session;
  let walker: OpenApiWalker;
  let ids: Record<string, string>;

  beforeAll(async () => {
    // The assistant's routes reach a model (a local stand-in), so accepted input is answered, not 503.
    model = await startFakeOpenAi();
    // The outbox worker's fallback poll (60 s in tests) would write audit rows for earlier accepted
    // requests in the middle of a route's "refused requests write nothing" comparison once the sweep
    // runs longer than that: here it waits an hour.
    t = await startTestApp({
      OPENAI_API_KEY: 'sk-sweep',
      OPENAI_BASE_URL: model.url,
      MAIL_POLL_INTERVAL_MS: '3600000',
    });
    admin = await registerOrganization(t.api);
    const traveller = await addMember(t.api, admin, 'traveller');
    const trip = await createTrip(t.api, admin);
    const activity = await t.api.post(
      `/api/trips/${trip.id}/activities`,
      { title: 'Meeting', type: 'meeting', startsAt: '2026-03-10T10:00:00+01:00' },
      { token: admin.accessToken },
    );
    const invitation = await t.api.post(
      '/api/organizations/current/invitations',
      { email: uniqueEmail() },
      { token: admin.accessToken },
    );
    expect([activity.status, invitation.status]).toEqual([201, 201]);
    // A sandbox flight search of the trip and a confirmed booking, for /flight-searches/{id} and /bookings/{id}.
    const flight = await bookedFlight(t.api, admin.accessToken, trip.id);
    ids = {
      trips: trip.id,
      activities: activity.body.id,
      members: traveller.user.id,
      users: traveller.user.id,
      invitations: invitation.body.id,
      'flight-searches': flight.searchId,
      'stay-searches': await staySearch(t.api, admin.accessToken, trip.id),
      bookings: flight.bookingId,
      calendar: 'feed.ics',
      ...(await collaborationFixtures(t, admin, traveller, trip.id)),
    };
    walker = new OpenApiWalker((await t.api.get('/api/docs-json')).body);
    // The set-up's events are handled now, so the outbox poll writes no audit row or e-mail mid-test.
    await drainOutbox(t);
  });
  afterAll(async () => {
    await t.close();
    await model.close();
  });

  /** A's real object for each templated segment, chosen by the collection it follows. */
  function concrete(path: string, replace?: { param: string; encoded: string }): string {
    return path.replace(/\/([\w-]+)\/\{(\w+)\}/g, (_match, collection: string, param: string) => {
      if (replace?.param === param) return `/${collection}/${replace.encoded}`;
      const key = param === 'tripId' ? 'trips' : collection;
      if (!ids[key]) throw new Error(`no fixture id for ${path}`);
      return `/${collection}/${ids[key]}`;
    });
  }

  function routes(): Route[] {
    const all = walker.routes();
    return [...all.filter((route) => !LAST.test(route.path)), ...all.filter((route) => LAST.test(route.path))];
  }

  /** Required query parameters with a valid value, so a route reaches the parameter under test. */
  function requiredQuery(route: Route, except: string): string[] {
    return (route.operation.parameters ?? [])
      .filter((p) => p.in === 'query' && p.required && p.name !== except)
      .map((p) => `${p.name}=${encodeURIComponent(String(walker.sample(p.schema)))}`);
  }

  /** The mail worker updates delivery columns in the background: only which messages exist counts. */
  const DIGESTED = new Map([['outbox_messages', 'x.id']]);

  /** A digest of every table, to prove that refused requests wrote nothing. */
  async function databaseDigest(): Promise<Record<string, string>> {
    const { rows } = await t.sql.query<{ tablename: string }>(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
    );
    const digests = await Promise.all(
      rows.map(async ({ tablename }) => {
        const row = DIGESTED.get(tablename) ?? 'x';
        const result = await t.sql.query(
          `SELECT md5(coalesce(string_agg(md5(${row}::text), ',' ORDER BY md5(${row}::text)), '')) AS digest FROM "${tablename}" x`,
        );
        return [tablename, result.rows[0].digest as string] as const;
      }),
    );
    return Object.fromEntries(digests);
  }

  interface Case {
    label: string;
    send: () => Promise<ApiResponse>;
    mustBeRefused: boolean;
    /** For an accepted RTL/emoji string: the field and value the response must echo. */
    echo?: { field: string; value: string };
  }

  /** Sends the cases; returns one line per violation (empty when all is well). */
  async function run(cases: Case[], concurrency = CONCURRENCY): Promise<string[]> {
    const outcomes = await mapWithConcurrency(cases, concurrency, async (item) => {
      const response = await item.send();
      const problems: string[] = [];
      if (response.status >= 500) problems.push(`status ${response.status}`);
      if (response.status >= 400) problems.push(...errorProblems(response));
      else if (item.mustBeRefused) problems.push(`accepted with ${response.status}`);
      else if (
        item.echo &&
        typeof response.body?.[item.echo.field] === 'string' &&
        response.body[item.echo.field] !== item.echo.value.trim()
      ) {
        problems.push(`stored ${JSON.stringify(response.body[item.echo.field])}`);
      }
      return problems.map((problem) => `${item.label}: ${problem}`);
    });
    return outcomes.flat();
  }

  function bodyCases(route: Route): Case[] {
    const schema = walker.bodySchema(route.operation);
    if (!schema?.properties) return [];
    const required = new Set(schema.required ?? []);
    const base = Object.fromEntries([...required].map((name) => [name, walker.sample(schema.properties![name])]));
    const targets: { path: string[]; schema: Schema; required: boolean }[] = [];
    for (const [name, property] of Object.entries(schema.properties)) {
      const resolved = walker.resolve(property);
      targets.push({ path: [name], schema: resolved, required: required.has(name) });
      for (const [inner, innerProperty] of Object.entries(resolved.properties ?? {})) {
        targets.push({
          path: [name, inner],
          schema: walker.resolve(innerProperty),
          required: (resolved.required ?? []).includes(inner),
        });
      }
    }
    return targets.flatMap((target) => {
      const sample = walker.sample(target.schema);
      return hostileBodyValues(sample).map((hostile) => {
        const body: Record<string, any> = structuredClone(base);
        const [outer, inner] = target.path;
        if (inner === undefined) body[outer] = hostile.value;
        else
          body[outer] = {
            ...(body[outer] ?? (walker.sample(schema.properties![outer]) as object)),
            [inner]: hostile.value,
          };
        const accepted = hostile.mayBeAccepted({
          sample,
          required: target.required,
          nullable: target.schema.nullable === true,
        });
        const isText = hostile.value === RTL_TEXT || hostile.value === EMOJI_TEXT;
        return {
          label: `${route.method} ${route.path} ${target.path.join('.')} = ${hostile.name}`,
          mustBeRefused: !accepted,
          echo: isText && inner === undefined ? { field: outer, value: hostile.value as string } : undefined,
          send: () =>
            t.api.request(route.method, concrete(route.path), {
              token: admin.accessToken,
              rawBody: JSON.stringify(body),
              headers: { 'content-type': 'application/json' },
            }),
        };
      });
    });
  }

  // Every field of every route: it grows with the API, past the default 60 s on a busy machine.
  it('answers every hostile body field of every route without a 500, refusing what it must and writing nothing then', async () => {
    const withBody = routes().filter((route) => walker.bodySchema(route.operation)?.properties);
    expect(withBody.length).toBeGreaterThanOrEqual(20);
    const violations: string[] = [];
    let sent = 0;
    for (const route of withBody) {
      const cases = bodyCases(route);
      sent += cases.length;
      // First what must be refused, with the database compared around it; then what may be accepted.
      const before = await databaseDigest();
      violations.push(...(await run(cases.filter((item) => item.mustBeRefused))));
      const after = await databaseDigest();
      for (const table of Object.keys(before)) {
        if (before[table] !== after[table])
          violations.push(`${route.method} ${route.path}: refused requests changed table ${table}`);
      }
      violations.push(...(await run(cases.filter((item) => !item.mustBeRefused && !item.echo))));
      // One at a time: a concurrent write to the same row would answer with the other value.
      violations.push(
        ...(await run(
          cases.filter((item) => item.echo),
          1,
        )),
      );
    }
    expect(sent).toBeGreaterThan(1000);
    expect(violations).toEqual([]);
    // Thousands of requests, growing with every route: about 3 min here, twice that on a loaded CI machine.
  }, 480_000);

  it('refuses deep nesting and prototype keys as a whole body on every JSON route (400), writing nothing', async () => {
    const withBody = routes().filter((route) => walker.bodySchema(route.operation));
    const bodies = [
      { name: 'nested 3,000 levels', raw: deeplyNestedJson(3000) },
      { name: 'object nested 100 levels', raw: '{"a":'.repeat(100) + '1' + '}'.repeat(100) },
      { name: '__proto__ key', raw: '{"__proto__": {"role": "admin"}}' },
      { name: 'constructor.prototype key', raw: '{"constructor": {"prototype": {"role": "admin"}}}' },
    ];
    const before = await databaseDigest();
    const cases: Case[] = withBody.flatMap((route) =>
      bodies.map((body) => ({
        label: `${route.method} ${route.path} ${body.name}`,
        mustBeRefused: true,
        send: () =>
          t.api.request(route.method, concrete(route.path), {
            token: admin.accessToken,
            rawBody: body.raw,
            headers: { 'content-type': 'application/json' },
          }),
      })),
    );
    const violations = await run(cases);
    expect(violations).toEqual([]);
    expect(await databaseDigest()).toEqual(before);
  });

  it('answers every hostile query parameter without a 500 and refuses NUL bytes (400)', async () => {
    const cases: Case[] = routes().flatMap((route) =>
      (route.operation.parameters ?? [])
        .filter((parameter) => parameter.in === 'query')
        .flatMap((parameter) =>
          HOSTILE_QUERY_VALUES.map((hostile) => {
            const query = [
              ...requiredQuery(route, parameter.name),
              ...hostile.encoded.map((value) => `${parameter.name}=${value}`),
            ].join('&');
            return {
              label: `${route.method} ${route.path}?${parameter.name} = ${hostile.name}`,
              mustBeRefused: hostile.mustBeRefused,
              send: () => t.api.request(route.method, `${concrete(route.path)}?${query}`, { token: admin.accessToken }),
            };
          }),
        ),
    );
    const unknownKeys: Case[] = routes()
      .filter((route) => route.method === 'GET' && (route.operation.parameters ?? []).some((p) => p.in === 'query'))
      .flatMap((route) =>
        ['__proto__', 'constructor', 'a%00b'].map((key) => ({
          label: `${route.method} ${route.path}?${key}=1`,
          mustBeRefused: true,
          send: () =>
            t.api.request(
              route.method,
              `${concrete(route.path)}?${[...requiredQuery(route, ''), `${key}=1`].join('&')}`,
              { token: admin.accessToken },
            ),
        })),
      );
    expect(cases.length).toBeGreaterThanOrEqual(200);
    expect(await run([...cases, ...unknownKeys])).toEqual([]);
  });

  it('answers every hostile path segment without a 500 (4xx with the error shape), writing nothing', async () => {
    const before = await databaseDigest();
    const cases: Case[] = routes().flatMap((route) =>
      [...route.path.matchAll(/\{(\w+)\}/g)].flatMap(([, param]) =>
        HOSTILE_PATH_SEGMENTS.map((hostile) => {
          const schema = walker.bodySchema(route.operation);
          return {
            label: `${route.method} ${route.path} {${param}} = ${hostile.name}`,
            mustBeRefused: true,
            send: () =>
              t.api.request(route.method, concrete(route.path, { param, encoded: hostile.encoded }), {
                token: admin.accessToken,
                body: schema ? walker.body(schema) : undefined,
              }),
          };
        }),
      ),
    );
    expect(cases.length).toBeGreaterThanOrEqual(100);
    expect(await run(cases)).toEqual([]);
    expect(await databaseDigest()).toEqual(before);
  });
});

/** Each finding of issue 7 §1 on its own, as reported. */
describe('Bad input is a 400, never a 500: the reported cases', () => {
  let t: TestApp;
  let admin: Session;
  let trip: any;
  let activityId: string;
  let travellerId: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await registerOrganization(t.api);
    travellerId = (await addMember(t.api, admin, 'traveller')).user.id;
    trip = await createTrip(t.api, admin);
    const activity = await t.api.post(
      `/api/trips/${trip.id}/activities`,
      { title: 'Meeting', type: 'meeting', startsAt: '2026-03-10T10:00:00+01:00' },
      { token: admin.accessToken },
    );
    activityId = activity.body.id;
  });
  afterAll(() => t.close());

  const as = () => ({ token: admin.accessToken });

  function expectRefused(response: ApiResponse | RawResponse, status = 400): void {
    expect({ status: response.status, problems: errorProblems(response) }).toEqual({ status, problems: [] });
  }

  it('refuses NUL bytes in queries and bodies with 400', async () => {
    const org = `/api/organizations/current`;
    for (const response of [
      await t.api.get('/api/trips?q=%00', as()),
      await t.api.get('/api/audit?action=%00', as()),
      await t.api.post('/api/trips', { ...trip, id: undefined, title: 'a\u0000' }, as()),
      await t.api.patch(`/api/trips/${trip.id}`, { destinationCountry: 'Ger\u0000many' }, as()),
      await t.api.patch(`/api/trips/${trip.id}`, { purpose: '\u0000' }, as()),
      await t.api.patch(`/api/activities/${activityId}`, { notes: 'x\u0000' }, as()),
      await t.api.patch(`/api/activities/${activityId}`, { bookingReference: 'LH\u0000' }, as()),
      await t.api.patch(org, { name: 'Acme\u0000' }, as()),
      await t.api.post('/api/auth/register', {
        email: uniqueEmail(),
        password: 'violet tractor umbrella 42',
        name: 'N\u0000',
        organizationName: 'O',
      }),
    ]) {
      expectRefused(response);
      expect(response.body.code).toBe('ILL_FORMED_TEXT');
    }
  });

  it('refuses explicit null for required fields in PATCH bodies with 400, changing nothing', async () => {
    const cases: [string, Record<string, unknown>][] = [
      ...['title', 'destination', 'startDate', 'endDate'].map(
        (field) => [`/api/trips/${trip.id}`, { [field]: null }] as [string, Record<string, unknown>],
      ),
      [`/api/activities/${activityId}`, { title: null }],
      [`/api/activities/${activityId}`, { timezone: null }],
      ['/api/organizations/current', { name: null }],
      [`/api/organizations/current/members/${travellerId}`, { role: null }],
      [`/api/organizations/current/members/${travellerId}`, { active: null }],
    ];
    const before = (await t.sql.query('SELECT t.*, a.* FROM trips t JOIN activities a ON a.trip_id = t.id')).rows;
    for (const [path, body] of cases) {
      const response = await t.api.patch(path, body, as());
      expectRefused(response);
      const field = Object.keys(body)[0];
      expect(response.body.errors).toContainEqual({ field, code: 'REQUIRED', message: expect.stringContaining(field) });
    }
    expectRefused(
      await t.api.post('/api/organizations/current/invitations', { email: uniqueEmail(), role: null }, as()),
    );
    expect((await t.sql.query('SELECT t.*, a.* FROM trips t JOIN activities a ON a.trip_id = t.id')).rows).toEqual(
      before,
    );
    // Nullable fields can still be cleared.
    const cleared = await t.api.patch(`/api/trips/${trip.id}`, { purpose: null }, as());
    expect({ status: cleared.status, purpose: cleared.body.purpose }).toEqual({ status: 200, purpose: null });
  });

  it('refuses an e-mail with a lone UTF-16 surrogate with 400 on login, register and invitations', async () => {
    const email = '\ud800x@a.test';
    expectRefused(await t.api.post('/api/auth/login', { email, password: 'whatever password' }));
    expectRefused(
      await t.api.post('/api/auth/register', {
        email,
        password: 'violet tractor umbrella 42',
        name: 'N',
        organizationName: 'O',
      }),
    );
    expectRefused(await t.api.post('/api/organizations/current/invitations', { email }, as()));
    expectRefused(
      await t.api.post('/api/auth/login', { ['\udc00']: 1, email: 'a@b.test', password: 'whatever password' }),
    );
  });

  it('refuses JSON nested 3,000 levels with 400 on unauthenticated routes too', async () => {
    for (const path of ['/api/auth/login', '/api/auth/register', '/api/auth/refresh', '/api/trips']) {
      const response = await t.api.post(path, undefined, {
        ...as(),
        rawBody: `{"email":${deeplyNestedJson(3000)}}`,
        headers: { 'content-type': 'application/json' },
      });
      expectRefused(response);
      expect(response.body.code).toBe('JSON_TOO_DEEP');
    }
    // Ordinary nesting and brackets inside strings are fine.
    const budget = await t.api.patch(
      `/api/trips/${trip.id}`,
      { purpose: '[[[[{{{{'.repeat(20), budget: { amount: '2500.00', currency: 'EUR' } },
      as(),
    );
    expect(budget.status).toBe(200);
  });

  it('refuses form-encoded bodies with 415 and creates nothing (S20)', async () => {
    const count = async () => Number((await t.sql.query('SELECT count(*) FROM trips')).rows[0].count);
    const before = await count();
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    expectRefused(
      await t.api.post('/api/trips', undefined, {
        ...as(),
        rawBody: 'title=Form&destination=Berlin&startDate=2026-03-09&endDate=2026-03-10',
        headers: form,
      }),
      415,
    );
    expectRefused(
      await t.api.post('/api/auth/register', undefined, {
        rawBody: `email=${uniqueEmail()}&password=violet+tractor+umbrella+42&name=F&organizationName=F`,
        headers: form,
      }),
      415,
    );
    expectRefused(
      await t.api.post('/api/trips', undefined, {
        ...as(),
        rawBody: '--x\r\n',
        headers: { 'content-type': 'multipart/form-data; boundary=x' },
      }),
      415,
    );
    expect(await count()).toBe(before);
  });

  it('stores currencies and time zones in their canonical spelling, and refuses what is neither', async () => {
    const created = await createTrip(t.api, admin, {
      timezone: 'europe/berlin',
      budget: { amount: '100.00', currency: 'eur' },
    });
    expect({ timezone: created.timezone, budget: created.budget }).toEqual({
      timezone: 'Europe/Berlin',
      budget: { amount: '100.00', currency: 'EUR' },
    });
    const stored = (await t.sql.query('SELECT timezone, budget_currency FROM trips WHERE id = $1', [created.id]))
      .rows[0];
    expect(stored).toEqual({ timezone: 'Europe/Berlin', budget_currency: 'EUR' });
    const activity = await t.api.post(
      `/api/trips/${created.id}/activities`,
      {
        title: 'Call',
        type: 'meeting',
        startsAt: '2026-03-10T10:00:00+01:00',
        timezone: 'asia/KOLKATA',
        cost: { amount: '1.00', currency: 'eur' },
      },
      as(),
    );
    expect({ status: activity.status, timezone: activity.body.timezone, cost: activity.body.cost?.currency }).toEqual({
      status: 201,
      timezone: 'Asia/Kolkata',
      cost: 'EUR',
    });
    const alias = await t.api.patch(`/api/activities/${activity.body.id}`, { timezone: 'us/eastern' }, as());
    expect(alias.body.timezone).toBe('America/New_York');
    const policy = await t.api.get('/api/organizations/current/policy', as());
    const { updatedAt: _updatedAt, ...body } = policy.body;
    const put = await t.api.put('/api/organizations/current/policy', { ...body, currency: 'chf' }, as());
    expect({ status: put.status, currency: put.body.currency }).toEqual({ status: 200, currency: 'CHF' });
    expectRefused(await t.api.patch(`/api/trips/${created.id}`, { timezone: 'Mars/Olympus' }, as()));
    expectRefused(await t.api.patch(`/api/trips/${created.id}`, { budget: { amount: '1.00', currency: 'xyz' } }, as()));
  });

  it("answers Fastify's routing errors with the error shape and security headers (S18)", async () => {
    const badUrl = await t.api.get('/api/trips/%ff', as());
    expectRefused(badUrl);
    expect(badUrl.body).toMatchObject({ code: 'MALFORMED_REQUEST', message: 'The URL is not valid' });
    const longSegment = await t.api.get(`/api/trips/${'x'.repeat(300)}`, as());
    expectRefused(longSegment, 414);
    expect(longSegment.body.code).toBe('URI_TOO_LONG');
    const withRequestId = await t.api.get('/api/trips/%ff', { headers: { 'x-request-id': 'probe-fst' } });
    expect(withRequestId.body.requestId).toBe('probe-fst');
  });

  it('answers malformed HTTP (unknown method, NUL in a header, 431) with the error shape and security headers', async () => {
    const host = `Host: ${new URL(t.baseUrl).host}\r\n`;
    expectRefused(await rawHttp(t.baseUrl, `BREW /api/health HTTP/1.1\r\n${host}\r\n`));
    expectRefused(await rawHttp(t.baseUrl, `GET /api/health HTTP/1.1\r\n${host}X-Evil: a\u0000b\r\n\r\n`));
    expectRefused(
      await rawHttp(t.baseUrl, `GET /api/health HTTP/1.1\r\n${host}X-Big: ${'a'.repeat(20_000)}\r\n\r\n`),
      431,
    );
    expectRefused(await rawHttp(t.baseUrl, `GET /${'a'.repeat(20_000)} HTTP/1.1\r\n${host}\r\n`), 431);
  });
});

describe('Slow clients are timed out (408)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ HTTP_REQUEST_TIMEOUT_MS: '1500', HTTP_HEADERS_TIMEOUT_MS: '1000' });
  });
  afterAll(() => t.close());

  const host = () => `Host: ${new URL(t.baseUrl).host}\r\n`;

  it('times out a body sent one byte at a time, with the error shape and headers', async () => {
    const body = JSON.stringify({ email: 'slow@example.com', password: 'a long enough password' });
    const head = `POST /api/auth/login HTTP/1.1\r\n${host()}Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
    const started = Date.now();
    const response = await rawHttp(t.baseUrl, [head, ...body.split('')], 200);
    expect(response.status).toBe(408);
    expect(errorProblems(response)).toEqual([]);
    expect(Date.now() - started).toBeLessThan(body.length * 200);
  });

  it('times out headers sent one line at a time', async () => {
    const lines = [
      'GET /api/health HTTP/1.1\r\n',
      host(),
      ...Array.from({ length: 30 }, (_, i) => `X-Slow-${i}: 1\r\n`),
      '\r\n',
    ];
    const response = await rawHttp(t.baseUrl, lines, 200);
    expect(response.status).toBe(408);
    expect(errorProblems(response)).toEqual([]);
  });
});
