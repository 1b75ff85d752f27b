import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Activity } from '../activities/activity.entity';
import { Organization } from '../common/tenancy/organization.entity';
import { Trip } from '../trips/trip.entity';
import { User } from '../users/user.entity';

/** A comment on a trip, or on one of its activities (`activityId`), in plain text. */
@Entity('comments')
// A trip's thread (and an activity's within it) in time order.
@Index('idx_comments_trip_created', ['tripId', 'createdAt'])
export class Comment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn()
  organization?: Organization;

  @Column({ type: 'uuid' })
  tripId: string;

  @ManyToOne(() => Trip, { onDelete: 'CASCADE' })
  @JoinColumn()
  trip?: Trip;

  /** Null: a comment on the trip itself. An activity's comments go with it. */
  @Column({ type: 'uuid', nullable: true })
  activityId: string | null;

  @ManyToOne(() => Activity, { onDelete: 'CASCADE' })
  @JoinColumn()
  activity?: Activity;

  @Column({ type: 'uuid' })
  authorId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn()
  author?: User;

  @Column({ type: 'text' })
  body: string;

  /** Colleagues mentioned, by id (a structured field the client sends, never parsed from the text). */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  mentionedUserIds: string[];

  @Column({ type: 'integer', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
