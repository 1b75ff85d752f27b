import { CSRF_HEADER } from './csrf';

/** The Web Lock every refresh in every tab takes: refresh tokens are single use. */
export const REFRESH_LOCK = 'nestmap-session-refresh';
const SLOT = '__nestmapEarlyRefresh';

/**
 * An inline script for the signed-in pages: it asks /session/refresh while the page's scripts are
 * still downloading, instead of after they have run, so the data requests that wait for the access
 * token start one round trip sooner. It takes the same lock as every other refresh. React never runs
 * it again (inline scripts in server HTML run once, on the first load); the session client picks
 * its answer up with `takeEarlyRefresh()`.
 */
export const EARLY_REFRESH_SCRIPT = `(() => {
  const send = () => fetch('/session/refresh', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', '${CSRF_HEADER}': '1' },
  });
  const answer = navigator.locks ? navigator.locks.request('${REFRESH_LOCK}', send) : send();
  answer.catch(() => {});
  window.${SLOT} = answer;
})();`;

/** The early refresh's answer, once: later refreshes send their own request. */
export function takeEarlyRefresh(): Promise<Response> | undefined {
  if (typeof window === 'undefined') return undefined;
  const slot = window as unknown as Record<typeof SLOT, Promise<Response> | undefined>;
  const answer = slot[SLOT];
  slot[SLOT] = undefined;
  return answer;
}
