import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { Cabin, OutOfPolicyHandling } from './travel-policy.schema';
import { Organization } from '../common/tenancy/organization.entity';

export interface CabinRule {
  cabin: Cabin;
  fromMinutes: number;
}

export interface CityNightlyCap {
  city: string;
  countryCode: string | null;
  maxNightlyRate: string;
}

export interface ExpenseCap {
  category: string;
  maxAmount: string;
}

export interface ReasonCode {
  code: string;
  label: string;
}

/**
 * An organization's travel policy; one row per organization. Amounts are in `currency`. The rules
 * and their meaning are docs/policy.md's; `policy/travel-policy.schema.ts` validates every write.
 */
@Entity('travel_policies')
export class TravelPolicy {
  @PrimaryColumn({ type: 'uuid' })
  organizationId: string;

  @OneToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn()
  organization?: Organization;

  /** Raised by every change; each stored verdict records the version it was judged against. */
  @Column({ type: 'integer', default: 1 })
  version: number;

  @Column({ type: 'text', array: true, default: () => "'{economy,premium_economy}'" })
  allowedCabinClasses: Cabin[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  cabinRules: CabinRule[];

  @Column({ type: 'char', length: 3, default: 'EUR' })
  currency: string;

  @Column({ type: 'numeric', precision: 12, scale: 2, nullable: true })
  maxFlightFare: string | null;

  @Column({ type: 'numeric', precision: 12, scale: 2, nullable: true })
  maxHotelNightlyRate: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  cityNightlyCaps: CityNightlyCap[];

  @Column({ type: 'integer', default: 0 })
  minAdvanceBookingDays: number;

  @Column({ type: 'numeric', precision: 12, scale: 2, nullable: true })
  tripBudgetCeiling: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  preferredAirlines: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  blockedAirlines: string[];

  @Column({ type: 'integer', nullable: true })
  maxConnections: number | null;

  @Column({ type: 'integer', nullable: true })
  maxFlightCo2Kg: number | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  expenseCaps: ExpenseCap[];

  @Column({ type: 'varchar', length: 32, default: 'needs_approval' })
  outOfPolicy: OutOfPolicyHandling;

  /** Filled with DEFAULT_REASON_CODES on insert (by the repository and the migration). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  reasonCodes: ReasonCode[];

  /** A submitted trip that is in policy is approved at once, without an approver. */
  @Column({ type: 'boolean', default: false })
  autoApproveInPolicy: boolean;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
