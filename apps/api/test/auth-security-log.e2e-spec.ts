import type { ApiResponse } from './support/api-client';
import { addMember, registerOrganization, Session, STRONG_PASSWORD, uniqueEmail } from './support/factories';
import { captureStdout, StdoutCapture } from './support/stdout-capture';
import { startTestApp, TestApp } from './support/test-app';

/**
 * docs/security.md S23: security events reach the JSON log with who, from where and which request,
 * and no credential ever does. The app logs at `info` here and its stdout is captured.
 */
describe('Security event logging (S23)', () => {
  let t: TestApp;
  let log: StdoutCapture;
  let admin: Session;
  let traveller: Session;
  const secrets = new Set<string>();

  beforeAll(async () => {
    log = captureStdout();
    t = await startTestApp({ LOG_LEVEL: 'info', THROTTLE_AUTH_ACCOUNT_LIMIT: '2' });
    admin = await registerOrganization(t.api);
    traveller = await addMember(t.api, admin, 'traveller');
    for (const session of [admin, traveller]) {
      secrets.add(session.accessToken);
      secrets.add(session.refreshToken);
    }
    secrets.add(STRONG_PASSWORD);
  });
  afterAll(async () => {
    await t?.close();
    log.restore();
  });

  const requestIdOf = (response: ApiResponse) => {
    const id = response.headers.get('x-request-id');
    expect(id).toEqual(expect.any(String));
    return id!;
  };
  /** The log lines of one request that carry a security `event`, once they are written. */
  async function eventsOf(response: ApiResponse, expected: number): Promise<Record<string, any>[]> {
    const requestId = requestIdOf(response);
    const matching = (lines: Record<string, any>[]) =>
      lines.filter((line) => line.requestId === requestId && line.event);
    await log.waitFor(
      (lines) => matching(lines).length >= expected && lines.some((line) => line.req?.id === requestId && line.res),
    );
    return matching(log.jsonLines());
  }

  it('logs a failed login once as login_failed, with requestId, ip and the account it targeted', async () => {
    const wrong = 'this is not the password';
    secrets.add(wrong);
    const response = await t.api.post('/api/auth/login', { email: traveller.user.email, password: wrong });
    expect(response.status).toBe(401);

    const events = await eventsOf(response, 2);
    const loginFailed = events.filter((line) => line.event === 'login_failed');
    expect(loginFailed).toHaveLength(1);
    expect(loginFailed[0]).toMatchObject({
      requestId: requestIdOf(response),
      ip: '127.0.0.1',
      userId: traveller.user.id,
      organizationId: traveller.user.organizationId,
    });
  });

  it('logs a 403 once, with requestId, ip, userId and organizationId', async () => {
    const response = await t.api.patch(
      '/api/organizations/current',
      { name: 'Hijacked' },
      { token: traveller.accessToken },
    );
    expect(response.status).toBe(403);

    const events = (await eventsOf(response, 1)).filter((line) => line.status === 403);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      event: 'security',
      requestId: requestIdOf(response),
      ip: '127.0.0.1',
      userId: traveller.user.id,
      organizationId: traveller.user.organizationId,
      method: 'PATCH',
      path: '/api/organizations/current',
    });
  });

  it('logs a 429 once, with requestId and ip', async () => {
    const target = await registerOrganization(t.api);
    secrets.add(target.accessToken);
    secrets.add(target.refreshToken);
    for (let i = 0; i < 2; i += 1) {
      expect(
        (await t.api.post('/api/auth/login', { email: target.user.email, password: 'wrong guess number one' })).status,
      ).toBe(401);
    }
    secrets.add('wrong guess number one');
    const response = await t.api.post('/api/auth/login', { email: target.user.email, password: STRONG_PASSWORD });
    expect(response.status).toBe(429);

    const events = (await eventsOf(response, 1)).filter((line) => line.status === 429);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      event: 'security',
      requestId: requestIdOf(response),
      ip: '127.0.0.1',
      path: '/api/auth/login',
    });
  });

  it("answers a client over its budget across routes with 429, and names the caller's user and organization in the log line", async () => {
    const budget = await startTestApp({ LOG_LEVEL: 'info', THROTTLE_CLIENT_LIMIT: '6', TRUST_PROXY: '127.0.0.1' });
    try {
      const caller = await registerOrganization(budget.api);
      secrets.add(caller.accessToken);
      secrets.add(caller.refreshToken);
      const from = (address: string) => ({ token: caller.accessToken, headers: { 'x-forwarded-for': address } });
      const routes = ['/api/auth/me', '/api/organizations/current', '/api/organizations/current/members'];
      // Two requests on each of three routes: no route is near its own limit, the client is at its budget.
      for (const route of [...routes, ...routes])
        expect((await budget.api.get(route, from('203.0.113.5'))).status).toBe(200);

      const refused = await budget.api.get('/api/organizations/current/policy', from('203.0.113.5'));
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      // Per client: another address with the same token is still served.
      expect((await budget.api.get('/api/organizations/current/policy', from('203.0.113.6'))).status).toBe(200);

      const events = (await eventsOf(refused, 1)).filter((line) => line.status === 429);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        event: 'security',
        requestId: requestIdOf(refused),
        ip: '203.0.113.5',
        userId: caller.user.id,
        organizationId: caller.user.organizationId,
        path: '/api/organizations/current/policy',
      });
    } finally {
      await budget.close();
    }
  });

  it('logs a replayed refresh token as refresh_token_reuse (S7), with user, organization, ip and requestId', async () => {
    const session = await registerOrganization(t.api);
    const rotated = await t.api.post('/api/auth/refresh', { refreshToken: session.refreshToken });
    expect(rotated.status).toBe(200);
    for (const token of [
      session.accessToken,
      session.refreshToken,
      rotated.body.accessToken,
      rotated.body.refreshToken,
    ])
      secrets.add(token);
    // A replay within the 10 s rotation grace period is answered, not treated as reuse.
    await t.sql.query("UPDATE refresh_tokens SET used_at = used_at - interval '11 seconds' WHERE user_id = $1", [
      session.user.id,
    ]);

    const replay = await t.api.post('/api/auth/refresh', { refreshToken: session.refreshToken });
    expect(replay.status).toBe(401);
    const reuse = (await eventsOf(replay, 2)).filter((line) => line.event === 'refresh_token_reuse');
    expect(reuse).toHaveLength(1);
    expect(reuse[0]).toMatchObject({
      requestId: requestIdOf(replay),
      ip: '127.0.0.1',
      userId: session.user.id,
      organizationId: session.user.organizationId,
    });
  });

  it('never writes a password, a bearer token or a refresh token to the log', async () => {
    // Every way a credential reaches the API: bodies, the Authorization header, a query string.
    const newPassword = 'quartz meadow lantern 19';
    const invitation = await t.api.post(
      '/api/organizations/current/invitations',
      { email: uniqueEmail('logged'), role: 'manager' },
      { token: admin.accessToken },
    );
    const invitationToken = new URL(invitation.body.inviteUrl).pathname.split('/').pop()!;
    const accepted = await t.api.post('/api/auth/accept-invitation', {
      token: invitationToken,
      name: 'Lou Logged',
      password: STRONG_PASSWORD,
    });
    expect(accepted.status).toBe(201);
    const changed = await t.api.post(
      '/api/auth/password',
      { currentPassword: STRONG_PASSWORD, newPassword },
      { token: accepted.body.accessToken },
    );
    expect(changed.status).toBe(200);
    const login = await t.api.post('/api/auth/login', { email: accepted.body.user.email, password: newPassword });
    expect(login.status).toBe(200);
    expect(
      (await t.api.get(`/api/auth/me?access_token=${login.body.accessToken}`, { token: login.body.accessToken }))
        .status,
    ).toBe(200);
    expect((await t.api.get('/api/auth/me', { token: `${login.body.accessToken}x` })).status).toBe(401);
    expect((await t.api.post('/api/auth/logout', { refreshToken: login.body.refreshToken })).status).toBe(204);
    expect((await t.api.post('/api/auth/refresh', { refreshToken: login.body.refreshToken })).status).toBe(401);
    const logoutAll = await t.api.post('/api/auth/logout-all', undefined, { token: changed.body.accessToken });
    expect(logoutAll.status).toBe(204);
    for (const value of [
      newPassword,
      invitationToken,
      accepted.body.accessToken,
      accepted.body.refreshToken,
      changed.body.accessToken,
      changed.body.refreshToken,
      login.body.accessToken,
      login.body.refreshToken,
    ]) {
      secrets.add(value);
    }
    await eventsOf(logoutAll, 0);

    const text = log.text();
    // The capture really holds the requests above, so the search below is not over an empty log.
    expect(log.jsonLines().filter((line) => line.msg === 'request completed').length).toBeGreaterThanOrEqual(20);
    expect(text).toContain('/api/auth/password');
    const leaked = [...secrets].filter((secret) => text.includes(secret));
    expect(leaked).toEqual([]);
    // Nor any JWT-looking string at all.
    expect(text).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+\./);
  });
});
