import { createHmac } from 'node:crypto';
import type { ApiResponse } from './support/api-client';
import { addMember, registerOrganization, Session, STRONG_PASSWORD, uniqueEmail } from './support/factories';
import { captureStdout, StdoutCapture } from './support/stdout-capture';
import { startTestApp, TEST_SECRETS, TestApp } from './support/test-app';

/**
 * "Forgot password" over real HTTP: the same answer for every address (and the answer does not
 * wait for the work), per-address and per-IP limits, a 256-bit single-use token stored as an HMAC
 * that expires after 30 minutes and dies with a newer request, the password policy, every session
 * revoked, both e-mails in the outbox, and docs/security.md S6, S13 (the client's key scan), S23 and S29.
 */
const WEB_URL = 'https://nestmap.example.test';
const NEW_PASSWORD = 'lantern orchard pebble 77';
const REQUESTED = {
  message: 'If an account uses this address, a reset link is on its way. It works once, for 30 minutes.',
};
const INVALID_LINK = 'This password reset link is invalid, already used or expired';
const RESET_LINK = new RegExp(`${WEB_URL.replace(/\./g, '\\.')}/reset-password#token=([\\w-]+)`);

describe('Password reset', () => {
  let t: TestApp;
  let log: StdoutCapture;
  let admin: Session;
  const secrets = new Set<string>();

  beforeAll(async () => {
    log = captureStdout();
    t = await startTestApp({ LOG_LEVEL: 'info', WEB_URL });
    admin = await registerOrganization(t.api);
  });
  afterAll(async () => {
    await t?.close();
    log.restore();
  });

  const requestReset = (email: string) => t.api.post('/api/auth/password-reset/request', { email });
  const confirm = (token: string, password = NEW_PASSWORD) =>
    t.api.post('/api/auth/password-reset/confirm', { token, password });
  const login = (email: string, password: string) => t.api.post('/api/auth/login', { email, password });
  const mailsTo = async (email: string): Promise<{ subject: string; text: string }[]> =>
    (await t.sql.query('SELECT subject, text FROM outbox_messages WHERE "to" = $1 ORDER BY created_at', [email])).rows;
  const resetMailsTo = async (email: string) =>
    (await mailsTo(email)).filter((mail) => mail.subject === 'Reset your NestMap password');
  const tokenRows = async (userId: string) =>
    (await t.sql.query('SELECT * FROM password_reset_tokens WHERE user_id = $1 ORDER BY created_at', [userId])).rows;

  /** The request's work runs after the answer: waits until `count` reset e-mails reached the outbox. */
  async function resetMails(email: string, count: number, timeoutMs = 5000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const mails = await resetMailsTo(email);
      if (mails.length >= count || Date.now() > deadline) return mails;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
  /** Requests a reset and returns the token of the link e-mailed for it. */
  async function resetToken(email: string): Promise<string> {
    const before = (await resetMailsTo(email)).length;
    expect((await requestReset(email)).status).toBe(202);
    const mails = await resetMails(email, before + 1);
    const token = RESET_LINK.exec(mails[before]?.text ?? '')?.[1];
    if (!token) throw new Error(`no reset link e-mailed to ${email}`);
    secrets.add(token);
    return token;
  }
  /** Lets a request's background work finish (for asserting that it did nothing). */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 300));
  const comparable = (response: ApiResponse) => ({
    status: response.status,
    body: response.body,
    headers: [...response.headers.keys()].filter((name) => !['date', 'x-request-id'].includes(name)).sort(),
  });

  describe('POST /api/auth/password-reset/request', () => {
    it('answers 202 and e-mails a single-use link to the web app with a 256-bit token stored only as its HMAC, valid 30 minutes', async () => {
      const member = await addMember(t.api, admin, 'traveller');
      const response = await requestReset(member.user.email.toUpperCase());
      expect(response.status).toBe(202);
      expect(response.body).toEqual(REQUESTED);

      const [mail] = await resetMails(member.user.email, 1);
      expect(mail.text).toContain('works once and expires in 30 minutes');
      const token = RESET_LINK.exec(mail.text)![1];
      secrets.add(token);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);

      const [row] = await tokenRows(member.user.id);
      expect(row.token_hash).toBe(createHmac('sha256', TEST_SECRETS.SESSION_SECRET).update(token).digest('hex'));
      expect(JSON.stringify(row)).not.toContain(token);
      expect(row.expires_at.getTime() - row.created_at.getTime()).toBeGreaterThan(29.9 * 60_000);
      expect(row.expires_at.getTime() - row.created_at.getTime()).toBeLessThanOrEqual(30 * 60_000 + 1000);
    });

    it('answers the same for an unknown address and a deactivated account, and e-mails neither', async () => {
      const known = await addMember(t.api, admin, 'traveller');
      const deactivated = await addMember(t.api, admin, 'traveller');
      const patched = await t.api.patch(
        `/api/organizations/current/members/${deactivated.user.id}`,
        { active: false },
        { token: admin.accessToken },
      );
      expect(patched.status).toBe(200);
      const unknown = uniqueEmail('nobody');

      const answers = [
        await requestReset(known.user.email),
        await requestReset(unknown),
        await requestReset(deactivated.user.email),
      ];
      expect(answers.map(comparable)).toEqual([comparable(answers[0]), comparable(answers[0]), comparable(answers[0])]);
      expect(await resetMails(known.user.email, 1)).toHaveLength(1);
      await settle();
      expect(await mailsTo(unknown)).toEqual([]);
      expect(await resetMailsTo(deactivated.user.email)).toEqual([]);
      expect(await tokenRows(deactivated.user.id)).toEqual([]);
    });

    it('answers before doing the work, so its timing cannot tell whether the address has an account', async () => {
      const member = await addMember(t.api, admin, 'traveller');
      // Hold the token table past the lock timeout: a request that did its work before answering
      // would wait here, then fail.
      await t.sql.query('BEGIN');
      await t.sql.query('LOCK TABLE password_reset_tokens IN ACCESS EXCLUSIVE MODE');
      let requestId: string | null = null;
      try {
        const started = Date.now();
        const response = await requestReset(member.user.email);
        expect(response.status).toBe(202);
        expect(response.body).toEqual(REQUESTED);
        expect(Date.now() - started).toBeLessThan(500);
        requestId = response.headers.get('x-request-id');
        await log.waitFor((lines) =>
          lines.some((line) => line.event === 'password_reset_request_failed' && line.requestId === requestId),
        );
      } finally {
        await t.sql.query('COMMIT');
      }
      // The work failed after the answer: logged without the address or the statement, nothing sent.
      const failed = log
        .jsonLines()
        .find((line) => line.event === 'password_reset_request_failed' && line.requestId === requestId)!;
      expect(failed.err).toMatchObject({ sqlstate: '55P03' });
      expect(JSON.stringify(failed)).not.toMatch(new RegExp(`${member.user.email}|UPDATE|SELECT`, 'i'));
      expect(await resetMailsTo(member.user.email)).toEqual([]);
      expect(await tokenRows(member.user.id)).toEqual([]);
    });

    it('sends at most 3 links per address per hour, answering the 4th request the same way', async () => {
      const member = await addMember(t.api, admin, 'traveller');
      const answers: ApiResponse[] = [];
      for (let i = 0; i < 4; i += 1) {
        answers.push(await requestReset(member.user.email));
        await resetMails(member.user.email, Math.min(i + 1, 3));
      }
      expect(answers.map(comparable)).toEqual(Array(4).fill(comparable(answers[0])));
      await settle();
      expect(await resetMailsTo(member.user.email)).toHaveLength(3);
    });

    it('refuses malformed input with 400 before anything else', async () => {
      const response = await t.api.post('/api/auth/password-reset/request', { email: 'not an address' });
      expect(response.status).toBe(400);
    });
  });

  describe('POST /api/auth/password-reset/confirm', () => {
    it('sets the new password, revokes every session (access and refresh tokens) and e-mails a notice', async () => {
      const member = await addMember(t.api, admin, 'traveller');
      const other = await login(member.user.email, STRONG_PASSWORD);
      expect(other.status).toBe(200);
      const token = await resetToken(member.user.email);

      const response = await confirm(token);
      expect(response.status).toBe(204);

      for (const session of [member, other.body as Session]) {
        expect((await t.api.get('/api/auth/me', { token: session.accessToken })).status).toBe(401);
        expect((await t.api.post('/api/auth/refresh', { refreshToken: session.refreshToken })).status).toBe(401);
      }
      expect((await login(member.user.email, STRONG_PASSWORD)).status).toBe(401);
      expect((await login(member.user.email, NEW_PASSWORD)).status).toBe(200);
      const notice = (await mailsTo(member.user.email)).find(
        (mail) => mail.subject === 'Your NestMap password was changed',
      );
      expect(notice?.text).toContain('every session was signed out');
      expect(notice?.text).toContain(`${WEB_URL}/forgot-password`);
    });

    it('works once', async () => {
      const member = await addMember(t.api, admin, 'traveller');
      const token = await resetToken(member.user.email);
      expect((await confirm(token)).status).toBe(204);
      const again = await confirm(token, 'another fine password 5');
      expect(again.body).toMatchObject({ statusCode: 400, code: 'RESET_LINK_INVALID', message: INVALID_LINK });
      expect((await login(member.user.email, NEW_PASSWORD)).status).toBe(200);
    });

    it('refuses a link older than 30 minutes', async () => {
      const member = await addMember(t.api, admin, 'traveller');
      const token = await resetToken(member.user.email);
      await t.sql.query(
        `UPDATE password_reset_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`,
        [member.user.id],
      );
      const response = await confirm(token);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'RESET_LINK_INVALID' });
      expect((await login(member.user.email, STRONG_PASSWORD)).status).toBe(200);
    });

    it('refuses an older link once a newer one was requested', async () => {
      const member = await addMember(t.api, admin, 'traveller');
      const older = await resetToken(member.user.email);
      const newer = await resetToken(member.user.email);
      expect((await confirm(older)).body).toMatchObject({ statusCode: 400, code: 'RESET_LINK_INVALID' });
      expect((await confirm(newer)).status).toBe(204);
    });

    it('refuses the link of an account deactivated after the request', async () => {
      const member = await addMember(t.api, admin, 'traveller');
      const token = await resetToken(member.user.email);
      await t.api.patch(
        `/api/organizations/current/members/${member.user.id}`,
        { active: false },
        { token: admin.accessToken },
      );
      const response = await confirm(token);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'RESET_LINK_INVALID' });
    });

    it('applies the password policy with the same messages as registration, keeping the link usable', async () => {
      const member = await addMember(t.api, admin, 'traveller');
      const token = await resetToken(member.user.email);
      for (const weak of ['short', 'password1234', 'x'.repeat(129)]) {
        const reset = await confirm(token, weak);
        const registration = await t.api.post('/api/auth/register', {
          email: uniqueEmail(),
          password: weak,
          name: 'N',
          organizationName: 'O',
        });
        expect(reset.body).toMatchObject({
          statusCode: 400,
          code: 'VALIDATION_FAILED',
          errors: expect.arrayContaining([expect.objectContaining({ field: 'password' })]),
        });
        expect(reset.body.message).toEqual(registration.body.message);
      }
      expect((await confirm(token)).status).toBe(204);
    });

    it('refuses an unknown token, a refresh token and an invitation token (400)', async () => {
      const invitation = await t.api.post(
        '/api/organizations/current/invitations',
        { email: uniqueEmail(), role: 'traveller' },
        { token: admin.accessToken },
      );
      const invitationToken = new URL(invitation.body.inviteUrl).pathname.split('/').pop()!;
      for (const token of ['x'.repeat(43), admin.refreshToken, invitationToken]) {
        const response = await confirm(token);
        expect(response.body).toMatchObject({ statusCode: 400, code: 'RESET_LINK_INVALID' });
      }
    });
  });

  it('S6: a reset token is never accepted as a bearer token or a refresh token', async () => {
    const member = await addMember(t.api, admin, 'traveller');
    const token = await resetToken(member.user.email);
    expect((await t.api.get('/api/auth/me', { token })).status).toBe(401);
    expect((await t.api.post('/api/auth/refresh', { refreshToken: token })).status).toBe(401);
    expect((await confirm(token)).status).toBe(204);
  });

  it('S29: the admin outbox shows the reset e-mail with its token hidden', async () => {
    const member = await addMember(t.api, admin, 'traveller');
    const token = await resetToken(member.user.email);
    const outbox = await t.api.get('/api/organizations/current/outbox?limit=100', { token: admin.accessToken });
    const mail = outbox.body.items.find(
      (item: { to: string; subject: string }) =>
        item.to === member.user.email && item.subject === 'Reset your NestMap password',
    );
    expect(mail.text).toContain(`${WEB_URL}/reset-password#token=[hidden]`);
    expect(JSON.stringify(outbox.body)).not.toContain(token);
  });

  it('S23: requests and resets are logged as security events with the request id, and no reset token is ever logged', async () => {
    const member = await addMember(t.api, admin, 'traveller');
    const token = await resetToken(member.user.email);
    const response = await confirm(token);
    const requestId = response.headers.get('x-request-id');
    await log.waitFor((lines) => lines.some((line) => line.event === 'password_reset' && line.requestId === requestId));
    const events = log.jsonLines().filter((line) => line.userId === member.user.id);
    expect(events.map((line) => line.event)).toEqual(
      expect.arrayContaining(['password_reset_requested', 'password_reset']),
    );
    expect(events.find((line) => line.event === 'password_reset')).toMatchObject({
      ip: '127.0.0.1',
      organizationId: member.user.organizationId,
    });

    const text = log.text();
    expect(secrets.size).toBeGreaterThan(5);
    for (const secret of [...secrets, STRONG_PASSWORD, NEW_PASSWORD]) expect(text).not.toContain(secret);
  });

  it('publishes both routes in the OpenAPI document as public (security: [])', async () => {
    const { paths } = (await t.api.get('/api/docs-json')).body;
    expect(paths['/api/auth/password-reset/request'].post).toMatchObject({
      security: [],
      responses: { 202: expect.anything(), 429: expect.anything() },
    });
    expect(paths['/api/auth/password-reset/confirm'].post).toMatchObject({
      security: [],
      responses: { 204: expect.anything(), 400: expect.anything() },
    });
  });

  it('finishes the work of an answered request before a stopping process closes the database', async () => {
    const member = await addMember(t.api, admin, 'traveller');
    const stopping = await startTestApp({}, { url: t.databaseUrl });
    expect((await stopping.api.post('/api/auth/password-reset/request', { email: member.user.email })).status).toBe(
      202,
    );
    await stopping.close();
    expect(await resetMailsTo(member.user.email)).toHaveLength(1);
  });

  describe('per-IP limit', () => {
    let limited: TestApp;
    beforeAll(async () => {
      limited = await startTestApp({ THROTTLE_AUTH_IP_LIMIT: '2' }, { url: t.databaseUrl });
    });
    afterAll(() => limited?.close());

    it('answers 429 with Retry-After past the limit, for requests and confirmations alike', async () => {
      const email = uniqueEmail('limited');
      const statuses = [];
      for (let i = 0; i < 3; i += 1)
        statuses.push((await limited.api.post('/api/auth/password-reset/request', { email })).status);
      expect(statuses).toEqual([202, 202, 429]);
      const confirms = [];
      for (let i = 0; i < 3; i += 1)
        confirms.push(
          await limited.api.post('/api/auth/password-reset/confirm', { token: 'x'.repeat(43), password: NEW_PASSWORD }),
        );
      expect(confirms.map((response) => response.status)).toEqual([400, 400, 429]);
      expect(Number(confirms[2].headers.get('retry-after'))).toBeGreaterThan(0);
    });
  });
});
