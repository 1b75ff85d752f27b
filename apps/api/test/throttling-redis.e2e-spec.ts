import { randomBytes } from 'node:crypto';
import { registerOrganization, Session } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';
import { createTestDatabase } from './support/test-database';

const LIMITS = { THROTTLE_AUTH_ACCOUNT_LIMIT: '4', THROTTLE_AUTH_IP_LIMIT: '1000', THROTTLE_AUTH_TTL_SECONDS: '60' };

/**
 * Rate-limit counters shared by every process through Redis (SECURITY.md S11/S14 with two
 * workers), and the documented Redis-outage policy (R6: fail open to per-process counters).
 * The shared-counter case needs a real Redis: it runs when REDIS_URL is set (CI sets it).
 */
const withRedis = process.env.REDIS_URL ? describe : describe.skip;

withRedis('Rate limits shared across two app instances through Redis', () => {
  let first: TestApp;
  let second: TestApp;
  let admin: Session;

  beforeAll(async () => {
    const database = await createTestDatabase();
    const shared = { ...LIMITS, REDIS_URL: process.env.REDIS_URL!, THROTTLE_KEY_PREFIX: `nestmap-test:${randomBytes(6).toString('hex')}:` };
    first = await startTestApp(shared, database);
    second = await startTestApp(shared, database);
    admin = await registerOrganization(first.api);
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  it('counts attempts on one account across both instances: the 5th is 429, not the 9th', async () => {
    const attempt = (app: TestApp) => app.api.post('/api/auth/login', { email: admin.user.email, password: 'wrong password here' });
    const statuses: number[] = [];
    for (const app of [first, second, first, second, first]) statuses.push((await attempt(app)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    const blocked = await attempt(second);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('Redis outage policy', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Nothing listens on port 1: every Redis command fails at once.
    t = await startTestApp({ ...LIMITS, REDIS_URL: 'redis://127.0.0.1:1' });
  });
  afterAll(() => t.close());

  it('fails open to per-process counters: no 500, no hang, limits still enforced', async () => {
    const admin = await registerOrganization(t.api);
    const started = Date.now();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      statuses.push((await t.api.post('/api/auth/login', { email: admin.user.email, password: 'wrong password here' })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    expect(Date.now() - started).toBeLessThan(5000);
    expect((await t.api.get('/api/organizations/current', { token: admin.accessToken })).status).toBe(200);
  });
});
