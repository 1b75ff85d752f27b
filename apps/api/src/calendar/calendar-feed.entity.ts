import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, OneToOne, PrimaryColumn } from 'typeorm';
import { Trip } from '../trips/trip.entity';
import { User } from '../users/user.entity';

/**
 * A subscribable calendar feed. The URL token is HMAC(SESSION_SECRET, `tokenSeed`): the seed lets
 * the API show the same address again, and a table leaked without the secret yields no URL. Only
 * an HMAC of the token itself (`tokenHash`) is looked up when a calendar app polls.
 */
abstract class FeedSecret {
  @Column({ type: 'uuid' })
  organizationId: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  tokenHash: string;

  /** Null only for feeds made before addresses could be shown again: the next look rotates them. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  tokenSeed: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** A user's feed of all their trips. */
@Entity('calendar_feeds')
export class CalendarFeed extends FeedSecret {
  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @OneToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn()
  user?: User;
}

/** A user's feed of one trip (anyone who may see the trip can have one). */
@Entity('trip_calendar_feeds')
export class TripCalendarFeed extends FeedSecret {
  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @PrimaryColumn({ type: 'uuid' })
  tripId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn()
  user?: User;

  @ManyToOne(() => Trip, { onDelete: 'CASCADE' })
  @JoinColumn()
  trip?: Trip;
}
