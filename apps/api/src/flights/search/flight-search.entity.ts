import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Organization } from '../../common/tenancy/organization.entity';
import type { Cabin } from '../../policy/travel-policy.schema';
import { Trip } from '../../trips/trip.entity';
import { User } from '../../users/user.entity';
import type { SupplierName } from '../supplier/flight-supplier';

/** What was asked: one slice for one-way, two for a return, more for multi-city. */
export interface SearchedSlice {
  origin: string;
  destination: string;
  departureDate: string;
}

/**
 * A flight search made for a trip, kept with its offers for audit ("why did we pay this": a booking
 * records the cheapest in-policy alternative of its search). It expires with its last offer.
 */
@Entity('flight_searches')
@Index('idx_flight_searches_org_trip_created', ['organizationId', 'tripId', 'createdAt'])
export class FlightSearch {
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

  /** Who searched (the traveller, or a manager or admin for them). */
  @Column({ type: 'uuid' })
  searchedById: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn()
  searchedBy?: User;

  @Column({ type: 'varchar', length: 20 })
  supplier: SupplierName;

  /** The supplier's id for the search (Duffel's offer request id). */
  @Column({ type: 'varchar', length: 200 })
  supplierSearchId: string;

  @Column({ type: 'jsonb' })
  slices: SearchedSlice[];

  @Column({ type: 'smallint' })
  passengers: number;

  @Column({ type: 'varchar', length: 20 })
  cabin: Cabin;

  @Column({ type: 'smallint', nullable: true })
  maxConnections: number | null;

  /** The travel-policy version every offer of the search was judged against. */
  @Column({ type: 'integer' })
  policyVersion: number;

  /** The policy's currency: the offers' `policy_amount` is in it. */
  @Column({ type: 'char', length: 3 })
  policyCurrency: string;

  @Column({ type: 'integer' })
  offerCount: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** The latest expiry of its offers: after it, nothing of the search can be booked. */
  @Column({ type: 'timestamptz' })
  expiresAt: Date;
}
