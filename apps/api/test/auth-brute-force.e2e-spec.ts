import { performance } from 'node:perf_hooks';
import type { ApiResponse } from './support/api-client';
import { registerOrganization, Session, STRONG_PASSWORD, uniqueEmail } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

/**
 * SECURITY.md S11: guessing passwords is slowed per account (even from rotating addresses) and
 * per client address, never locked out for good, and an unknown e-mail cannot be told from a wrong
 * password by the answer or its timing. Small limits and a 3 s window keep the file fast; argon2
 * costs about 40 ms an attempt.
 */

const ACCOUNT_LIMIT = 10;
const IP_LIMIT = 20;
const TTL_SECONDS = 3;
const LIMITS = {
  THROTTLE_AUTH_ACCOUNT_LIMIT: String(ACCOUNT_LIMIT),
  THROTTLE_AUTH_IP_LIMIT: String(IP_LIMIT),
  THROTTLE_AUTH_TTL_SECONDS: String(TTL_SECONDS),
};
const WRONG_PASSWORD = 'definitely not the password';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function loginAs(t: TestApp, email: string, password: string, forwardedFor?: string): Promise<ApiResponse> {
  return t.api.post('/api/auth/login', { email, password }, forwardedFor ? { headers: { 'x-forwarded-for': forwardedFor } } : {});
}

/** 429 in the error shape, with a `Retry-After` (seconds) no longer than the window. */
function expectThrottled(response: ApiResponse): number {
  expect(response.status).toBe(429);
  expect(response.body).toEqual(expect.objectContaining({ statusCode: 429, error: 'Too Many Requests', message: expect.any(String) }));
  const retryAfter = Number(response.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(TTL_SECONDS);
  return retryAfter;
}

/**
 * Sends `count` failed logins at once and returns their statuses. Sent together, they all land in
 * the window however slow the machine is (sequentially, 20 argon2 checks can outlast a 3 s window).
 */
async function failedLogins(count: number, attempt: (index: number) => Promise<ApiResponse>): Promise<number[]> {
  const responses = await Promise.all(Array.from({ length: count }, (_, index) => attempt(index)));
  return responses.map((response) => response.status);
}

describe('Per-account limit on login (X-Forwarded-For not trusted: the default)', () => {
  let t: TestApp;
  let victim: Session;
  beforeAll(async () => {
    t = await startTestApp(LIMITS);
    victim = await registerOrganization(t.api);
  });
  afterAll(() => t.close());

  it(`answers attempt ${ACCOUNT_LIMIT + 1} on one account with 429 + Retry-After, whatever X-Forwarded-For says; after the window the real password works`, async () => {
    const statuses = await failedLogins(ACCOUNT_LIMIT, (i) => loginAs(t, victim.user.email, WRONG_PASSWORD, `198.51.100.${i + 1}`));
    expect(statuses).toEqual(Array(ACCOUNT_LIMIT).fill(401));

    // Even the right password, from yet another claimed address and in another letter case, is refused now.
    const blocked = await loginAs(t, victim.user.email.toUpperCase(), STRONG_PASSWORD, '203.0.113.99');
    const retryAfter = expectThrottled(blocked);
    expectThrottled(await loginAs(t, victim.user.email, STRONG_PASSWORD, '192.0.2.1, 192.0.2.2'));

    // Per account, not per address: another account from the same client is still only told 401.
    expect((await loginAs(t, uniqueEmail('bystander'), WRONG_PASSWORD)).status).toBe(401);

    // No permanent lockout: once the window has passed the owner gets in.
    await sleep(retryAfter * 1000 + 250);
    const after = await loginAs(t, victim.user.email, STRONG_PASSWORD);
    expect(after.status).toBe(200);
    expect(after.body.user.id).toBe(victim.user.id);
  });
});

describe('Per-IP limit on login (X-Forwarded-For not trusted: the default)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(LIMITS);
  });
  afterAll(() => t.close());

  it(`answers failed login ${IP_LIMIT + 1} from one client across ${IP_LIMIT} accounts with 429, and a spoofed X-Forwarded-For does not reset the counter`, async () => {
    const statuses = await failedLogins(IP_LIMIT, () => loginAs(t, uniqueEmail('spray'), WRONG_PASSWORD));
    expect(statuses).toEqual(Array(IP_LIMIT).fill(401));

    expectThrottled(await loginAs(t, uniqueEmail('spray'), WRONG_PASSWORD));
    expectThrottled(await loginAs(t, uniqueEmail('spray'), WRONG_PASSWORD, '203.0.113.7'));
    expectThrottled(await loginAs(t, uniqueEmail('spray'), WRONG_PASSWORD, '10.0.0.1, 203.0.113.8'));
  });
});

describe('Behind a trusted proxy (TRUST_PROXY=127.0.0.1, which overwrites X-Forwarded-For)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ ...LIMITS, TRUST_PROXY: '127.0.0.1' });
  });
  afterAll(() => t.close());

  it('keeps a separate per-IP counter for each forwarded client address', async () => {
    const attacker = '203.0.113.10';
    const statuses = await failedLogins(IP_LIMIT, () => loginAs(t, uniqueEmail('spray'), WRONG_PASSWORD, attacker));
    expect(statuses).toEqual(Array(IP_LIMIT).fill(401));
    expectThrottled(await loginAs(t, uniqueEmail('spray'), WRONG_PASSWORD, attacker));

    // Another client behind the same proxy is not punished for the attacker's attempts.
    expect((await loginAs(t, uniqueEmail('other'), WRONG_PASSWORD, '203.0.113.11')).status).toBe(401);
    expectThrottled(await loginAs(t, uniqueEmail('spray'), WRONG_PASSWORD, attacker));
  });

  it('still limits one account across many forwarded addresses', async () => {
    const victim = await registerOrganization(t.api, { email: uniqueEmail('victim') });
    const statuses = await failedLogins(ACCOUNT_LIMIT, (i) => loginAs(t, victim.user.email, WRONG_PASSWORD, `198.51.100.${i + 1}`));
    expect(statuses).toEqual(Array(ACCOUNT_LIMIT).fill(401));
    expectThrottled(await loginAs(t, victim.user.email, STRONG_PASSWORD, '198.51.100.200'));
  });
});

describe('Unknown e-mail and wrong password take the same time (S11)', () => {
  let t: TestApp;
  let user: Session;
  beforeAll(async () => {
    t = await startTestApp(); // the harness's limits are far above these 36 attempts
    user = await registerOrganization(t.api);
  });
  afterAll(() => t.close());

  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  };

  async function timed(attempt: () => Promise<ApiResponse>): Promise<number> {
    const started = performance.now();
    const response = await attempt();
    const elapsed = performance.now() - started;
    expect(response.status).toBe(401);
    return elapsed;
  }

  it('has medians over 15 attempts each that differ by less than 20 %', async () => {
    const unknownEmail = () => loginAs(t, uniqueEmail('nobody'), WRONG_PASSWORD);
    const wrongPassword = () => loginAs(t, user.user.email, WRONG_PASSWORD);
    for (let i = 0; i < 3; i += 1) {
      await timed(unknownEmail);
      await timed(wrongPassword);
    }

    const unknown: number[] = [];
    const wrong: number[] = [];
    // Interleaved, alternating which goes first, so drift in machine load hits both alike.
    for (let i = 0; i < 15; i += 1) {
      if (i % 2 === 0) {
        unknown.push(await timed(unknownEmail));
        wrong.push(await timed(wrongPassword));
      } else {
        wrong.push(await timed(wrongPassword));
        unknown.push(await timed(unknownEmail));
      }
    }

    const [a, b] = [median(unknown), median(wrong)];
    const ratio = Math.max(a, b) / Math.min(a, b);
    expect({ unknownMs: Math.round(a), wrongMs: Math.round(b), within20Percent: ratio < 1.2 }).toEqual({
      unknownMs: Math.round(a),
      wrongMs: Math.round(b),
      within20Percent: true,
    });
    // Both paths really ran argon2 (tens of ms), so the comparison is not between two no-ops.
    expect(Math.min(a, b)).toBeGreaterThan(10);
  });
});
