import { createHmac } from 'node:crypto';
import * as jwt from 'jsonwebtoken';
import type { ApiResponse } from './support/api-client';
import { addMember, registerOrganization, Session, STRONG_PASSWORD } from './support/factories';
import { startTestApp, TEST_SECRETS, TestApp } from './support/test-app';

/**
 * Sessions over real HTTP: refresh-token rotation and reuse detection (docs/security.md S7), logout,
 * logout-all and password change (S8), and access tokens that are forged, foreign or of the
 * wrong kind (S3–S6).
 */

const ACCESS_REFUSED = { code: 'UNAUTHENTICATED', message: 'Missing, invalid or expired access token' };
const ACCESS_EXPIRED = { ...ACCESS_REFUSED, code: 'TOKEN_EXPIRED' };
const REFRESH_REFUSED = { code: 'REFRESH_TOKEN_INVALID', message: 'Invalid or expired refresh token' };

function expect401(response: ApiResponse, refusal: { code: string; message: string }): void {
  expect(response.status).toBe(401);
  expect(response.body).toEqual(expect.objectContaining({ statusCode: 401, error: 'Unauthorized', ...refusal }));
}

describe('Sessions and tokens', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const me = (token: string) => t.api.get('/api/auth/me', { token });
  const refresh = (refreshToken: string) => t.api.post('/api/auth/refresh', { refreshToken });
  const login = (email: string, password = STRONG_PASSWORD) => t.api.post('/api/auth/login', { email, password });
  /** Moves the user's spent refresh tokens past the 10 s rotation grace period, as if time had passed. */
  const outlastGracePeriod = (userId: string) =>
    t.sql.query(
      "UPDATE refresh_tokens SET used_at = used_at - interval '11 seconds' WHERE user_id = $1 AND used_at IS NOT NULL",
      [userId],
    );

  describe('POST /api/auth/refresh', () => {
    it('returns 200 with a new, working pair; once the grace period is over the presented refresh token is spent (401)', async () => {
      const session = await registerOrganization(t.api);
      const refreshed = await refresh(session.refreshToken);

      expect(refreshed.status).toBe(200);
      expect(Object.keys(refreshed.body).sort()).toEqual(['accessToken', 'refreshToken', 'user']);
      expect(refreshed.body.refreshToken).not.toBe(session.refreshToken);
      expect(refreshed.body.user).toMatchObject({
        id: session.user.id,
        organizationId: session.user.organizationId,
        role: 'admin',
      });
      expect((await me(refreshed.body.accessToken)).body.id).toBe(session.user.id);

      await outlastGracePeriod(session.user.id);
      expect401(await refresh(session.refreshToken), REFRESH_REFUSED);
    });

    it('revokes the whole family when a spent refresh token is replayed after the grace period: newer refresh tokens and every access token of the family are refused too (S7)', async () => {
      const session = await registerOrganization(t.api);
      const otherDevice = (await login(session.user.email)).body;
      const second = (await refresh(session.refreshToken)).body;
      const third = (await refresh(second.refreshToken)).body;
      expect(third.refreshToken).toEqual(expect.any(String));
      for (const token of [session.accessToken, second.accessToken, third.accessToken])
        expect((await me(token)).status).toBe(200);

      await outlastGracePeriod(session.user.id);
      expect401(await refresh(session.refreshToken), REFRESH_REFUSED);
      expect401(await refresh(third.refreshToken), REFRESH_REFUSED);
      // Issue 7 §6: the family's access tokens used to keep working for up to 15 minutes.
      for (const token of [session.accessToken, second.accessToken, third.accessToken])
        expect401(await me(token), ACCESS_REFUSED);
      const family = await t.sql.query(
        'SELECT revoked_at FROM refresh_tokens WHERE family_id = (SELECT family_id FROM refresh_tokens WHERE user_id = $1 ORDER BY created_at LIMIT 1)',
        [session.user.id],
      );
      expect(family.rows).toHaveLength(3);
      for (const row of family.rows) expect(row.revoked_at).not.toBeNull();

      // Only the compromised session ends: the same user's other login keeps working.
      expect((await me(otherDevice.accessToken)).status).toBe(200);
      expect((await refresh(otherDevice.refreshToken)).status).toBe(200);
    });

    it('gives two concurrent refreshes with the same token (two tabs) two working pairs in the same session, which stays alive', async () => {
      for (let round = 0; round < 3; round += 1) {
        const session = await registerOrganization(t.api);
        const results = await Promise.all([refresh(session.refreshToken), refresh(session.refreshToken)]);
        expect(results.map((response) => response.status)).toEqual([200, 200]);
        const [first, second] = results.map((response) => response.body);
        expect(first.refreshToken).not.toBe(second.refreshToken);

        const { rows } = await t.sql.query(
          'SELECT count(DISTINCT family_id) AS families, count(*) AS tokens, count(revoked_at) AS revoked FROM refresh_tokens WHERE user_id = $1',
          [session.user.id],
        );
        expect(rows[0]).toEqual({ families: '1', tokens: '3', revoked: '0' });
        // Both tabs go on: each one's access token works and each one's refresh token rotates.
        for (const pair of [first, second]) {
          expect((await me(pair.accessToken)).status).toBe(200);
          expect((await refresh(pair.refreshToken)).status).toBe(200);
        }
      }
    });

    it('answers a just-rotated token again within the grace period with a working sibling; the same reuse after it revokes the family', async () => {
      const session = await registerOrganization(t.api);
      const winner = (await refresh(session.refreshToken)).body;
      const late = await refresh(session.refreshToken);
      expect(late.status).toBe(200);
      expect(late.body.refreshToken).not.toBe(winner.refreshToken);
      expect((await me(late.body.accessToken)).status).toBe(200);
      expect((await me(winner.accessToken)).status).toBe(200);

      await outlastGracePeriod(session.user.id);
      expect401(await refresh(session.refreshToken), REFRESH_REFUSED);
      for (const pair of [winner, late.body]) {
        expect401(await refresh(pair.refreshToken), REFRESH_REFUSED);
        expect401(await me(pair.accessToken), ACCESS_REFUSED);
      }
    });

    it('refuses every token of a family in which a concurrent rotation escaped the revoking UPDATE (one revoked row revokes the family)', async () => {
      const session = await registerOrganization(t.api);
      const rotated = (await refresh(session.refreshToken)).body;
      // What a logout racing a rotation leaves: the older token revoked, the successor not.
      await t.sql.query('UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND used_at IS NOT NULL', [
        session.user.id,
      ]);

      expect401(await me(rotated.accessToken), ACCESS_REFUSED);
      expect401(await refresh(rotated.refreshToken), REFRESH_REFUSED);
    });

    it('stores no refresh or access token in plaintext: token_hash differs from the token and no column of any table holds it', async () => {
      const session = await registerOrganization(t.api);
      const rotated = (await refresh(session.refreshToken)).body;
      const secrets = [session.refreshToken, rotated.refreshToken, session.accessToken, rotated.accessToken];

      const tokens = await t.sql.query('SELECT * FROM refresh_tokens WHERE user_id = $1', [session.user.id]);
      expect(tokens.rows).toHaveLength(2);
      for (const row of tokens.rows) {
        expect(secrets).not.toContain(row.token_hash);
        expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
        for (const value of Object.values(row))
          for (const secret of secrets) expect(String(value)).not.toContain(secret);
      }

      const tables = await t.sql.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
      );
      expect(tables.rows.map((row) => row.table_name)).toEqual(expect.arrayContaining(['users', 'refresh_tokens']));
      for (const { table_name: table } of tables.rows) {
        for (const secret of secrets) {
          const { rows } = await t.sql.query(`SELECT count(*) FROM "${table}" r WHERE strpos(r::text, $1) > 0`, [
            secret,
          ]);
          expect({ table, count: Number(rows[0].count) }).toEqual({ table, count: 0 });
        }
      }
    });

    it('refuses a refresh token past its family’s absolute expiry (401), even though it was just issued', async () => {
      const session = await registerOrganization(t.api);
      const rotated = (await refresh(session.refreshToken)).body;
      await t.sql.query(
        "UPDATE refresh_tokens SET family_expires_at = now() - interval '1 second' WHERE user_id = $1",
        [session.user.id],
      );
      expect401(await refresh(rotated.refreshToken), REFRESH_REFUSED);
    });

    it('refuses a refresh token past its own (idle) expiry (401)', async () => {
      const session = await registerOrganization(t.api);
      await t.sql.query("UPDATE refresh_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1", [
        session.user.id,
      ]);
      expect401(await refresh(session.refreshToken), REFRESH_REFUSED);
    });

    it('keeps the family’s absolute expiry through rotations', async () => {
      const session = await registerOrganization(t.api);
      const before = await t.sql.query('SELECT family_expires_at FROM refresh_tokens WHERE user_id = $1', [
        session.user.id,
      ]);
      await refresh(session.refreshToken);
      const after = await t.sql.query('SELECT DISTINCT family_expires_at FROM refresh_tokens WHERE user_id = $1', [
        session.user.id,
      ]);
      expect(after.rows).toEqual(before.rows);
    });

    it('refuses an unknown refresh token with 401', async () => {
      expect401(await refresh('A'.repeat(43)), REFRESH_REFUSED);
    });
  });

  describe('POST /api/auth/logout', () => {
    it("returns 204, after which that session's refresh token and access tokens are refused (401) while other sessions keep working", async () => {
      const session = await registerOrganization(t.api);
      const otherDevice = (await login(session.user.email)).body;
      const rotated = (await refresh(session.refreshToken)).body;

      const response = await t.api.post('/api/auth/logout', { refreshToken: rotated.refreshToken });
      expect(response.status).toBe(204);
      expect(response.text).toBe('');
      expect401(await refresh(rotated.refreshToken), REFRESH_REFUSED);
      // Issue 7 §6: signing out used to leave the session's access tokens working for up to 15 minutes.
      expect401(await me(session.accessToken), ACCESS_REFUSED);
      expect401(await me(rotated.accessToken), ACCESS_REFUSED);
      expect((await me(otherDevice.accessToken)).status).toBe(200);
      expect((await refresh(otherDevice.refreshToken)).status).toBe(200);
    });

    it('answers 204 for an unknown refresh token (nothing to reveal)', async () => {
      expect((await t.api.post('/api/auth/logout', { refreshToken: 'B'.repeat(43) })).status).toBe(204);
    });
  });

  describe('POST /api/auth/logout-all', () => {
    it('refuses every access token (401 on /api/auth/me) and every refresh token issued before it', async () => {
      const session = await registerOrganization(t.api);
      const otherDevice = (await login(session.user.email)).body;
      const rotated = (await refresh(otherDevice.refreshToken)).body;

      const response = await t.api.post('/api/auth/logout-all', undefined, { token: session.accessToken });
      expect(response.status).toBe(204);

      for (const token of [session.accessToken, otherDevice.accessToken, rotated.accessToken])
        expect401(await me(token), ACCESS_REFUSED);
      for (const token of [session.refreshToken, rotated.refreshToken])
        expect401(await refresh(token), REFRESH_REFUSED);

      const fresh = (await login(session.user.email)).body;
      expect((await me(fresh.accessToken)).status).toBe(200);
      expect((await refresh(fresh.refreshToken)).status).toBe(200);
    });

    it('needs an access token (401 without one)', async () => {
      expect401(await t.api.post('/api/auth/logout-all'), ACCESS_REFUSED);
    });
  });

  describe('POST /api/auth/password', () => {
    const NEW_PASSWORD = 'amber lantern orbit 77';

    it('returns 200 with a new working pair; the old access and refresh tokens and the old password are refused', async () => {
      const session = await registerOrganization(t.api);
      const otherDevice = (await login(session.user.email)).body;

      const changed = await t.api.post(
        '/api/auth/password',
        { currentPassword: STRONG_PASSWORD, newPassword: NEW_PASSWORD },
        { token: session.accessToken },
      );
      expect(changed.status).toBe(200);
      expect(Object.keys(changed.body).sort()).toEqual(['accessToken', 'refreshToken', 'user']);

      expect((await me(changed.body.accessToken)).body.id).toBe(session.user.id);
      expect401(await me(session.accessToken), ACCESS_REFUSED);
      expect401(await me(otherDevice.accessToken), ACCESS_REFUSED);
      expect401(await refresh(session.refreshToken), REFRESH_REFUSED);
      expect401(await refresh(otherDevice.refreshToken), REFRESH_REFUSED);
      expect((await refresh(changed.body.refreshToken)).status).toBe(200);

      expect((await login(session.user.email, STRONG_PASSWORD)).status).toBe(401);
      expect((await login(session.user.email, NEW_PASSWORD)).status).toBe(200);
    });

    it('refuses a wrong current password with 400 and changes nothing', async () => {
      const session = await registerOrganization(t.api);
      const before = await t.sql.query('SELECT password_hash, token_version FROM users WHERE id = $1', [
        session.user.id,
      ]);

      const response = await t.api.post(
        '/api/auth/password',
        { currentPassword: 'not my password at all', newPassword: NEW_PASSWORD },
        { token: session.accessToken },
      );
      expect(response.status).toBe(400);
      expect(response.body).toEqual(
        expect.objectContaining({ statusCode: 400, error: 'Bad Request', message: expect.any(String) }),
      );

      const after = await t.sql.query('SELECT password_hash, token_version FROM users WHERE id = $1', [
        session.user.id,
      ]);
      expect(after.rows).toEqual(before.rows);
      expect((await me(session.accessToken)).status).toBe(200);
      expect((await login(session.user.email, STRONG_PASSWORD)).status).toBe(200);
    });

    it('refuses a weak new password with 400', async () => {
      const session = await registerOrganization(t.api);
      const response = await t.api.post(
        '/api/auth/password',
        { currentPassword: STRONG_PASSWORD, newPassword: 'password123456' },
        { token: session.accessToken },
      );
      expect(response.status).toBe(400);
      expect((await me(session.accessToken)).status).toBe(200);
    });
  });

  describe('forged and foreign access tokens on GET /api/auth/me (S3–S6)', () => {
    let traveller: Session;
    let claims: { sub: string; org: string; role: string; ver: number; sid: string; typ: string };
    const now = () => Math.floor(Date.now() / 1000);
    const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    /** Signs like the API does (HS256, issuer, audience, 10 min), unless told otherwise. */
    const sign = (payload: object, options: jwt.SignOptions = {}, secret: string = TEST_SECRETS.JWT_SECRET) =>
      jwt.sign(payload, secret, { algorithm: 'HS256', issuer: 'nestmap', audience: 'nestmap-api', ...options });
    const valid = (overrides: object = {}, options: jwt.SignOptions = {}) =>
      sign({ ...claims, ...overrides }, { expiresIn: 600, ...options });

    beforeAll(async () => {
      const admin = await registerOrganization(t.api);
      traveller = await addMember(t.api, admin, 'traveller');
      const { sid } = jwt.decode(traveller.accessToken) as { sid: string };
      claims = {
        sub: traveller.user.id,
        org: traveller.user.organizationId,
        role: 'traveller',
        ver: 0,
        sid,
        typ: 'access',
      };
    });

    it('accepts a correctly made token signed with the real secret (control case: the refusals below are not trivial)', async () => {
      const response = await me(valid());
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ id: traveller.user.id, role: 'traveller' });
      expect((await me(traveller.accessToken)).status).toBe(200);
      // The same token as built by hand, for the cases that alter its parts.
      const handMade = `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url({ ...claims, iss: 'nestmap', aud: 'nestmap-api', iat: now(), exp: now() + 600 })}`;
      const signature = createHmac('sha256', TEST_SECRETS.JWT_SECRET).update(handMade).digest('base64url');
      expect((await me(`${handMade}.${signature}`)).status).toBe(200);
    });

    it.each<[string, () => string]>([
      [
        'alg "none" with an empty signature',
        () =>
          `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ ...claims, iss: 'nestmap', aud: 'nestmap-api', iat: now(), exp: now() + 600 })}.`,
      ],
      [
        'a payload altered (role → admin) under the original signature',
        () => {
          const [header, payload, signature] = traveller.accessToken.split('.');
          const altered = { ...JSON.parse(Buffer.from(payload, 'base64url').toString()), role: 'admin' };
          return `${header}.${base64url(altered)}.${signature}`;
        },
      ],
      [
        'a signature made with another secret',
        () => sign({ ...claims }, { expiresIn: 600 }, 'another-secret-of-the-same-length-0123456789abcdef'),
      ],
      ['HS512 with the real secret (algorithm not allowed)', () => valid({}, { algorithm: 'HS512' })],
      ['nbf = now + 60', () => sign({ ...claims, exp: now() + 600, nbf: now() + 60 })],
      ['no exp', () => sign({ ...claims })],
      ['an audience of another service', () => valid({}, { audience: 'nestmap-billing' })],
      ['an issuer of another service', () => valid({}, { issuer: 'someone-else' })],
      [
        'a jku header',
        () => valid({}, { header: { alg: 'HS256', jku: 'https://keys.attacker.example/jwks.json' } as jwt.JwtHeader }),
      ],
      [
        'a jwk header',
        () =>
          valid({}, { header: { alg: 'HS256', jwk: { kty: 'oct', k: 'YXR0YWNrZXI' } } as unknown as jwt.JwtHeader }),
      ],
      ['a kid header', () => valid({}, { keyid: 'attacker-key-1' })],
      [
        'an x5u header',
        () =>
          valid(
            {},
            { header: { alg: 'HS256', x5u: 'https://keys.attacker.example/cert.pem' } as unknown as jwt.JwtHeader },
          ),
      ],
      ['typ "refresh"', () => valid({ typ: 'refresh' })],
      ['typ "id"', () => valid({ typ: 'id' })],
      [
        'no typ',
        () =>
          sign(
            { sub: claims.sub, org: claims.org, role: claims.role, ver: claims.ver, sid: claims.sid },
            { expiresIn: 600 },
          ),
      ],
      ['a token version other than the user’s current one', () => valid({ ver: 1 })],
      ['another organization than the user’s', () => valid({ org: '00000000-0000-4000-8000-000000000000' })],
      ['an unknown user', () => valid({ sub: '00000000-0000-4000-8000-000000000000' })],
      ['no session id (sid)', () => valid({ sid: undefined })],
      ['a session id that is not a UUID', () => valid({ sid: "x' OR '1'='1" })],
      ['a refresh token used as Bearer', () => traveller.refreshToken],
      ['something that is not a JWT', () => 'not-a-jwt'],
    ])('refuses %s with 401', async (_label, makeToken) => {
      expect401(await me(makeToken()), ACCESS_REFUSED);
    });

    it('says TOKEN_EXPIRED only of a token that is genuine in every other way (401 either way)', async () => {
      const expired = (overrides: object = {}, options: jwt.SignOptions = {}, secret?: string) =>
        sign({ ...claims, exp: now() - 1, ...overrides }, options, secret);
      expect401(await me(expired()), ACCESS_EXPIRED);
      expect401(await me(expired({}, {}, 'another-secret-of-the-same-length-0123456789abcdef')), ACCESS_REFUSED);
      expect401(await me(expired({}, { audience: 'nestmap-billing' })), ACCESS_REFUSED);
      expect401(await me(expired({ typ: 'refresh' })), ACCESS_REFUSED);
      expect401(await me(expired({ sid: 'not-a-uuid' })), ACCESS_REFUSED);
    });

    it('refuses a missing Authorization header and a non-Bearer scheme with 401', async () => {
      expect401(await t.api.get('/api/auth/me'), ACCESS_REFUSED);
      expect401(await t.api.get('/api/auth/me', { headers: { authorization: `Basic ${valid()}` } }), ACCESS_REFUSED);
    });
  });
});
