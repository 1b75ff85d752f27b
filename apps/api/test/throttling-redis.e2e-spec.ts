import { randomBytes } from 'node:crypto';
import { registerOrganization, Session, STRONG_PASSWORD } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';
import { createTestDatabase } from './support/test-database';

const LIMITS = { THROTTLE_AUTH_ACCOUNT_LIMIT: '4', THROTTLE_AUTH_IP_LIMIT: '1000', THROTTLE_AUTH_TTL_SECONDS: '60' };
const WRONG_PASSWORD = 'wrong password here';

/**
 * Rate-limit counters shared by every process through Redis (docs/security.md S11/S14 with two
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
    const shared = {
      ...LIMITS,
      REDIS_URL: process.env.REDIS_URL!,
      THROTTLE_KEY_PREFIX: `nestmap-test:${randomBytes(6).toString('hex')}:`,
      // Lets the test speak for several client addresses (X-Forwarded-For from 127.0.0.1 is believed).
      TRUST_PROXY: '127.0.0.1',
    };
    first = await startTestApp(shared, database);
    second = await startTestApp(shared, database);
    admin = await registerOrganization(first.api);
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  it('counts failed attempts on one account from one address across both instances: the 5th is 429, not the 9th', async () => {
    const attempt = (app: TestApp) =>
      app.api.post('/api/auth/login', { email: admin.user.email, password: WRONG_PASSWORD });
    const statuses: number[] = [];
    for (const app of [first, second, first, second, first]) statuses.push((await attempt(app)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    const blocked = await attempt(second);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it("shares an account's slowdown: after 4 failures from 4 addresses on both instances a new address's guess is 429 on either, and the owner still gets in", async () => {
    const victim = await registerOrganization(first.api);
    const attempt = (app: TestApp, address: string, password = WRONG_PASSWORD) =>
      app.api.post(
        '/api/auth/login',
        { email: victim.user.email, password },
        { headers: { 'x-forwarded-for': address } },
      );
    const statuses: number[] = [];
    for (const [app, address] of [
      [first, '198.51.100.1'],
      [second, '198.51.100.2'],
      [first, '198.51.100.3'],
      [second, '198.51.100.4'],
    ] as const) {
      statuses.push((await attempt(app, address)).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401]);
    expect((await attempt(first, '198.51.100.5')).status).toBe(429);
    expect((await attempt(second, '198.51.100.6')).status).toBe(429);
    expect((await attempt(second, '192.0.2.9', STRONG_PASSWORD)).status).toBe(200);
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
      statuses.push(
        (await t.api.post('/api/auth/login', { email: admin.user.email, password: WRONG_PASSWORD })).status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    expect(Date.now() - started).toBeLessThan(5000);
    expect((await t.api.get('/api/organizations/current', { token: admin.accessToken })).status).toBe(200);
  });
});
