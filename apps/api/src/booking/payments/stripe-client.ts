import Stripe from 'stripe';
import type { AppConfig } from '../../config/app-config';

/** The Stripe SDK client, or null when card payments are off (no STRIPE_SECRET_KEY). */
export const STRIPE = Symbol('STRIPE');

export type StripeClient = Stripe;

/**
 * One client per process. `host`/`port`/`protocol` come from STRIPE_API_BASE_URL (a local stand-in
 * in tests); the SDK's retries (`maxNetworkRetries`) resend the same Idempotency-Key, so a retry
 * never charges twice.
 */
export function createStripeClient({ stripe }: AppConfig): Stripe | null {
  if (!stripe.secretKey) return null;
  return new Stripe(stripe.secretKey, {
    timeout: stripe.timeoutMs,
    maxNetworkRetries: stripe.maxNetworkRetries,
    appInfo: { name: 'NestMap' },
    ...(stripe.host ? { host: stripe.host, port: stripe.port, protocol: stripe.protocol } : {}),
  });
}
