import { createHmac, randomBytes } from 'node:crypto';

/** A new opaque secret token (256 bits, URL-safe). */
export function newOpaqueToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Keyed hash of an opaque token for storage. Tokens are high-entropy, so one HMAC is enough
 * (no slow hash needed), and the key (SESSION_SECRET) makes a leaked table useless by itself.
 */
export function hashToken(secret: string, token: string): string {
  return createHmac('sha256', secret).update(token).digest('hex');
}
