import * as argon2 from 'argon2';
import * as jwt from 'jsonwebtoken';
import { addMember, registerOrganization, Session, STRONG_PASSWORD, uniqueEmail } from './support/factories';
import { startTestApp, TEST_SECRETS, TestApp } from './support/test-app';

/** PHC string of argon2id v19; the library writes the parameters as m,p,t. */
function argonParams(hash: string): { m: number; t: number; p: number } {
  expect(hash).toMatch(/^\$argon2id\$v=19\$[mtp=\d,]+\$[\w+/]+\$[\w+/]+$/);
  const param = (name: string) => Number(new RegExp(`[$,]${name}=(\\d+)`).exec(hash)![1]);
  return { m: param('m'), t: param('t'), p: param('p') };
}

describe('Auth', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const register = (overrides: Record<string, unknown> = {}) =>
    t.api.post('/api/auth/register', { email: uniqueEmail(), password: STRONG_PASSWORD, name: 'Reg Ister', organizationName: 'Reg Org', ...overrides });
  const me = (token: string) => t.api.get('/api/auth/me', { token });

  describe('register', () => {
    it('creates an organization whose first user is its admin, and returns a token pair', async () => {
      const response = await register({ organizationName: 'Initech' });
      expect(response.status).toBe(201);
      expect(Object.keys(response.body).sort()).toEqual(['accessToken', 'refreshToken', 'user']);
      expect(Object.keys(response.body.user).sort()).toEqual(['active', 'createdAt', 'email', 'id', 'name', 'organizationId', 'role']);
      expect(response.body.user.role).toBe('admin');
      const organization = await t.api.get('/api/organizations/current', { token: response.body.accessToken });
      expect(organization.body).toMatchObject({ id: response.body.user.organizationId, name: 'Initech' });
    });

    it('refuses a duplicate e-mail in any letter case (409)', async () => {
      const email = uniqueEmail('dup');
      expect((await register({ email })).status).toBe(201);
      const again = await register({ email: email.toUpperCase() });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ statusCode: 409, error: 'Conflict' });
    });

    it.each([
      ['11 characters', 'abcdefghijk', 400],
      ['129 characters', 'x'.repeat(129), 400],
      ['a common password', 'password123456', 400],
      ['a common word padded with digits', 'qwerty12345678', 400],
      ['64 characters', 'correct horse battery staple '.repeat(3).slice(0, 64), 201],
      ['12 random lowercase letters', 'kqzvtrwmplxe', 201],
    ])('answers a password of %s with %i (ASVS 4.0.3: 12 to 128, no composition rules)', async (_label, password, status) => {
      expect((await register({ password })).status).toBe(status);
    });

    it('refuses self-assigned roles or organizations (400) and creates nothing', async () => {
      const email = uniqueEmail('sneaky');
      const response = await register({ email, role: 'admin', organizationId: '00000000-0000-4000-8000-000000000000' });
      expect(response.status).toBe(400);
      expect(response.body.message).toEqual(expect.arrayContaining(['property role should not exist', 'property organizationId should not exist']));
      expect((await t.sql.query('SELECT 1 FROM users WHERE email = $1', [email])).rowCount).toBe(0);
    });

    it('stores argon2id hashes at or above the OWASP minimum, salted per user (S9)', async () => {
      const [a, b] = [uniqueEmail('same'), uniqueEmail('same')];
      await register({ email: a });
      await register({ email: b });
      const { rows } = await t.sql.query('SELECT password_hash FROM users WHERE email = ANY($1)', [[a, b]]);
      for (const { password_hash: hash } of rows) {
        const { m, t: time, p } = argonParams(hash);
        expect(m).toBeGreaterThanOrEqual(19456);
        expect(time).toBeGreaterThanOrEqual(2);
        expect(p).toBeGreaterThanOrEqual(1);
      }
      expect(rows[0].password_hash).not.toBe(rows[1].password_hash);
    });
  });

  describe('login', () => {
    let session: Session;
    beforeAll(async () => {
      session = await registerOrganization(t.api);
    });

    it('returns a token pair for the right password', async () => {
      const response = await t.api.post('/api/auth/login', { email: session.user.email.toUpperCase(), password: STRONG_PASSWORD });
      expect(response.status).toBe(200);
      expect(response.body.user.id).toBe(session.user.id);
      expect((await me(response.body.accessToken)).body.email).toBe(session.user.email);
    });

    it('answers unknown e-mail and wrong password identically (401)', async () => {
      const unknown = await t.api.post('/api/auth/login', { email: uniqueEmail('ghost'), password: STRONG_PASSWORD });
      const wrong = await t.api.post('/api/auth/login', { email: session.user.email, password: 'not the password at all' });
      expect(unknown.status).toBe(401);
      expect(wrong.status).toBe(401);
      const strip = ({ requestId: _r, ...rest }: Record<string, unknown>) => rest;
      expect(strip(unknown.body)).toEqual(strip(wrong.body));
      expect(unknown.body.message).toBe('Invalid e-mail or password');
    });

    it('transparently upgrades a hash made with weaker parameters', async () => {
      const user = await registerOrganization(t.api);
      const weak = await argon2.hash(STRONG_PASSWORD, { type: argon2.argon2id, memoryCost: 8192, timeCost: 1 });
      await t.sql.query('UPDATE users SET password_hash = $1 WHERE id = $2', [weak, user.user.id]);
      expect((await t.api.post('/api/auth/login', { email: user.user.email, password: STRONG_PASSWORD })).status).toBe(200);
      const { rows } = await t.sql.query('SELECT password_hash FROM users WHERE id = $1', [user.user.id]);
      expect(rows[0].password_hash).not.toBe(weak);
      expect(argonParams(rows[0].password_hash).m).toBeGreaterThanOrEqual(19456);
    });

    it('refuses a deactivated member, with the same message, and their earlier tokens', async () => {
      const member = await addMember(t.api, session, 'traveller');
      await t.api.patch(`/api/organizations/current/members/${member.user.id}`, { active: false }, { token: session.accessToken });
      const login = await t.api.post('/api/auth/login', { email: member.user.email, password: STRONG_PASSWORD });
      expect(login.status).toBe(401);
      expect(login.body.message).toBe('Invalid e-mail or password');
      expect((await me(member.accessToken)).status).toBe(401);
    });
  });

  describe('refresh tokens', () => {
    it('rotates: a new pair, and the old refresh token is spent', async () => {
      const session = await registerOrganization(t.api);
      const refreshed = await t.api.post('/api/auth/refresh', { refreshToken: session.refreshToken });
      expect(refreshed.status).toBe(200);
      expect(refreshed.body.refreshToken).not.toBe(session.refreshToken);
      expect((await me(refreshed.body.accessToken)).status).toBe(200);
    });

    it('revokes the whole family when a spent token is replayed (S7)', async () => {
      const session = await registerOrganization(t.api);
      const second = (await t.api.post('/api/auth/refresh', { refreshToken: session.refreshToken })).body.refreshToken;
      const replay = await t.api.post('/api/auth/refresh', { refreshToken: session.refreshToken });
      expect(replay.status).toBe(401);
      expect((await t.api.post('/api/auth/refresh', { refreshToken: second })).status).toBe(401);
    });

    it('lets exactly one of two concurrent refreshes with the same token win', async () => {
      const session = await registerOrganization(t.api);
      const results = await Promise.all([1, 2].map(() => t.api.post('/api/auth/refresh', { refreshToken: session.refreshToken })));
      expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
    });

    it('stores only a keyed hash of each refresh token', async () => {
      const session = await registerOrganization(t.api);
      const { rows } = await t.sql.query('SELECT * FROM refresh_tokens WHERE user_id = $1', [session.user.id]);
      expect(rows).toHaveLength(1);
      expect(Object.values(rows[0]).map(String)).not.toContain(session.refreshToken);
      expect(rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('refuses a token past the absolute session lifetime, even if recently rotated', async () => {
      const session = await registerOrganization(t.api);
      await t.sql.query("UPDATE refresh_tokens SET family_expires_at = now() - interval '1 second' WHERE user_id = $1", [session.user.id]);
      expect((await t.api.post('/api/auth/refresh', { refreshToken: session.refreshToken })).status).toBe(401);
    });

    it('logout revokes the session (204); unknown tokens are accepted quietly', async () => {
      const session = await registerOrganization(t.api);
      expect((await t.api.post('/api/auth/logout', { refreshToken: session.refreshToken })).status).toBe(204);
      expect((await t.api.post('/api/auth/refresh', { refreshToken: session.refreshToken })).status).toBe(401);
      expect((await t.api.post('/api/auth/logout', { refreshToken: 'no-such-token' })).status).toBe(204);
    });
  });

  describe('signing out everywhere', () => {
    it('logout-all refuses every access and refresh token issued before it (S8)', async () => {
      const session = await registerOrganization(t.api);
      const other = (await t.api.post('/api/auth/login', { email: session.user.email, password: STRONG_PASSWORD })).body;
      expect((await t.api.post('/api/auth/logout-all', undefined, { token: session.accessToken })).status).toBe(204);
      for (const token of [session.accessToken, other.accessToken]) expect((await me(token)).status).toBe(401);
      for (const refreshToken of [session.refreshToken, other.refreshToken]) {
        expect((await t.api.post('/api/auth/refresh', { refreshToken })).status).toBe(401);
      }
      const fresh = await t.api.post('/api/auth/login', { email: session.user.email, password: STRONG_PASSWORD });
      expect((await me(fresh.body.accessToken)).status).toBe(200);
    });

    it('a password change signs out other sessions and returns a working pair', async () => {
      const session = await registerOrganization(t.api);
      const wrong = await t.api.post('/api/auth/password', { currentPassword: 'not my password', newPassword: 'amber lantern orbit 77' }, { token: session.accessToken });
      expect(wrong.status).toBe(400);
      const changed = await t.api.post('/api/auth/password', { currentPassword: STRONG_PASSWORD, newPassword: 'amber lantern orbit 77' }, { token: session.accessToken });
      expect(changed.status).toBe(200);
      expect((await me(session.accessToken)).status).toBe(401);
      expect((await me(changed.body.accessToken)).status).toBe(200);
      expect((await t.api.post('/api/auth/login', { email: session.user.email, password: 'amber lantern orbit 77' })).status).toBe(200);
    });
  });

  describe('forged and foreign tokens (S3–S6)', () => {
    let session: Session;
    let claims: Record<string, unknown>;
    /** Signs with the app's secret unless told otherwise; `expiresIn: null` leaves `exp` out. */
    const sign = (payload: object, options: Omit<jwt.SignOptions, 'expiresIn'> & { expiresIn?: number | null } = {}, secret: string = TEST_SECRETS.JWT_SECRET) => {
      const { expiresIn = 600, ...rest } = options;
      return jwt.sign(payload, secret, { algorithm: 'HS256', issuer: 'nestmap', audience: 'nestmap-api', ...(expiresIn === null ? {} : { expiresIn }), ...rest });
    };
    const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

    beforeAll(async () => {
      session = await registerOrganization(t.api);
      claims = { sub: session.user.id, org: session.user.organizationId, role: 'admin', ver: 0, typ: 'access' };
    });

    it('accepts a correctly made token (the control case)', async () => {
      expect((await me(sign(claims))).status).toBe(200);
    });

    it.each([
      ['alg none', () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, iss: 'nestmap', aud: 'nestmap-api', exp: Math.floor(Date.now() / 1000) + 600 })}.`],
      ['an altered payload', () => { const [h, , s] = session.accessToken.split('.'); return `${h}.${b64({ ...claims, role: 'admin', sub: '00000000-0000-4000-8000-000000000000' })}.${s}`; }],
      ['another secret', () => sign(claims, {}, 'some-other-secret-that-is-long-enough-1234567890')],
      ['an expired token', () => sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 60 }, { expiresIn: null })],
      ['a not-yet-valid token', () => sign(claims, { notBefore: 60 })],
      ['no exp', () => sign(claims, { expiresIn: null })],
      ['another audience', () => sign(claims, { audience: 'billing-service' })],
      ['another issuer', () => sign(claims, { issuer: 'evil' })],
      ['a jku header', () => sign(claims, { header: { alg: 'HS256', jku: 'https://evil.example/keys' } as jwt.JwtHeader })],
      ['a kid header', () => sign(claims, { keyid: 'unknown-key' })],
      ['a non-access type', () => sign({ ...claims, typ: 'refresh' })],
      ['a stale token version', () => sign({ ...claims, ver: 99 })],
      ['a refresh token as bearer', () => session.refreshToken],
      ['garbage', () => 'not.a.jwt'],
    ])('refuses %s with 401', async (_label, token) => {
      const response = await me(token());
      expect(response.status).toBe(401);
      expect(response.body.message).toBe('Missing, invalid or expired access token');
    });
  });

  describe('invitations', () => {
    let admin: Session;
    beforeAll(async () => {
      admin = await registerOrganization(t.api);
    });

    async function invite(role = 'manager'): Promise<{ id: string; token: string; email: string }> {
      const email = uniqueEmail('invitee');
      const response = await t.api.post('/api/organizations/current/invitations', { email, role }, { token: admin.accessToken });
      return { id: response.body.id, token: response.body.inviteUrl.split('/').pop(), email };
    }
    const accept = (token: string) => t.api.post('/api/auth/accept-invitation', { token, name: 'New Member', password: STRONG_PASSWORD });

    it('joins the organization with the invited role, once', async () => {
      const invitation = await invite('manager');
      const accepted = await accept(invitation.token);
      expect(accepted.status).toBe(201);
      expect(accepted.body.user).toMatchObject({ email: invitation.email, role: 'manager', organizationId: admin.user.organizationId });
      expect((await accept(invitation.token)).status).toBe(400);
    });

    it('refuses an expired or revoked invitation, and a weak password', async () => {
      const expired = await invite();
      await t.sql.query("UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE id = $1", [expired.id]);
      expect((await accept(expired.token)).status).toBe(400);
      const revoked = await invite();
      await t.api.delete(`/api/organizations/current/invitations/${revoked.id}`, { token: admin.accessToken });
      expect((await accept(revoked.token)).status).toBe(400);
      const weak = await invite();
      expect((await t.api.post('/api/auth/accept-invitation', { token: weak.token, name: 'Weak', password: 'password' })).status).toBe(400);
      expect((await accept('made-up-token')).status).toBe(400);
    });
  });
});

describe('Auth brute-force protection (S11)', () => {
  let t: TestApp;
  let victim: Session;
  beforeAll(async () => {
    t = await startTestApp({ THROTTLE_AUTH_ACCOUNT_LIMIT: '5', THROTTLE_AUTH_IP_LIMIT: '12', THROTTLE_AUTH_TTL_SECONDS: '2' });
    victim = await registerOrganization(t.api);
  });
  afterAll(() => t.close());

  const attempt = (email: string, password: string, forwardedFor?: string) =>
    t.api.post('/api/auth/login', { email, password }, forwardedFor ? { headers: { 'x-forwarded-for': forwardedFor } } : {});

  it('blocks an account after repeated attempts, whatever X-Forwarded-For says, and lifts the block after the window', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await attempt(victim.user.email, 'wrong password here', `10.0.0.${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const blocked = await attempt(victim.user.email, STRONG_PASSWORD, '10.9.9.9');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect((await attempt(victim.user.email, STRONG_PASSWORD)).status).toBe(200);
  });

  it('blocks one client guessing across many accounts', async () => {
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const statuses: number[] = [];
    for (let i = 0; i < 13; i += 1) statuses.push((await attempt(uniqueEmail('spray'), 'wrong password here')).status);
    expect(statuses.slice(0, 12).every((status) => status === 401)).toBe(true);
    expect(statuses[12]).toBe(429);
  });
});
