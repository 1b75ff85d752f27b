import { registerOrganization, Session } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';
import { createTestDatabase } from './support/test-database';
import { TcpProxy, throughProxy } from './support/tcp-proxy';

/** SECURITY.md R4/R5: a dead or frozen database gives fast 503s, and the app recovers by itself. */
describe('Database outage', () => {
  let t: TestApp;
  let proxy: TcpProxy;
  let session: Session;

  beforeAll(async () => {
    const database = await createTestDatabase();
    const target = new URL(database.url);
    proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
    const port = await proxy.start();
    t = await startTestApp({ DB_CONNECT_TIMEOUT_MS: '1000', DB_STATEMENT_TIMEOUT_MS: '1000' }, { url: throughProxy(database.url, port), directUrl: database.url });
    session = await registerOrganization(t.api);
  });
  afterAll(async () => {
    proxy.restore();
    await t.close();
    await proxy.stop();
  });

  async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
    const started = Date.now();
    const result = await work();
    return { result, ms: Date.now() - started };
  }

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
    expect(route.result.body).toMatchObject({ statusCode: 503, error: 'Service Unavailable' });
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
