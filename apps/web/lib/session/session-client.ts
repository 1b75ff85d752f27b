import type { Schemas } from '@nestmap/api-client';
import { toApiError } from '../api/api-error';
import { clearDrafts } from '../forms/session-drafts';
import { singleFlight } from './auth-fetch';
import { CSRF_HEADER } from './csrf';
import { REFRESH_LOCK, takeEarlyRefresh } from './early-refresh';

export type User = Schemas['UserResponse'];

export interface Session {
  accessToken: string;
  user: User;
}

/** The access token lives here, in memory only: never localStorage, never a readable cookie. */
let accessToken: string | null = null;
/** Why there is no session: never signed in (or signed out), or a session that ended by itself. */
export type SignedOutReason = 'signed-out' | 'expired';
type Listener = (session: Session | null, reason?: SignedOutReason) => void;
const listeners = new Set<Listener>();

export function getAccessToken(): string | null {
  return accessToken;
}

/** Listeners run synchronously, before React re-renders: the moment to keep what a form holds. */
export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Set once a session has ended by itself, until the next one starts: later failed refreshes say the same. */
let ended = false;

function publish(session: Session | null, reason?: SignedOutReason) {
  accessToken = session?.accessToken ?? null;
  ended = !session && reason === 'expired';
  for (const listener of listeners) listener(session, session ? undefined : (reason ?? 'signed-out'));
}

async function post(path: string, body?: unknown): Promise<Response> {
  return fetch(`/session/${path}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', [CSRF_HEADER]: '1' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function start(path: string, body: unknown): Promise<Session> {
  const response = await post(path, body);
  const data = await response.json().catch(() => null);
  if (!response.ok) throw toApiError(response, data);
  publish(data as Session);
  return data as Session;
}

export const signIn = (body: { email: string; password: string }) => start('sign-in', body);
export const signUp = (body: { email: string; password: string; name: string; organizationName: string }) =>
  start('sign-up', body);
export const acceptInvitation = (body: { token: string; name: string; password: string }) =>
  start('accept-invitation', body);

async function refreshNow(): Promise<Session | null> {
  return settleRefresh(await post('refresh'));
}

/** Set once the page's first refresh has answered, whatever it said. */
let firstRefreshAnswered = false;

async function settleRefresh(response: Response): Promise<Session | null> {
  try {
    if (!response.ok) {
      // With a token in hand the session was working until now: it ended (expired or revoked). A
      // second request failing moments later must not turn that into a plain "signed out".
      publish(null, accessToken || ended ? 'expired' : 'signed-out');
      return null;
    }
    const session = (await response.json()) as Session;
    publish(session);
    return session;
  } finally {
    // Only now, with the token published: a request asking while the body was still being read
    // would otherwise go without a token (and its 401 would read as the end of the session).
    firstRefreshAnswered = true;
  }
}

/**
 * One refresh at a time in this tab (single flight) and across tabs (Web Locks): a tab that waits
 * sends the cookie the previous refresh just rotated, never the spent one.
 */
export const refreshSession = singleFlight(async (): Promise<Session | null> => {
  // The page's first refresh was sent by the inline script, under the same lock.
  const early = takeEarlyRefresh();
  if (early) return settleRefresh(await early);
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  return locks ? locks.request(REFRESH_LOCK, refreshNow) : refreshNow();
});

/**
 * While the page's first refresh is on its way, the token it brings: a page rendered on the server
 * shows the signed-in view (and may ask for data) before the browser holds a token.
 */
export function pendingAccessToken(): Promise<string | null> | null {
  return firstRefreshAnswered || accessToken ? null : refreshAccessToken();
}

export async function refreshAccessToken(): Promise<string | null> {
  try {
    return (await refreshSession())?.accessToken ?? null;
  } catch {
    return null;
  }
}

export async function signOut(): Promise<void> {
  clearDrafts();
  try {
    await post('sign-out');
  } finally {
    publish(null);
  }
}

/** Replaces the user kept with the session (e.g. after /api/auth/me), keeping the token. */
export function updateUser(user: User) {
  if (accessToken) publish({ accessToken, user });
}
