import { freePort } from '../src/database/ports';
import { createTrip, registerOrganization, Session, uniqueEmail } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

const METRICS_TOKEN = 'metrics-scraper-token-0123456789abcdef';

/** The value of one sample line of the Prometheus text format, or undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = match[2] ? match[2].split(',') : [];
    if (wanted.every((label) => present.includes(label))) return Number(match[3]);
  }
  return undefined;
}

describe('Prometheus metrics (/api/metrics)', () => {
  let t: TestApp;
  let admin: Session;
  let workerPort: number;

  beforeAll(async () => {
    const basePort = await freePort();
    workerPort = basePort + 1;
    // Behind a trusted proxy, X-Forwarded-For stands in for a remote scraper's address.
    t = await startTestApp({
      TRUST_PROXY: '127.0.0.1',
      METRICS_TOKEN,
      METRICS_PORT: String(basePort),
      NODE_APP_INSTANCE: '1',
    });
    admin = await registerOrganization(t.api);
  });
  afterAll(() => t.close());

  it('reports request durations by route template, never by raw path', async () => {
    const trip = await createTrip(t.api, admin);
    expect((await t.api.get(`/api/trips/${trip.id}`, { token: admin.accessToken })).status).toBe(200);
    expect((await t.api.get('/api/no-such-route/12345')).status).toBe(404);

    const response = await t.api.get('/api/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = response.text;
    expect(
      sample(text, 'nestmap_http_request_duration_seconds_count', {
        method: 'GET',
        route: '/api/trips/:id',
        status_code: '200',
      }),
    ).toBe(1);
    expect(
      sample(text, 'nestmap_http_request_duration_seconds_count', {
        method: 'POST',
        route: '/api/trips',
        status_code: '201',
      }),
    ).toBe(1);
    expect(
      sample(text, 'nestmap_http_request_duration_seconds_count', {
        method: 'GET',
        route: 'unmatched',
        status_code: '404',
      }),
    ).toBe(1);
    expect(text).not.toContain(trip.id);
    expect(text).not.toContain('no-such-route');
  });

  it('reports database query durations, the pool and the outbox backlog', async () => {
    await t.api.post(
      '/api/organizations/current/invitations',
      { email: uniqueEmail('invitee'), role: 'traveller' },
      { token: admin.accessToken },
    );
    const { rows } = await t.sql.query(`SELECT count(*)::int AS pending FROM outbox_messages WHERE status = 'pending'`);
    expect(rows[0].pending).toBeGreaterThan(0);

    const text = (await t.api.get('/api/metrics')).text;
    expect(sample(text, 'nestmap_db_query_duration_seconds_count')).toBeGreaterThan(0);
    expect(sample(text, 'nestmap_db_pool_connections', { state: 'total' })).toBeGreaterThan(0);
    expect(sample(text, 'nestmap_db_pool_waiting_requests')).toBe(0);
    expect(sample(text, 'nestmap_database_up')).toBe(1);
    expect(sample(text, 'nestmap_outbox_pending_messages')).toBe(rows[0].pending);
    expect(sample(text, 'nestmap_outbox_oldest_pending_age_seconds')).toBeGreaterThan(0);
    expect(sample(text, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('is hidden from remote callers unless they present METRICS_TOKEN', async () => {
    const remote = { 'x-forwarded-for': '203.0.113.7' };
    const hidden = await t.api.get('/api/metrics', { headers: remote });
    expect(hidden.status).toBe(404);
    expect(hidden.text).not.toContain('nestmap_');
    expect(
      (await t.api.get('/api/metrics', { headers: { ...remote, authorization: `Bearer ${METRICS_TOKEN}x` } })).status,
    ).toBe(404);

    const allowed = await t.api.get('/api/metrics', {
      headers: { ...remote, authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(allowed.status).toBe(200);
    expect(allowed.text).toContain('nestmap_http_request_duration_seconds');
  });

  it("serves this worker's metrics on METRICS_PORT + its PM2 instance number, on loopback", async () => {
    const response = await fetch(`http://127.0.0.1:${workerPort}/metrics`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(
      'nestmap_http_request_duration_seconds_count{method="GET",route="/api/metrics"',
    );
    expect((await fetch(`http://127.0.0.1:${workerPort}/other`)).status).toBe(404);
  });
});
