import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Organization } from '../organizations/organization.entity';

export enum OutboxStatus {
  Pending = 'pending',
  Delivered = 'delivered',
  Failed = 'failed',
}

/**
 * An e-mail written in the same transaction as the change that caused it, and delivered later
 * by the outbox worker (at least once; the id travels with the message so receivers can dedupe).
 */
@Entity('outbox_messages')
@Index('idx_outbox_due', ['nextAttemptAt'], { where: `"status" = 'pending'` })
@Index('idx_outbox_org', ['organizationId', 'createdAt'])
export class OutboxMessage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', nullable: true })
  organizationId: string | null;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn()
  organization?: Organization;

  @Column({ type: 'varchar', length: 254 })
  to: string;

  @Column({ type: 'varchar', length: 300 })
  subject: string;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'text', nullable: true })
  html: string | null;

  @Column({ type: 'enum', enum: OutboxStatus, enumName: 'outbox_status', default: OutboxStatus.Pending })
  status: OutboxStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt: Date;

  /** Lease: while in the future, one worker is sending this message. */
  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  /** `sendgrid`, or `local` when no provider is configured. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  deliveredVia: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;
}
