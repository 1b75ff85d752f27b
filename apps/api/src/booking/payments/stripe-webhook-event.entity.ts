import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * A Stripe event already handled, by Stripe's event id (`evt_…`): Stripe delivers at least once
 * and retries for three days, so a second delivery of the same id changes nothing. Not tenant data:
 * the event names a PaymentIntent or a customer, and the organization is found from it.
 */
@Entity('stripe_webhook_events')
export class StripeWebhookEvent {
  @PrimaryColumn({ type: 'varchar', length: 255 })
  id: string;

  @Column({ type: 'varchar', length: 80 })
  type: string;

  /** What it did: the payment's new status, or why nothing ("duplicate", "stale", "ignored", …). */
  @Column({ type: 'varchar', length: 40 })
  outcome: string;

  @CreateDateColumn({ type: 'timestamptz' })
  receivedAt: Date;
}
