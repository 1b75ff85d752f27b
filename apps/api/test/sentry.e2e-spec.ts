import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from '../src/database/ports';
import { ApiClient } from './support/api-client';
import { FakeSentry } from './support/fake-sentry';
import { createTrip, registerOrganization, Session } from './support/factories';
import { TEST_SECRETS } from './support/test-app';
import { createTestDatabase } from './support/test-database';

async function until(ready: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready().catch(() => false))) {
    if (Date.now() > deadline) throw new Error('the API did not start');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * The process entry (src/index.ts) with SENTRY_DSN pointing at a local server that speaks Sentry's
 * envelope format. It runs in a child process: Sentry instruments the process it is initialised in
 * for good, which must not leak into the other test files of a jest worker.
 */
describe('Sentry error reporting (SENTRY_DSN)', () => {
  const sentry = new FakeSentry();
  let api: ApiClient;
  let sql: Client;
  let child: ChildProcess;
  let admin: Session;

  beforeAll(async () => {
    const dsn = await sentry.start();
    const { url } = await createTestDatabase();
    const port = await freePort();
    child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, '../src/index.ts')], {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        ...TEST_SECRETS,
        DATABASE_URL: url,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        SENTRY_DSN: dsn,
        SENTRY_RELEASE: 'nestmap@9.9.9-test',
        MAIL_POLL_INTERVAL_MS: '60000',
      },
      stdio: 'ignore',
    });
    api = new ApiClient(`http://127.0.0.1:${port}`);
    await until(async () => (await api.get('/api/health/live')).status === 200, 90_000);
    sql = new Client({ connectionString: url });
    await sql.connect();
    admin = await registerOrganization(api, { name: 'Grace Reporter' });
  }, 120_000);

  afterAll(async () => {
    await sql?.end();
    if (child?.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await sentry.stop();
  });

  /** Sentry sends in the background: wait for what the child has reported. */
  async function events(count: number) {
    await until(async () => sentry.events().length >= count, 10_000).catch(() => undefined);
    return sentry.events();
  }

  it('reports an unhandled error with the request id and release, and no personal data', async () => {
    const trip = await createTrip(api, admin, { title: 'Visit grace@customer.test' });
    // An unexpected failure whose message quotes the row, as PostgreSQL's messages can: a trigger
    // (say, left by a bad manual change) raising an error that quotes the purpose being written.
    await sql.query(`CREATE FUNCTION sentry_test_boom() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'cannot store %', NEW.purpose; END $$`);
    await sql.query(
      'CREATE TRIGGER sentry_test_boom BEFORE UPDATE ON trips FOR EACH ROW EXECUTE FUNCTION sentry_test_boom()',
    );
    const response = await api.patch(
      `/api/trips/${trip.id}?email=${encodeURIComponent(admin.user.email)}`,
      { purpose: 'Secret plan of grace@customer.test' },
      { token: admin.accessToken },
    );
    await sql.query('DROP TRIGGER sentry_test_boom ON trips; DROP FUNCTION sentry_test_boom()');
    expect(response.status).toBe(500);
    expect(response.body).toEqual({
      statusCode: 500,
      message: 'Internal server error',
      error: 'Internal Server Error',
      code: 'INTERNAL_ERROR',
      requestId: expect.any(String),
    });

    const received = await events(1);
    expect(received).toHaveLength(1);
    const [{ payload, raw }] = received;
    expect(payload.release).toBe('nestmap@9.9.9-test');
    expect(payload.environment).toBe('test');
    expect(payload.tags).toMatchObject({ requestId: response.body.requestId });
    // The database error arrives as its SQLSTATE and where it happened, with our stack frames.
    expect(payload.exception.values[0]).toMatchObject({ type: 'QueryFailedError', value: 'sqlstate P0001' });
    expect(payload.exception.values[0].stacktrace.frames.length).toBeGreaterThan(1);
    expect(sentry.envelopes[0].auth).toContain('sentry_key=public0123456789abcdef');
    for (const personal of [
      admin.user.email,
      'grace@customer.test',
      admin.accessToken,
      admin.refreshToken,
      'Secret plan',
      'Grace Reporter',
    ]) {
      expect(raw).not.toContain(personal);
    }
  });

  it('does not report expected client errors (4xx)', async () => {
    const before = sentry.events().length;
    expect(
      (await api.get('/api/trips/00000000-0000-4000-8000-000000000000', { token: admin.accessToken })).status,
    ).toBe(404);
    expect((await api.post('/api/trips', { title: '' }, { token: admin.accessToken })).status).toBe(400);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(sentry.events()).toHaveLength(before);
  });
});
