import { performance } from 'node:perf_hooks';
import type { ApiResponse } from './support/api-client';
import { registerOrganization, Session, STRONG_PASSWORD, uniqueEmail } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

/**
 * docs/security.md S11 and issue 7 §6, following OWASP's authentication guidance: only failures count;
 * one address gets 10 failures per account per window (then that pair waits the window out) and
 * 20 across accounts; past 10 failures from all addresses an account is slowed, never locked: a
 * failed or early attempt is a 429 with a bounded `Retry-After`, while the owner from an address
 * that has not failed on it gets in. A success resets the account. An unknown e-mail cannot be
 * told from a wrong password by the answer or its timing. Small limits keep the file fast (argon2
 * costs about 40 ms an attempt); only the tests that wait a window out have a short one.
 */

const ACCOUNT_LIMIT = 10;
const IP_LIMIT = 20;
/** Waited out once. A burst must land inside it: 20 argon2 checks took over 3 s on a loaded 2-core box. */
const SHORT_WINDOW_SECONDS = 5;
/** Where nothing waits, a window no burst can outlast. */
const LONG_WINDOW_SECONDS = 120;
/** The slowest a slowed account gets (login-policy.ts): far below any window, and never a lock. */
const MAX_SLOWDOWN_SECONDS = 60;
const limits = (windowSeconds: number) => ({
  THROTTLE_AUTH_ACCOUNT_LIMIT: String(ACCOUNT_LIMIT),
  THROTTLE_AUTH_IP_LIMIT: String(IP_LIMIT),
  THROTTLE_AUTH_TTL_SECONDS: String(windowSeconds),
});
const WRONG_PASSWORD = 'definitely not the password';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function loginAs(t: TestApp, email: string, password: string, forwardedFor?: string): Promise<ApiResponse> {
  return t.api.post(
    '/api/auth/login',
    { email, password },
    forwardedFor ? { headers: { 'x-forwarded-for': forwardedFor } } : {},
  );
}

/** 429 in the error shape, with a `Retry-After` (seconds) no longer than `maxSeconds`. */
function expectThrottled(response: ApiResponse, maxSeconds = LONG_WINDOW_SECONDS): number {
  expect(response.status).toBe(429);
  expect(response.body).toEqual(
    expect.objectContaining({
      statusCode: 429,
      error: 'Too Many Requests',
      code: 'RATE_LIMITED',
      message: expect.any(String),
    }),
  );
  const retryAfter = Number(response.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(maxSeconds);
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

describe('Per (account, address) limit on login (X-Forwarded-For not trusted: the default)', () => {
  let t: TestApp;
  let victim: Session;
  beforeAll(async () => {
    t = await startTestApp(limits(SHORT_WINDOW_SECONDS));
    victim = await registerOrganization(t.api);
  });
  afterAll(() => t.close());

  it(`answers attempt ${ACCOUNT_LIMIT + 1} on one account from one client with 429 + Retry-After, whatever X-Forwarded-For says; after the window the real password works`, async () => {
    const statuses = await failedLogins(ACCOUNT_LIMIT, (i) =>
      loginAs(t, victim.user.email, WRONG_PASSWORD, `198.51.100.${i + 1}`),
    );
    expect(statuses).toEqual(Array(ACCOUNT_LIMIT).fill(401));

    // That client is locked out of that account, the right password and another letter case included:
    // the claimed addresses are not believed, so it is the same client every time.
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

describe('Only failures count (X-Forwarded-For not trusted: the default)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(limits(LONG_WINDOW_SECONDS));
  });
  afterAll(() => t.close());

  it(`lets one client log in ${IP_LIMIT + 1} times in a row: successes count neither per account nor per address`, async () => {
    const user = await registerOrganization(t.api);
    const statuses: number[] = [];
    for (let i = 0; i <= IP_LIMIT; i += 1) statuses.push((await loginAs(t, user.user.email, STRONG_PASSWORD)).status);
    expect(statuses).toEqual(Array(IP_LIMIT + 1).fill(200));
  });

  it(`resets an account's failures on a successful login: ${ACCOUNT_LIMIT - 1} failures, success, ${ACCOUNT_LIMIT - 1} more failures are all 401s`, async () => {
    const user = await registerOrganization(t.api);
    expect(await failedLogins(ACCOUNT_LIMIT - 1, () => loginAs(t, user.user.email, WRONG_PASSWORD))).toEqual(
      Array(ACCOUNT_LIMIT - 1).fill(401),
    );
    expect((await loginAs(t, user.user.email, STRONG_PASSWORD)).status).toBe(200);
    expect(await failedLogins(ACCOUNT_LIMIT - 1, () => loginAs(t, user.user.email, WRONG_PASSWORD))).toEqual(
      Array(ACCOUNT_LIMIT - 1).fill(401),
    );
    expect((await loginAs(t, user.user.email, STRONG_PASSWORD)).status).toBe(200);
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

  it(`victim scenario: after ${ACCOUNT_LIMIT} failures from ${ACCOUNT_LIMIT} addresses every further guess is a 429 with at most ${MAX_SLOWDOWN_SECONDS} s to wait, yet the owner gets in from an address of their own`, async () => {
    const victim = await registerOrganization(t.api, { email: uniqueEmail('victim') });
    const attackers = Array.from({ length: ACCOUNT_LIMIT }, (_, i) => `198.51.100.${i + 1}`);
    expect(
      await failedLogins(ACCOUNT_LIMIT, (i) => loginAs(t, victim.user.email, WRONG_PASSWORD, attackers[i])),
    ).toEqual(Array(ACCOUNT_LIMIT).fill(401));

    // The attacker keeps going, from the same addresses and from new ones: slowed, every answer a 429.
    for (const address of [attackers[0], attackers[1], '198.51.100.77', '198.51.100.78']) {
      expectThrottled(await loginAs(t, victim.user.email, WRONG_PASSWORD, address), MAX_SLOWDOWN_SECONDS);
    }
    const more = await Promise.all(attackers.map((address) => loginAs(t, victim.user.email, WRONG_PASSWORD, address)));
    for (const response of more) expectThrottled(response, MAX_SLOWDOWN_SECONDS);

    // Issue 7 §6: this used to be a 429 for 15 minutes, renewable by the attacker for ever.
    const owner = await loginAs(t, victim.user.email, STRONG_PASSWORD, '192.0.2.50');
    expect(owner.status).toBe(200);
    expect(owner.body.user.id).toBe(victim.user.id);

    // The success reset the account: an attacker address below its own limit is back to plain 401s.
    expect((await loginAs(t, victim.user.email, WRONG_PASSWORD, '198.51.100.79')).status).toBe(401);
  });

  it('spaces out attempts from an address that already failed on a slowed account, by a bounded Retry-After after which the right password works', async () => {
    const victim = await registerOrganization(t.api, { email: uniqueEmail('slowed') });
    const attackers = Array.from({ length: ACCOUNT_LIMIT }, (_, i) => `198.51.100.${i + 101}`);
    expect(
      await failedLogins(ACCOUNT_LIMIT, (i) => loginAs(t, victim.user.email, WRONG_PASSWORD, attackers[i])),
    ).toEqual(Array(ACCOUNT_LIMIT).fill(401));

    // The owner happens to share the first address (say, an office NAT): a failure there is spaced out.
    const retryAfter = expectThrottled(
      await loginAs(t, victim.user.email, WRONG_PASSWORD, attackers[0]),
      MAX_SLOWDOWN_SECONDS,
    );
    expectThrottled(await loginAs(t, victim.user.email, STRONG_PASSWORD, attackers[0]), retryAfter);
    await sleep(retryAfter * 1000 + 250);
    const owner = await loginAs(t, victim.user.email, STRONG_PASSWORD, attackers[0]);
    expect(owner.status).toBe(200);
  });

  it(`still locks one (account, address) pair after ${ACCOUNT_LIMIT} failures, the right password included`, async () => {
    const victim = await registerOrganization(t.api, { email: uniqueEmail('pair') });
    const attacker = '198.51.100.200';
    expect(await failedLogins(ACCOUNT_LIMIT, () => loginAs(t, victim.user.email, WRONG_PASSWORD, attacker))).toEqual(
      Array(ACCOUNT_LIMIT).fill(401),
    );
    const retryAfter = expectThrottled(await loginAs(t, victim.user.email, STRONG_PASSWORD, attacker));
    expect(retryAfter).toBeGreaterThan(MAX_SLOWDOWN_SECONDS);
    expect((await loginAs(t, victim.user.email, STRONG_PASSWORD, '198.51.100.201')).status).toBe(200);
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
        i % 2 === 0
          ? await Promise.all([unknownEmail(), wrongPassword()])
          : (await Promise.all([wrongPassword(), unknownEmail()])).reverse();
      unknown.push(unknownMs);
      wrong.push(wrongMs);
    }
    const [unknownMs, wrongMs] = [median(unknown), median(wrong)];
    return {
      unknownMs: Math.round(unknownMs),
      wrongMs: Math.round(wrongMs),
      ratio: Math.max(unknownMs, wrongMs) / Math.min(unknownMs, wrongMs),
    };
  }

  it('has medians over 15 attempts each that differ by less than 20 %', async () => {
    for (let i = 0; i < 5; i += 1)
      await Promise.all([
        loginAs(t, uniqueEmail('warm-up'), WRONG_PASSWORD),
        loginAs(t, user.user.email, WRONG_PASSWORD),
      ]);

    // A shared machine's load can skew one sample set; noise only ever widens the gap, while the
    // leak this guards against (no argon2 for unknown e-mails) makes it 2–3×. So a noisy
    // measurement is taken again, at most twice; the best of them must be within 20 %.
    const measurements = [await measure()];
    while (measurements[measurements.length - 1].ratio >= 1.2 && measurements.length < 3)
      measurements.push(await measure());
    const best = measurements.reduce((a, b) => (b.ratio < a.ratio ? b : a));

    expect({ ...best, within20Percent: best.ratio < 1.2, measurements }).toEqual(
      expect.objectContaining({ within20Percent: true }),
    );
    // Both paths really ran argon2 (tens of ms), so the comparison is not between two no-ops.
    expect(Math.min(best.unknownMs, best.wrongMs)).toBeGreaterThan(10);
  });
});
