import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Organization } from '../../common/tenancy/organization.entity';
import type { SupplierName } from '../../flights/supplier/flight-supplier';
import { Trip } from '../../trips/trip.entity';
import { User } from '../../users/user.entity';
import type { StaySearchRequest } from '../supplier/stay-supplier';

/**
 * A stay search made for a trip, kept with its rates for audit, as flight searches are (a booking
 * records the cheapest in-policy rate of its search). It expires with its last rate.
 */
@Entity('stay_searches')
@Index('idx_stay_searches_org_trip_created', ['organizationId', 'tripId', 'createdAt'])
export class StaySearch {
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

  @Column({ type: 'uuid' })
  searchedById: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn()
  searchedBy?: User;

  @Column({ type: 'varchar', length: 20 })
  supplier: SupplierName;

  /** Around a point, or the given properties (as asked of the supplier). */
  @Column({ type: 'jsonb', name: 'where' })
  where: StaySearchRequest['where'];

  @Column({ type: 'date' })
  checkInDate: string;

  @Column({ type: 'date' })
  checkOutDate: string;

  @Column({ type: 'smallint' })
  rooms: number;

  @Column({ type: 'smallint' })
  guests: number;

  @Column({ type: 'integer' })
  policyVersion: number;

  @Column({ type: 'char', length: 3 })
  policyCurrency: string;

  /** Properties the supplier found (their rates were read for the first MAX_PROPERTIES). */
  @Column({ type: 'integer' })
  propertyCount: number;

  @Column({ type: 'integer' })
  rateCount: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** The latest expiry of its rates: after it, nothing of the search can be booked. */
  @Column({ type: 'timestamptz' })
  expiresAt: Date;
}
