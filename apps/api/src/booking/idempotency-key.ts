import { createHash } from 'node:crypto';
import { DomainError } from '../common/errors/domain-error';
import { BookingErrorCode } from '../common/errors/error-codes';

/** Stripe's limit; printable ASCII only, so a key is safe in logs and SQL text alike. */
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** The `Idempotency-Key` header, checked: 400 IDEMPOTENCY_KEY_INVALID when missing or malformed. */
export function idempotencyKeyOf(header: string | string[] | undefined): string {
  const key = Array.isArray(header) ? undefined : header?.trim();
  if (!key || !KEY_PATTERN.test(key)) {
    throw new DomainError(
      BookingErrorCode.IdempotencyKeyInvalid,
      'An Idempotency-Key header is required: 1 to 255 printable ASCII characters (a UUID v4 is a good key); reuse it only to retry the same request',
    );
  }
  return key;
}

/**
 * What a request asked for, as a SHA-256 of its canonical JSON (keys sorted, undefined left out):
 * a retry with the same key must ask for exactly the same thing.
 */
export function requestFingerprint(request: unknown): string {
  return createHash('sha256').update(canonicalJson(request)).digest('hex');
}

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
