import { performance } from 'node:perf_hooks';
import type { ApiResponse } from './support/api-client';
import { registerOrganization, Session, STRONG_PASSWORD, uniqueEmail } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

/**
 * SECURITY.md S11: guessing passwords is slowed per account (even from rotating addresses) and
 * per client address, never locked out for good, and an unknown e-mail cannot be told from a wrong
 * password by the answer or its timing. Small limits keep the file fast (argon2 costs about 40 ms
 * an attempt); only the no-lockout case waits a window out, so only it has a short one.
 */

const ACCOUNT_LIMIT = 10;
const IP_LIMIT = 20;
/** Waited out once. A burst must land inside it: 20 argon2 checks took over 3 s on a loaded 2-core box. */
const SHORT_WINDOW_SECONDS = 5;
/** Where nothing waits, a window no burst can outlast. */
const LONG_WINDOW_SECONDS = 120;
const limits = (windowSeconds: number) => ({
  THROTTLE_AUTH_ACCOUNT_LIMIT: String(ACCOUNT_LIMIT),
  THROTTLE_AUTH_IP_LIMIT: String(IP_LIMIT),
  THROTTLE_AUTH_TTL_SECONDS: String(windowSeconds),
});
const WRONG_PASSWORD = 'definitely not the password';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function loginAs(t: TestApp, email: string, password: string, forwardedFor?: string): Promise<ApiResponse> {
  return t.api.post('/api/auth/login', { email, password }, forwardedFor ? { headers: { 'x-forwarded-for': forwardedFor } } : {});
}

/** 429 in the error shape, with a `Retry-After` (seconds) no longer than the window. */
function expectThrottled(response: ApiResponse, windowSeconds = LONG_WINDOW_SECONDS): number {
  expect(response.status).toBe(429);
  expect(response.body).toEqual(expect.objectContaining({ statusCode: 429, error: 'Too Many Requests', message: expect.any(String) }));
  const retryAfter = Number(response.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
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
    t = await startTestApp(limits(SHORT_WINDOW_SECONDS));
    victim = await registerOrganization(t.api);
  });
  afterAll(() => t.close());

  it(`answers attempt ${ACCOUNT_LIMIT + 1} on one account with 429 + Retry-After, whatever X-Forwarded-For says; after the window the real password works`, async () => {
    const statuses = await failedLogins(ACCOUNT_LIMIT, (i) => loginAs(t, victim.user.email, WRONG_PASSWORD, `198.51.100.${i + 1}`));
    expect(statuses).toEqual(Array(ACCOUNT_LIMIT).fill(401));

    // Even the right password, from yet another claimed address and in another letter case, is refused now.
    const blocked = await loginAs(t, victim.user.email.toUpperCase(), STRONG_PASSWORD, '203.0.113.99');
    const retryAfter = expectThrottled(blocked, SHORT_WINDOW_SECONDS);
    expectThrottled(await loginAs(t, victim.user.email, STRONG_PASSWORD, '192.0.2.1, 192.0.2.2'), SHORT_WINDOW_SECONDS);

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
    t = await startTestApp(limits(LONG_WINDOW_SECONDS));
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
    t = await startTestApp({ ...limits(LONG_WINDOW_SECONDS), TRUST_PROXY: '127.0.0.1' });
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
    t = await startTestApp(); // the harness's limits are far above these 40 attempts
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

  /** Medians of 15 unknown-e-mail and 15 wrong-password logins, sent in pairs. */
  async function measure(): Promise<{ unknownMs: number; wrongMs: number; ratio: number }> {
    const unknownEmail = () => timed(() => loginAs(t, uniqueEmail('nobody'), WRONG_PASSWORD));
    const wrongPassword = () => timed(() => loginAs(t, user.user.email, WRONG_PASSWORD));
    const unknown: number[] = [];
    const wrong: number[] = [];
    for (let i = 0; i < 15; i += 1) {
      // Both of a pair are sent at once, so they meet the same machine load; which goes first alternates.
      const [unknownMs, wrongMs] =
        i % 2 === 0 ? await Promise.all([unknownEmail(), wrongPassword()]) : (await Promise.all([wrongPassword(), unknownEmail()])).reverse();
      unknown.push(unknownMs);
      wrong.push(wrongMs);
    }
    const [unknownMs, wrongMs] = [median(unknown), median(wrong)];
    return { unknownMs: Math.round(unknownMs), wrongMs: Math.round(wrongMs), ratio: Math.max(unknownMs, wrongMs) / Math.min(unknownMs, wrongMs) };
  }

  it('has medians over 15 attempts each that differ by less than 20 %', async () => {
    for (let i = 0; i < 5; i += 1) await Promise.all([loginAs(t, uniqueEmail('warm-up'), WRONG_PASSWORD), loginAs(t, user.user.email, WRONG_PASSWORD)]);

    // A shared machine's load can skew one sample set; noise only ever widens the gap, while the
    // leak this guards against (no argon2 for unknown e-mails) makes it 2–3×. So a noisy
    // measurement is taken again, at most twice; the best of them must be within 20 %.
    const measurements = [await measure()];
    while (measurements[measurements.length - 1].ratio >= 1.2 && measurements.length < 3) measurements.push(await measure());
    const best = measurements.reduce((a, b) => (b.ratio < a.ratio ? b : a));

    expect({ ...best, within20Percent: best.ratio < 1.2, measurements }).toEqual(expect.objectContaining({ within20Percent: true }));
    // Both paths really ran argon2 (tens of ms), so the comparison is not between two no-ops.
    expect(Math.min(best.unknownMs, best.wrongMs)).toBeGreaterThan(10);
  });
});
