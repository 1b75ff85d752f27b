import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Organization } from '../common/tenancy/organization.entity';

export enum OutboxStatus {
  Pending = 'pending',
  Delivered = 'delivered',
  Failed = 'failed',
}

/** The topic of a queued e-mail; every other topic is a domain event type (events/event-map.ts). */
export const MAIL_TOPIC = 'mail';
/** The handler that sends queued e-mail through the configured transport. */
export const MAIL_HANDLER = 'mail.transport';

/** A queued e-mail as the mail sender gets it (`chk_outbox_kind` guarantees its fields on mail rows). */
export interface QueuedMail {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
}

/**
 * The transactional outbox: work written in the same transaction as the change that caused it and
 * done later by the outbox worker, at least once. A row is one piece of work for one handler:
 * an e-mail for the mail transport (topic `mail`, the message in its own columns), or a domain
 * event for one subscribed handler (topic = event type, the event in `payload`; one row per
 * handler, sharing `event_id`, so each handler has its own attempts, backoff and failure).
 */
@Entity('outbox_messages')
@Index('idx_outbox_due', ['nextAttemptAt'], { where: `"status" = 'pending'` })
@Index('idx_outbox_org', ['organizationId', 'createdAt'], { where: `"topic" = 'mail'` })
@Index('uq_outbox_event_handler', ['eventId', 'handler'], { unique: true, where: '"event_id" IS NOT NULL' })
@Check(
  'chk_outbox_kind',
  `("topic" = 'mail') = ("event_id" IS NULL AND "to" IS NOT NULL AND "subject" IS NOT NULL AND "text" IS NOT NULL)`,
)
export class OutboxMessage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', nullable: true })
  organizationId: string | null;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn()
  organization?: Organization;

  /** `mail`, or the domain event's type (`trip.submitted`, …). */
  @Column({ type: 'varchar', length: 64, default: MAIL_TOPIC })
  topic: string;

  /** Who does the work: `mail.transport`, or a subscribed event handler's name (`audit.recorder`, …). */
  @Column({ type: 'varchar', length: 64, default: MAIL_HANDLER })
  handler: string;

  /** The domain event's id, the same on every handler's row of one event; null for e-mail. */
  @Column({ type: 'uuid', nullable: true })
  eventId: string | null;

  /** The domain event: `{ actor, data }` (events/event-map.ts); null for e-mail. */
  @Column({ type: 'jsonb', nullable: true })
  payload: object | null;

  /** E-mail only (as are `subject`, `text` and `html`). */
  @Column({ type: 'varchar', length: 254, nullable: true })
  to: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  subject: string | null;

  @Column({ type: 'text', nullable: true })
  text: string | null;

  @Column({ type: 'text', nullable: true })
  html: string | null;

  @Column({ type: 'enum', enum: OutboxStatus, enumName: 'outbox_status', default: OutboxStatus.Pending })
  status: OutboxStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt: Date;

  /** Lease: while in the future, one worker is working on this row. */
  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  /** E-mail: `sendgrid`, or `local` when no provider is configured. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  deliveredVia: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;
}
