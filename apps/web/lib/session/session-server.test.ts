/**
 * @jest-environment node
 */
import { NextRequest } from 'next/server';
import { ACCESS_COOKIE, csrfRejection, pick, REFRESH_COOKIE, toSessionResponse } from './session-server';

function post(headers: Record<string, string>) {
  return new NextRequest('http://app.example/session/refresh', {
    method: 'POST',
    headers: { host: 'app.example', ...headers },
  });
}

describe('csrfRejection', () => {
  it('accepts a same-origin call that carries the custom header', () => {
    expect(
      csrfRejection(post({ 'X-NestMap-CSRF': '1', origin: 'http://app.example', 'sec-fetch-site': 'same-origin' })),
    ).toBeNull();
  });

  it('refuses a call without the custom header (a plain cross-site form post cannot add it)', () => {
    expect(csrfRejection(post({ origin: 'http://app.example' }))?.status).toBe(403);
  });

  it('refuses another origin even with the header', () => {
    expect(csrfRejection(post({ 'X-NestMap-CSRF': '1', origin: 'https://evil.example' }))?.status).toBe(403);
    expect(csrfRejection(post({ 'X-NestMap-CSRF': '1', 'sec-fetch-site': 'cross-site' }))?.status).toBe(403);
  });
});

describe('toSessionResponse', () => {
  it('keeps the refresh token out of the body and in an httpOnly, SameSite=Strict cookie scoped to /session', async () => {
    const response = toSessionResponse({
      status: 201,
      body: { accessToken: 'a', refreshToken: 'r', user: { id: 'u' } },
      retryAfter: null,
    });
    expect(await response.json()).toEqual({ accessToken: 'a', user: { id: 'u' } });
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toContain(`${REFRESH_COOKIE}=r`);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=strict/i);
    expect(cookie).toMatch(/Path=\/session/i);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('copies the access token into an httpOnly, SameSite=Strict cookie sent only to the trip pages, for 14 minutes', () => {
    const response = toSessionResponse({
      status: 200,
      body: { accessToken: 'a', refreshToken: 'r', user: { id: 'u' } },
      retryAfter: null,
    });
    const access = response.headers.getSetCookie().find((cookie) => cookie.startsWith(`${ACCESS_COOKIE}=`)) ?? '';
    expect(access).toMatch(/^nestmap_access=a;/);
    expect(access).toMatch(/HttpOnly/i);
    expect(access).toMatch(/SameSite=strict/i);
    expect(access).toMatch(/Path=\/trips(;|$)/i);
    expect(access).toMatch(/Max-Age=840/i);
  });

  it("passes the API's error through, and clears the cookie when a refresh is refused", async () => {
    const response = toSessionResponse(
      { status: 401, body: { statusCode: 401, message: 'Refresh token reused' }, retryAfter: null },
      { clearCookieOnError: true },
    );
    expect(response.status).toBe(401);
    expect((await response.json()).message).toBe('Refresh token reused');
    expect(response.headers.get('set-cookie')).toMatch(new RegExp(`${REFRESH_COOKIE}=;`));
    expect(response.headers.get('set-cookie')).toMatch(new RegExp(`${ACCESS_COOKIE}=;`));
  });

  it('keeps Retry-After on a rate-limited answer', () => {
    const response = toSessionResponse({
      status: 429,
      body: { statusCode: 429, message: 'Too many requests' },
      retryAfter: '60',
    });
    expect(response.headers.get('retry-after')).toBe('60');
  });
});

describe('pick', () => {
  it('forwards only the named fields', () => {
    expect(pick({ email: 'a@b.c', password: 'x', role: 'admin' }, ['email', 'password'])).toEqual({
      email: 'a@b.c',
      password: 'x',
    });
  });
});
