import * as argon2 from 'argon2';
import type { ApiResponse } from './support/api-client';
import { addMember, registerOrganization, Session, STRONG_PASSWORD, uniqueEmail } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Accounts over real HTTP: registration and its input rules (docs/security.md S10, S12, S20, S14's
 * body limit), login (S11's identical answers, S8's deactivation), password storage (S9) and
 * invitations (single use, expiry, revocation).
 */

/** S9: argon2id, version 19, and its cost parameters. */
const ARGON2ID = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;
const BAD_CREDENTIALS = 'Invalid e-mail or password';

function argon2Params(hash: string): { m: number; t: number; p: number; saltBytes: number } {
  const match = ARGON2ID.exec(hash);
  if (!match) throw new Error(`not an argon2id v19 hash: ${hash.slice(0, 30)}…`);
  return {
    m: Number(match[1]),
    t: Number(match[2]),
    p: Number(match[3]),
    saltBytes: Buffer.from(match[4], 'base64').length,
  };
}

/** spec/API.md § Errors: `{statusCode, message, error}` and a machine-readable `code` as JSON, whatever raised it. */
function expectError(response: ApiResponse, status: number, error: string): void {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  expect(response.body).toEqual(
    expect.objectContaining({ statusCode: status, error, code: expect.stringMatching(/^[A-Z][A-Z_]+$/) }),
  );
  expect(typeof response.body.message === 'string' || Array.isArray(response.body.message)).toBe(true);
  expect(response.text).not.toMatch(/at .*\.(ts|js):\d+|node_modules|SELECT|INSERT/);
}

describe('Accounts: register, login, password storage, invitations', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const registration = (overrides: Record<string, unknown> = {}) => ({
    email: uniqueEmail('reg'),
    password: STRONG_PASSWORD,
    name: 'Reggie Ister',
    organizationName: 'Initech',
    ...overrides,
  });
  const register = (overrides: Record<string, unknown> = {}) =>
    t.api.post('/api/auth/register', registration(overrides));
  const login = (email: string, password: string) => t.api.post('/api/auth/login', { email, password });
  const me = (token: string) => t.api.get('/api/auth/me', { token });
  const usersWithEmail = async (email: string) =>
    Number((await t.sql.query('SELECT count(*) FROM users WHERE email = lower($1)', [email])).rows[0].count);

  describe('POST /api/auth/register', () => {
    it('returns 201 {accessToken, refreshToken, user} and makes the user admin of a new organization', async () => {
      const email = uniqueEmail('Founder').replace('founder', 'FoUnDeR');
      const response = await register({ email, name: 'Fran Founder', organizationName: 'Initech' });

      expect(response.status).toBe(201);
      expect(Object.keys(response.body).sort()).toEqual(['accessToken', 'refreshToken', 'user']);
      expect(typeof response.body.accessToken).toBe('string');
      expect(typeof response.body.refreshToken).toBe('string');
      const { user } = response.body;
      expect(user).toMatchObject({ email: email.toLowerCase(), name: 'Fran Founder', role: 'admin', active: true });
      expect(user.id).toMatch(/^[0-9a-f-]{36}$/);

      const { rows } = await t.sql.query(
        'SELECT o.id, o.name, u.role, u.organization_id FROM users u JOIN organizations o ON o.id = u.organization_id WHERE u.id = $1',
        [user.id],
      );
      expect(rows).toEqual([
        { id: user.organizationId, name: 'Initech', role: 'admin', organization_id: user.organizationId },
      ]);
      const members = await t.sql.query('SELECT id FROM users WHERE organization_id = $1', [user.organizationId]);
      expect(members.rows).toEqual([{ id: user.id }]);

      expect((await me(response.body.accessToken)).body).toMatchObject({
        id: user.id,
        role: 'admin',
        organizationId: user.organizationId,
      });
      const organization = await t.api.get('/api/organizations/current', { token: response.body.accessToken });
      expect(organization.body).toMatchObject({ id: user.organizationId, name: 'Initech' });
    });

    it.each([
      ['the same case', (email: string) => email],
      ['a different letter case', (email: string) => email.toUpperCase()],
    ])('refuses an e-mail already registered, in %s, with 409 and creates nothing', async (_label, variant) => {
      const email = uniqueEmail('dup');
      expect((await register({ email })).status).toBe(201);
      const organizationsBefore = Number((await t.sql.query('SELECT count(*) FROM organizations')).rows[0].count);

      const again = await register({ email: variant(email), organizationName: 'Second Org' });
      expectError(again, 409, 'Conflict');
      expect(await usersWithEmail(email)).toBe(1);
      expect(Number((await t.sql.query('SELECT count(*) FROM organizations')).rows[0].count)).toBe(organizationsBefore);
    });

    // ASVS 4.0.3 §2.1 (docs/security.md S10): 12 to 128 characters, no composition rules, no common passwords.
    it.each([
      ['11 characters', 400, 'kqzvtrwmplx'],
      ['129 characters', 400, 'kqzvtrwmplxe'.repeat(11).slice(0, 129)],
      ['"password123456" (a common password padded with digits)', 400, 'password123456'],
      ['12 characters', 201, 'kqzvtrwmplxe'],
      ['64 characters', 201, 'correct horse battery staple, said the quiet yellow lighthouse!!'],
      ['128 characters', 201, 'kqzvtrwmplxe'.repeat(11).slice(0, 128)],
      ['12 random lowercase letters (no digits, capitals or symbols required)', 201, 'hvbqmtzpwrkd'],
      // Issue 7 §6: the common-password check used to strip every non-ASCII letter and call these "too common".
      ['Cyrillic letters', 201, 'Съешь же ещё этих мягких французских булок'],
      ['Greek letters', 201, 'κωδικόςπρόσβασης'],
      ['Japanese kana and kanji', 201, '私のパスワードはとても長いです'],
    ])('answers a password of %s with %i', async (label, status, password) => {
      const claimedLength = /^(\d+) characters/.exec(label)?.[1];
      if (claimedLength) expect([...password]).toHaveLength(Number(claimedLength));
      const email = uniqueEmail('pw');
      const response = await register({ email, password });
      if (status === 400) {
        expectError(response, 400, 'Bad Request');
        expect(response.body.errors).toContainEqual(expect.objectContaining({ field: 'password' }));
        expect(await usersWithEmail(email)).toBe(0);
      } else {
        expect(response.status).toBe(201);
        expect((await login(email, password)).status).toBe(200);
      }
    });

    it('refuses unknown fields such as a self-assigned role or organization with 400 (forbidNonWhitelisted) and creates nothing', async () => {
      const victim = await registerOrganization(t.api);
      const email = uniqueEmail('sneaky');
      const response = await register({ email, role: 'admin', organizationId: victim.user.organizationId });

      expectError(response, 400, 'Bad Request');
      expect(response.body.errors).toEqual(
        expect.arrayContaining([
          { field: 'role', code: 'NOT_ALLOWED', message: 'property role should not exist' },
          { field: 'organizationId', code: 'NOT_ALLOWED', message: 'property organizationId should not exist' },
        ]),
      );
      expect(await usersWithEmail(email)).toBe(0);
      const victimMembers = await t.sql.query('SELECT id FROM users WHERE organization_id = $1', [
        victim.user.organizationId,
      ]);
      expect(victimMembers.rows).toEqual([{ id: victim.user.id }]);
    });

    it('refuses malformed JSON with 400 in the error shape', async () => {
      const response = await t.api.post('/api/auth/register', undefined, {
        rawBody: '{"email": "broken@example.com", "password": ',
        headers: { 'content-type': 'application/json' },
      });
      expectError(response, 400, 'Bad Request');
    });

    it('refuses a text/plain body with 415 in the error shape', async () => {
      const email = uniqueEmail('plain');
      const response = await t.api.post('/api/auth/register', undefined, {
        rawBody: JSON.stringify(registration({ email })),
        headers: { 'content-type': 'text/plain' },
      });
      expectError(response, 415, 'Unsupported Media Type');
      expect(await usersWithEmail(email)).toBe(0);
    });

    it('refuses a body over 1 MiB with 413 in the error shape', async () => {
      const body = JSON.stringify(registration({ name: 'x'.repeat(1024 * 1024) }));
      expect(Buffer.byteLength(body)).toBeGreaterThan(1024 * 1024);
      const response = await t.api.post('/api/auth/register', undefined, {
        rawBody: body,
        headers: { 'content-type': 'application/json' },
      });
      expectError(response, 413, 'Payload Too Large');
    });
  });

  describe('POST /api/auth/login', () => {
    let admin: Session;
    beforeAll(async () => {
      admin = await registerOrganization(t.api);
    });

    it('returns 200 with a working token pair for the right password, whatever the e-mail case', async () => {
      const response = await login(admin.user.email.toUpperCase(), STRONG_PASSWORD);
      expect(response.status).toBe(200);
      expect(Object.keys(response.body).sort()).toEqual(['accessToken', 'refreshToken', 'user']);
      expect(response.body.user).toMatchObject({ id: admin.user.id, email: admin.user.email, role: 'admin' });
      expect((await me(response.body.accessToken)).body.id).toBe(admin.user.id);
      expect((await t.api.post('/api/auth/refresh', { refreshToken: response.body.refreshToken })).status).toBe(200);
      const { rows } = await t.sql.query('SELECT last_login_at FROM users WHERE id = $1', [admin.user.id]);
      expect(rows[0].last_login_at).not.toBeNull();
    });

    it('answers an unknown e-mail and a wrong password with the same 401 status, error and message', async () => {
      const unknown = await login(uniqueEmail('ghost'), STRONG_PASSWORD);
      const wrong = await login(admin.user.email, 'not the right password');

      expectError(unknown, 401, 'Unauthorized');
      expectError(wrong, 401, 'Unauthorized');
      expect(unknown.body).toMatchObject({ code: 'INVALID_CREDENTIALS', message: BAD_CREDENTIALS });
      expect(wrong.body.message).toBe(unknown.body.message);
      const withoutRequestId = ({ requestId: _id, ...rest }: Record<string, unknown>) => rest;
      expect(withoutRequestId(wrong.body)).toEqual(withoutRequestId(unknown.body));
      expect(Object.keys(wrong.body).sort()).toEqual(Object.keys(unknown.body).sort());
    });

    it('refuses a deactivated member with the same 401 message, and refuses the access token they held', async () => {
      const member = await addMember(t.api, admin, 'traveller');
      expect((await me(member.accessToken)).status).toBe(200);

      const deactivate = await t.api.patch(
        `/api/organizations/current/members/${member.user.id}`,
        { active: false },
        { token: admin.accessToken },
      );
      expect(deactivate.status).toBe(200);
      expect(deactivate.body.active).toBe(false);

      const refused = await login(member.user.email, STRONG_PASSWORD);
      expectError(refused, 401, 'Unauthorized');
      expect(refused.body).toMatchObject({ code: 'INVALID_CREDENTIALS', message: BAD_CREDENTIALS });
      expectError(await me(member.accessToken), 401, 'Unauthorized');
      expectError(await t.api.post('/api/auth/refresh', { refreshToken: member.refreshToken }), 401, 'Unauthorized');
    });
  });

  describe('password storage (S9)', () => {
    it('stores every password as argon2id v19 with m ≥ 19456 KiB, t ≥ 2, p ≥ 1', async () => {
      await registerOrganization(t.api);
      const { rows } = await t.sql.query<{ password_hash: string }>('SELECT password_hash FROM users');
      expect(rows.length).toBeGreaterThan(0);
      for (const { password_hash: hash } of rows) {
        expect(hash).toMatch(/^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/);
        const { m, t: time, p } = argon2Params(hash);
        expect(m).toBeGreaterThanOrEqual(19456);
        expect(time).toBeGreaterThanOrEqual(2);
        expect(p).toBeGreaterThanOrEqual(1);
      }
    });

    it('gives two users with the same password different hashes (per-user salt of at least 128 bits)', async () => {
      const [a, b] = [await registerOrganization(t.api), await registerOrganization(t.api)];
      const { rows } = await t.sql.query<{ password_hash: string }>(
        'SELECT password_hash FROM users WHERE id = ANY($1) ORDER BY id',
        [[a.user.id, b.user.id]],
      );
      expect(rows).toHaveLength(2);
      expect(rows[0].password_hash).not.toBe(rows[1].password_hash);
      const [saltA, saltB] = rows.map(({ password_hash: hash }) => ARGON2ID.exec(hash)![4]);
      expect(saltA).not.toBe(saltB);
      for (const { password_hash: hash } of rows) expect(argon2Params(hash).saltBytes).toBeGreaterThanOrEqual(16);
    });

    it('logs in a user whose hash has the OWASP minimum parameters (as node-argon2 writes it), keeping those parameters', async () => {
      const session = await registerOrganization(t.api);
      const minimum = await argon2.hash(STRONG_PASSWORD, { type: argon2.argon2id, memoryCost: 19456, timeCost: 2 });
      await t.sql.query('UPDATE users SET password_hash = $1 WHERE id = $2', [minimum, session.user.id]);

      expect((await login(session.user.email, STRONG_PASSWORD)).status).toBe(200);
      const { rows } = await t.sql.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [
        session.user.id,
      ]);
      expect(rows[0].password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      expect(await argon2.verify(rows[0].password_hash, STRONG_PASSWORD)).toBe(true);
      expect((await login(session.user.email, STRONG_PASSWORD)).status).toBe(200);
    });

    it('logs in a user whose hash was made with weaker parameters, and transparently upgrades the stored hash', async () => {
      const session = await registerOrganization(t.api);
      const weak = await argon2.hash(STRONG_PASSWORD, {
        type: argon2.argon2id,
        memoryCost: 8192,
        timeCost: 1,
        parallelism: 1,
      });
      expect(weak).toMatch(/^\$argon2id\$v=19\$m=8192,(p=1,t=1|t=1,p=1)\$/);
      await t.sql.query('UPDATE users SET password_hash = $1 WHERE id = $2', [weak, session.user.id]);

      const response = await login(session.user.email, STRONG_PASSWORD);
      expect(response.status).toBe(200);
      const { rows } = await t.sql.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [
        session.user.id,
      ]);
      const upgraded = rows[0].password_hash;
      expect(upgraded).not.toBe(weak);
      const { m, t: time } = argon2Params(upgraded);
      expect(m).toBeGreaterThanOrEqual(19456);
      expect(time).toBeGreaterThanOrEqual(2);
      expect(await argon2.verify(upgraded, STRONG_PASSWORD)).toBe(true);
      expect((await login(session.user.email, STRONG_PASSWORD)).status).toBe(200);
      expect((await login(session.user.email, 'not the right password')).status).toBe(401);
    });
  });

  describe('POST /api/auth/accept-invitation', () => {
    let admin: Session;
    beforeAll(async () => {
      admin = await registerOrganization(t.api);
    });

    async function invite(
      role: 'admin' | 'manager' | 'traveller',
    ): Promise<{ id: string; token: string; email: string }> {
      const email = uniqueEmail('invitee');
      const response = await t.api.post(
        '/api/organizations/current/invitations',
        { email, role },
        { token: admin.accessToken },
      );
      expect(response.status).toBe(201);
      return { id: response.body.id, token: new URL(response.body.inviteUrl).pathname.split('/').pop()!, email };
    }
    const accept = (token: string, password = STRONG_PASSWORD) =>
      t.api.post('/api/auth/accept-invitation', { token, name: 'Ivy Invitee', password });

    it.each(['manager', 'traveller'] as const)(
      'makes the new user a %s of the inviting organization, with a working token pair',
      async (role) => {
        const invitation = await invite(role);
        const accepted = await accept(invitation.token);

        expect(accepted.status).toBe(201);
        expect(Object.keys(accepted.body).sort()).toEqual(['accessToken', 'refreshToken', 'user']);
        expect(accepted.body.user).toMatchObject({
          email: invitation.email,
          name: 'Ivy Invitee',
          role,
          organizationId: admin.user.organizationId,
        });
        const { rows } = await t.sql.query('SELECT role, organization_id FROM users WHERE email = $1', [
          invitation.email,
        ]);
        expect(rows).toEqual([{ role, organization_id: admin.user.organizationId }]);
        expect((await me(accepted.body.accessToken)).body).toMatchObject({
          role,
          organizationId: admin.user.organizationId,
        });
        expect((await login(invitation.email, STRONG_PASSWORD)).status).toBe(200);
      },
    );

    it('works once: a second use of the same token is 400', async () => {
      const invitation = await invite('traveller');
      expect((await accept(invitation.token)).status).toBe(201);
      const second = await accept(invitation.token, 'another fine passphrase');
      expectError(second, 400, 'Bad Request');
      expect(await usersWithEmail(invitation.email)).toBe(1);
      expect((await login(invitation.email, 'another fine passphrase')).status).toBe(401);
    });

    it('refuses an expired invitation with 400 and creates no user', async () => {
      const invitation = await invite('manager');
      await t.sql.query("UPDATE invitations SET expires_at = now() - interval '1 second' WHERE id = $1", [
        invitation.id,
      ]);
      expectError(await accept(invitation.token), 400, 'Bad Request');
      expect(await usersWithEmail(invitation.email)).toBe(0);
    });

    it('refuses a revoked invitation with 400 and creates no user', async () => {
      const invitation = await invite('manager');
      const revoke = await t.api.delete(`/api/organizations/current/invitations/${invitation.id}`, {
        token: admin.accessToken,
      });
      expect(revoke.status).toBe(204);
      expectError(await accept(invitation.token), 400, 'Bad Request');
      expect(await usersWithEmail(invitation.email)).toBe(0);
    });

    it('refuses a made-up token and a weak password with 400', async () => {
      expectError(await accept('x'.repeat(43)), 400, 'Bad Request');
      const invitation = await invite('traveller');
      expectError(await accept(invitation.token, 'password123456'), 400, 'Bad Request');
      expect(await usersWithEmail(invitation.email)).toBe(0);
      expect((await accept(invitation.token)).status).toBe(201);
    });
  });
});
