import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';
import { STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET } from './fake-stripe-server';
import type { TestApp } from './test-app';

export { STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET };

/** The SDK signs test deliveries exactly as Stripe does (`t=…,v1=…` over the raw body). */
const signer = new Stripe(STRIPE_SECRET_KEY);

/** An event as Stripe sends it (API version of the SDK), around a Stripe object. */
export function stripeEvent(
  type: string,
  object: Record<string, unknown>,
  id = `evt_${randomBytes(12).toString('hex')}`,
) {
  return {
    id,
    object: 'event',
    api_version: '2026-10-28.endive',
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  };
}

/** Posts the event to the Stripe webhook, signed over the exact raw body (or with `signature` as given). */
export function deliverStripeEvent(
  t: TestApp,
  event: Record<string, unknown>,
  options: { secret?: string; timestamp?: number; signature?: string | null } = {},
) {
  const raw = JSON.stringify(event);
  const signature =
    options.signature !== undefined
      ? options.signature
      : signer.webhooks.generateTestHeaderString({
          payload: raw,
          secret: options.secret ?? STRIPE_WEBHOOK_SECRET,
          timestamp: options.timestamp,
        });
  return t.api.request('POST', '/api/webhooks/stripe', {
    rawBody: raw,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      ...(signature === null ? {} : { 'stripe-signature': signature }),
    },
  });
}
