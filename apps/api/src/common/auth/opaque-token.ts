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

/**
 * A token the API can show again without storing it: a keyed hash of a stored random seed, in the
 * same URL-safe form as `newOpaqueToken`. The seed alone (a leaked table) yields nothing.
 */
export function tokenFromSeed(secret: string, purpose: string, seed: string): string {
  return createHmac('sha256', secret).update(`${purpose}:${seed}`).digest('base64url');
}
