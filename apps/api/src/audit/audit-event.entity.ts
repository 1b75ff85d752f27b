import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Organization } from '../common/tenancy/organization.entity';

/**
 * Who did what, when. Append-only: a trigger in the migration refuses UPDATE and DELETE, so not
 * even a bug in the API can rewrite history.
 */
@Entity('audit_events')
@Index('idx_audit_events_org_time', ['organizationId', 'createdAt'])
@Index('idx_audit_events_entity', ['organizationId', 'entityType', 'entityId'])
@Index('uq_audit_events_event', ['eventId'], { unique: true, where: '"event_id" IS NOT NULL' })
export class AuditEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn()
  organization?: Organization;

  @Column({ type: 'uuid' })
  actorId: string;

  /** e.g. `trip.submitted`, `trip.approved`. */
  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Column({ type: 'varchar', length: 32 })
  entityType: string;

  @Column({ type: 'uuid' })
  entityId: string;

  /** The domain event this row records (null on rows from before events): a redelivery adds no second row. */
  @Column({ type: 'uuid', nullable: true })
  eventId: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  data: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
