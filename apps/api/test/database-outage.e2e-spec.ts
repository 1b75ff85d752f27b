import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createTrip, registerOrganization, Session } from './support/factories';
import { OpenApiDocument, OpenApiWalker } from './support/openapi-document';
import { startTestApp, TestApp } from './support/test-app';
import { ADMIN_URL_ENV, createTestDatabase } from './support/test-database';
import { TcpProxy, throughProxy } from './support/tcp-proxy';

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = Date.now();
  const result = await work();
  return { result, ms: Date.now() - started };
}

/** Polls `path` until it answers 200 (the app reconnects by itself) or `ms` pass; returns the last status. */
async function statusWithin(t: TestApp, path: string, token: string | undefined, ms: number): Promise<number> {
  const deadline = Date.now() + ms;
  let status = 0;
  while (Date.now() < deadline && status !== 200) {
    status = (await t.api.get(path, { token })).status;
    if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return status;
}

/** docs/security.md R4/R5: a dead or frozen database gives fast 503s, and the app recovers by itself. */
describe('Database outage', () => {
  let t: TestApp;
  let proxy: TcpProxy;
  let session: Session;

  beforeAll(async () => {
    const database = await createTestDatabase();
    const target = new URL(database.url);
    proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
    const port = await proxy.start();
    t = await startTestApp(
      { DB_CONNECT_TIMEOUT_MS: '1000', DB_STATEMENT_TIMEOUT_MS: '1000' },
      { url: throughProxy(database.url, port), directUrl: database.url },
    );
    session = await registerOrganization(t.api);
  });
  afterAll(async () => {
    proxy.restore();
    await t.close();
    await proxy.stop();
  });

  it('answers 200 while the database is up', async () => {
    expect((await t.api.get('/api/health')).status).toBe(200);
    expect((await t.api.get('/api/organizations/current', { token: session.accessToken })).status).toBe(200);
  });

  it('answers 503 quickly when the database goes down, with liveness still 200', async () => {
    proxy.cut();
    const health = await timed(() => t.api.get('/api/health'));
    expect(health.result.status).toBe(503);
    expect(health.result.body).toMatchObject({ status: 'unhealthy', database: 'disconnected' });
    expect(health.ms).toBeLessThan(2000);

    const route = await timed(() => t.api.get('/api/organizations/current', { token: session.accessToken }));
    expect(route.result.status).toBe(503);
    expect(route.result.headers.get('retry-after')).toBe('5');
    expect(route.result.body).toMatchObject({
      statusCode: 503,
      error: 'Service Unavailable',
      code: 'SERVICE_UNAVAILABLE',
    });
    expect(route.result.text).not.toMatch(/ECONN|at \w+ \(|SELECT|postgres:\/\//);
    expect(route.ms).toBeLessThan(2000);

    expect((await t.api.get('/api/health/ready')).status).toBe(503);
    expect((await t.api.get('/api/health/live')).status).toBe(200);
  });

  it('recovers without a restart when the database returns', async () => {
    proxy.restore();
    const deadline = Date.now() + 5000;
    let status = 0;
    while (Date.now() < deadline && status !== 200) {
      status = (await t.api.get('/api/health')).status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(status).toBe(200);
    expect((await t.api.get('/api/organizations/current', { token: session.accessToken })).status).toBe(200);
    expect((await t.api.get('/api/health/ready')).status).toBe(200);
  });

  it('answers 503 within 2 s instead of hanging when the database freezes, then recovers', async () => {
    proxy.freeze();
    const route = await timed(() => t.api.get('/api/organizations/current', { token: session.accessToken }));
    expect(route.result.status).toBe(503);
    expect(route.ms).toBeLessThan(2500);
    const health = await timed(() => t.api.get('/api/health'));
    expect(health.result.status).toBe(503);
    expect(health.ms).toBeLessThan(2000);

    proxy.restore();
    const deadline = Date.now() + 5000;
    let status = 0;
    while (Date.now() < deadline && status !== 200) {
      status = (await t.api.get('/api/organizations/current', { token: session.accessToken })).status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(status).toBe(200);
  });
});

/**
 * R4, as the outside test found it: the database refuses connections (`ALLOW_CONNECTIONS false`,
 * the app's backends terminated: SQLSTATE 55000 on every new connection). Every route of the
 * OpenAPI document, called as an admin with a valid body, answers 503 + Retry-After, never 500.
 * Only this file's own database is touched, and it is given back in afterAll.
 */
/**
 * Answers that need no database: the OpenAPI document, metrics, and a password reset request,
 * which is accepted before its work is done (so that it says nothing about the address).
 */
const DATABASE_FREE = [
  'GET /api/docs-json 200',
  'GET /api/metrics 200',
  'POST /api/auth/password-reset/request 202',
  // A token that is not one of ours (the sweep's sample body) is refused before any look-up.
  'POST /api/booking-approvals/peek 404',
  'POST /api/booking-approvals/approve 404',
  'POST /api/booking-approvals/reject 404',
  // The signature is checked before the event is read or recorded.
  'POST /api/webhooks/duffel 401',
  'POST /api/webhooks/stripe 401',
];

describe('A database that refuses connections', () => {
  let t: TestApp;
  let admin: Client;
  let session: Session;
  let database: { url: string; name: string };
  let walker: OpenApiWalker;

  const allowConnections = (allow: boolean) =>
    admin.query(`ALTER DATABASE "${database.name}" ALLOW_CONNECTIONS ${allow}`);

  beforeAll(async () => {
    database = await createTestDatabase();
    t = await startTestApp({}, database);
    session = await registerOrganization(t.api);
    walker = new OpenApiWalker((await t.api.get<OpenApiDocument>('/api/docs-json')).body);
    admin = new Client({ connectionString: process.env[ADMIN_URL_ENV] });
    await admin.connect();
  });
  afterAll(async () => {
    await allowConnections(true);
    await admin.end();
    await t.close();
  });

  /** A concrete URL for a templated path: any id will do, the database is not there to find it. */
  const concrete = (path: string) =>
    path
      .replace('{file}', `${randomBytes(32).toString('base64url')}.ics`)
      .replace('{token}', randomBytes(32).toString('base64url'))
      .replace(/\{\w+\}/g, '00000000-0000-4000-8000-000000000000');

  it('answers 503 + Retry-After on every route that needs it, never 500, and /api/health/live stays 200', async () => {
    await allowConnections(false);
    // The test's own connection (t.sql) has no application name and stays; the app's pool loses all of its connections.
    await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name = 'nestmap-api'`,
      [database.name],
    );

    const routes = walker.routes().filter(({ path }) => path !== '/api/health/live');
    expect(routes.length).toBeGreaterThan(30);
    const answers: string[] = [];
    for (const { method, path, operation } of routes) {
      const schema = walker.bodySchema(operation);
      const response = await t.api.request(method, concrete(path), {
        token: session.accessToken,
        body: schema && walker.body(schema),
      });
      answers.push(`${method} ${path} ${response.status} ${response.headers.get('retry-after')}`);
      if (
        response.status === 503 &&
        response.headers.get('content-type')?.includes('application/json') &&
        'statusCode' in response.body
      ) {
        expect(response.body).toMatchObject({
          statusCode: 503,
          error: 'Service Unavailable',
          requestId: expect.any(String),
        });
      }
    }
    // Health answers 503 for probes; answers that need no database may be given; all else is 503 + Retry-After.
    const expected = (answer: string) =>
      / 503 5$/.test(answer) ||
      /^GET \/api\/health(\/ready)? 503/.test(answer) ||
      DATABASE_FREE.some((route) => answer.startsWith(`${route} `));
    expect(answers.filter((answer) => !expected(answer))).toEqual([]);
    expect((await t.api.get('/api/health/ready')).body).toMatchObject({
      status: 'error',
      error: { database: { status: 'down' } },
    });
    expect((await t.api.get('/api/health/live')).status).toBe(200);
  });

  it('serves again as soon as the database accepts connections, without a restart', async () => {
    await allowConnections(true);
    expect(await statusWithin(t, '/api/organizations/current', session.accessToken, 5000)).toBe(200);
    expect((await t.api.get('/api/health')).status).toBe(200);
  });
});

/**
 * R4: one locked table fails only the requests that need it. Requests waiting on the lock give
 * their pooled connection back after `lock_timeout` (503 + Retry-After), so other routes still get
 * connections, and the health probe does not queue for the pool at all.
 */
describe('A locked table', () => {
  const POOL_SIZE = 4;
  let t: TestApp;
  let session: Session;

  beforeAll(async () => {
    // A statement timeout far above the lock timeout (1 s, the default) tells the two apart even on a busy machine.
    // /api/auth/me and /organizations/current queue for a connection until the lock waits give theirs
    // back (about 1 s): a 5 s wait for the pool, not the default 2 s, keeps a busy machine from failing them.
    t = await startTestApp({
      DB_POOL_SIZE: String(POOL_SIZE),
      DB_STATEMENT_TIMEOUT_MS: '10000',
      DB_CONNECT_TIMEOUT_MS: '5000',
    });
    session = await registerOrganization(t.api);
    await createTrip(t.api, session);
  });
  afterAll(() => t.close());

  it('answers 503 + Retry-After within the lock timeout for trips, while /api/auth/me, /api/organizations/current and /api/health answer 200', async () => {
    const token = session.accessToken;
    await t.sql.query('BEGIN');
    try {
      await t.sql.query('LOCK TABLE trips IN ACCESS EXCLUSIVE MODE');
      // More trip listings than the pool has connections: every connection ends up waiting on the lock.
      const trips = Array.from({ length: POOL_SIZE + 2 }, () => timed(() => t.api.get('/api/trips', { token })));
      await new Promise((resolve) => setTimeout(resolve, 200));
      const [me, organization, health] = await Promise.all([
        t.api.get('/api/auth/me', { token }),
        t.api.get('/api/organizations/current', { token }),
        t.api.get('/api/health'),
      ]);
      expect([me.status, organization.status, health.status]).toEqual([200, 200, 200]);
      for (const { result, ms } of await Promise.all(trips)) {
        expect(result.status).toBe(503);
        expect(result.headers.get('retry-after')).toBe('5');
        // Two rounds of the 1 s lock timeout (about 2 s), far from the 10 s statement timeout.
        expect(ms).toBeLessThan(5000);
      }
    } finally {
      await t.sql.query('ROLLBACK');
    }
    expect((await t.api.get('/api/trips', { token })).status).toBe(200);
  });
});
