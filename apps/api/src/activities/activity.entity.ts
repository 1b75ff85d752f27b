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
import { Trip } from '../trips/trip.entity';

export const ACTIVITY_TYPES = ['flight', 'lodging', 'meeting', 'meal', 'transport', 'sight', 'other'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

@Entity('activities')
// docs/deployment.md § Performance: activities(trip_id); with position it also serves the itinerary order.
@Index('idx_activities_trip_id', ['tripId', 'position'])
export class Activity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @Column({ type: 'uuid' })
  tripId: string;

  @ManyToOne(() => Trip, { onDelete: 'CASCADE' })
  @JoinColumn()
  trip?: Trip;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'varchar', length: 16 })
  type: ActivityType;

  /** Instants; `timezone` says in which IANA zone they are shown (the destination's by default). */
  @Column({ type: 'timestamptz' })
  startsAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  endsAt: Date | null;

  @Column({ type: 'varchar', length: 64 })
  timezone: string;

  /** Where the activity ends, when elsewhere (a Frankfurt→Newark flight lands in New York's zone). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  endTimezone: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  locationName: string | null;

  @Column({ type: 'double precision', nullable: true })
  latitude: number | null;

  @Column({ type: 'double precision', nullable: true })
  longitude: number | null;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ type: 'numeric', precision: 12, scale: 2, nullable: true })
  costAmount: string | null;

  @Column({ type: 'char', length: 3, nullable: true })
  costCurrency: string | null;

  /**
   * 1 unit of `costCurrency` in the trip's budget currency, recorded when the cost was set (or the
   * budget currency changed); null while the trip has no budget. Its day is `costRateDate`
   * (null when no conversion was needed).
   */
  @Column({ type: 'numeric', precision: 24, scale: 12, nullable: true })
  costRate: string | null;

  @Column({ type: 'date', nullable: true })
  costRateDate: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  bookingReference: string | null;

  /** Manual order among activities that start at the same instant (time order comes first). */
  @Column({ type: 'integer' })
  position: number;

  /** Optimistic concurrency, as for trips: every checked write is `… WHERE version = $expected` and bumps it. */
  @Column({ type: 'integer', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
