import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Organization } from '../common/tenancy/organization.entity';
import { User } from '../users/user.entity';
import { Trip } from './trip.entity';

/**
 * A trip's other travellers, besides its lead (`trips.traveller_id`), in the order they were
 * given: colleagues of the same organization who travel with the lead (docs/booking.md).
 */
@Entity('trip_travellers')
// "The trips I travel on as a co-traveller": the access check's list filter.
@Index('idx_trip_travellers_org_user', ['organizationId', 'userId'])
export class TripTraveller {
  @PrimaryColumn({ type: 'uuid' })
  tripId: string;

  @ManyToOne(() => Trip, { onDelete: 'CASCADE' })
  @JoinColumn()
  trip?: Trip;

  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  /** Users are deactivated, never deleted; a deleted organization takes its users with it. */
  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn()
  user?: User;

  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn()
  organization?: Organization;

  /** 1, 2, …: the order of the co-travellers (the lead is always first, before them). */
  @Column({ type: 'smallint' })
  position: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
