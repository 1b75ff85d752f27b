import { timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

/**
 * Who may read /api/metrics: a scraper on the same host, or one presenting `METRICS_TOKEN` as a
 * bearer token. (Behind the bundled nginx site the route is not proxied at all.)
 */
export function mayReadMetrics(ip: string, authorization: string | undefined, token: string | undefined): boolean {
  if (isLoopback(ip)) return true;
  if (!token || !authorization?.startsWith('Bearer ')) return false;
  const presented = Buffer.from(authorization.slice('Bearer '.length));
  const expected = Buffer.from(token);
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}

function isLoopback(ip: string): boolean {
  const address = ip.startsWith('::ffff:') ? ip.slice('::ffff:'.length) : ip;
  if (isIP(address) === 4) return address.startsWith('127.');
  return address === '::1';
}
