import { DataSource } from 'typeorm';
import { startTestApp, TestApp } from './support/test-app';

describe('Health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('returns the seed shape with 200 when the database answers', async () => {
    const response = await t.api.get('/api/health');
    expect(response.status).toBe(200);
    expect(Object.keys(response.body).sort()).toEqual(['database', 'memory', 'status', 'timestamp', 'uptime']);
    expect(response.body).toMatchObject({ status: 'healthy', database: 'connected' });
    expect(Number.isInteger(response.body.uptime)).toBe(true);
    expect(Object.keys(response.body.memory).sort()).toEqual(['total', 'used']);
    expect(new Date(response.body.timestamp).toISOString()).toBe(response.body.timestamp);
  });

  it('reports readiness with the database probe, and liveness without it', async () => {
    const ready = await t.api.get('/api/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
    expect((await t.api.get('/api/health/live')).body).toMatchObject({ status: 'ok', info: {} });
  });

  it('probes over a connection of its own: a pool with every connection busy does not make it unhealthy', async () => {
    const busy = await startTestApp({ DB_POOL_SIZE: '1', DB_CONNECT_TIMEOUT_MS: '2000' });
    try {
      // The only pooled connection is busy for 1.5 s; a probe queued behind it would time out (1 s).
      const runner = busy.app.get(DataSource).createQueryRunner();
      await runner.connect();
      const sleeping = runner.query('SELECT pg_sleep(1.5)');
      const health = await busy.api.get('/api/health');
      await sleeping;
      await runner.release();
      expect(health.status).toBe(200);
      expect(health.body).toMatchObject({ database: 'connected' });
    } finally {
      await busy.close();
    }
  });
});
