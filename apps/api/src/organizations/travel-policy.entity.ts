import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Organization } from './organization.entity';

export const CABIN_CLASSES = ['economy', 'premium_economy', 'business', 'first'] as const;
export type CabinClass = (typeof CABIN_CLASSES)[number];

/** An organization's travel policy; one row per organization. Amounts are in `currency`. */
@Entity('travel_policies')
export class TravelPolicy {
  @PrimaryColumn({ type: 'uuid' })
  organizationId: string;

  @OneToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn()
  organization?: Organization;

  @Column({ type: 'text', array: true, default: () => "'{economy,premium_economy}'" })
  allowedCabinClasses: CabinClass[];

  @Column({ type: 'char', length: 3, default: 'EUR' })
  currency: string;

  @Column({ type: 'numeric', precision: 12, scale: 2, nullable: true })
  maxFlightFare: string | null;

  @Column({ type: 'numeric', precision: 12, scale: 2, nullable: true })
  maxHotelNightlyRate: string | null;

  @Column({ type: 'integer', default: 0 })
  minAdvanceBookingDays: number;

  @Column({ type: 'numeric', precision: 12, scale: 2, nullable: true })
  tripBudgetCeiling: string | null;

  @Column({ type: 'boolean', default: true })
  outOfPolicyRequiresApproval: boolean;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
