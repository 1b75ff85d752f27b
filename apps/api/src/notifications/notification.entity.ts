import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Organization } from '../common/tenancy/organization.entity';
import { User } from '../users/user.entity';

export const NOTIFICATION_KINDS = [
  'approval_requested',
  'decision',
  'mention',
  'assignment',
  'shared',
  'airline_change',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * One person's in-app notification, written by `NotificationRecorder` from a domain event. Unique on
 * (event, user): a redelivered event adds nothing.
 */
@Entity('notifications')
@Index('uq_notifications_event_user', ['eventId', 'userId'], { unique: true })
// The bell: a user's newest first, and the unread count.
@Index('idx_notifications_user_created', ['organizationId', 'userId', 'createdAt'])
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn()
  organization?: Organization;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn()
  user?: User;

  @Column({ type: 'varchar', length: 32 })
  kind: NotificationKind;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  /** Where it leads in the web app (a path such as `/trips/<id>`), or null. */
  @Column({ type: 'varchar', length: 300, nullable: true })
  link: string | null;

  /** The trip it is about, when there is one (nothing else is read from it). */
  @Column({ type: 'uuid', nullable: true })
  tripId: string | null;

  @Column({ type: 'uuid' })
  eventId: string;

  @Column({ type: 'timestamptz', nullable: true })
  readAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
