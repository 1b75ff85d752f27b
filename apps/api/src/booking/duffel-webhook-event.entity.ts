import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * A Duffel webhook event already handled, by Duffel's event id: deliveries are at least once and
 * retried for 72 hours, so a second delivery of the same id changes nothing. Not tenant data: the
 * event names an order, and the booking it belongs to is found from it.
 */
@Entity('duffel_webhook_events')
export class DuffelWebhookEvent {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  id: string;

  @Column({ type: 'varchar', length: 80 })
  type: string;

  /** What it did: the booking's new status, or why nothing ("unknown_order", "ignored", …). */
  @Column({ type: 'varchar', length: 40 })
  outcome: string;

  @CreateDateColumn({ type: 'timestamptz' })
  receivedAt: Date;
}
