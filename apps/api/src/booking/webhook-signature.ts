import { createHmac, timingSafeEqual } from 'node:crypto';

/** Stripe's default, and what Duffel's clients use: an event signed longer ago than this is refused. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

export type SignatureProblem = 'missing' | 'malformed' | 'too_old' | 'mismatch' | 'no_secret';

/**
 * Checks Duffel's `X-Duffel-Signature: t=<unix seconds>,v1=<hex>` header: v1 is
 * HMAC-SHA256(secret, `${t}.${rawBody}`) over the body exactly as received. Constant-time compare;
 * a timestamp outside the tolerance (either way) is refused, so a captured request cannot be replayed
 * later. Null when the signature holds, else why not (for the log; the answer is the same 401).
 */
export function webhookSignatureProblem(
  header: string | string[] | undefined,
  rawBody: string,
  secret: string | undefined,
  now: Date = new Date(),
  toleranceSeconds = WEBHOOK_TOLERANCE_SECONDS,
): SignatureProblem | null {
  if (!secret) return 'no_secret';
  if (typeof header !== 'string' || header === '') return 'missing';
  const parts = new Map<string, string[]>();
  for (const part of header.split(',')) {
    const [key, ...rest] = part.trim().split('=');
    const value = rest.join('=');
    if (!key || !value) return 'malformed';
    parts.set(key, [...(parts.get(key) ?? []), value]);
  }
  const timestamp = parts.get('t')?.[0];
  const signatures = parts.get('v1') ?? [];
  if (!timestamp || !/^\d{1,12}$/.test(timestamp) || signatures.length === 0) return 'malformed';
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > toleranceSeconds) return 'too_old';
  const expected = createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest();
  const matches = signatures.some((signature) => {
    if (!/^[0-9a-f]{64}$/i.test(signature)) return false;
    return timingSafeEqual(Buffer.from(signature, 'hex'), expected);
  });
  return matches ? null : 'mismatch';
}

/** A header as Duffel would send it (tests, and the documentation's example). */
export function signWebhook(rawBody: string, secret: string, at: Date = new Date()): string {
  const timestamp = Math.floor(at.getTime() / 1000);
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}
