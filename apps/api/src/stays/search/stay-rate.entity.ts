import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Organization } from '../../common/tenancy/organization.entity';
import type { PolicyReason, Verdict } from '../../policy/policy-verdict';
import type { StayProperty, StayRate as SupplierRate } from '../supplier/stay-supplier';
import { StaySearch } from './stay-search.entity';

/**
 * One rate of one property of a stored stay search: the property and the rate as the adapter
 * normalized them, the rate's policy verdict, and the columns the search's reads filter and sort on.
 */
@Entity('stay_rates')
@Check('chk_stay_rates_verdict', `"verdict" IN ('in_policy', 'needs_approval', 'blocked')`)
@Index('idx_stay_rates_org_search_price', ['organizationId', 'searchId', 'policyAmount', 'id'])
@Index('idx_stay_rates_search_supplier_rate', ['searchId', 'supplierRateId'], { unique: true })
export class StayRateRow {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn()
  organization?: Organization;

  @Column({ type: 'uuid' })
  searchId: string;

  @ManyToOne(() => StaySearch, { onDelete: 'CASCADE' })
  @JoinColumn()
  search?: StaySearch;

  @Column({ type: 'varchar', length: 200 })
  supplierRateId: string;

  @Column({ type: 'jsonb' })
  property: StayProperty;

  @Column({ type: 'jsonb' })
  rate: SupplierRate;

  /** For all nights and rooms, in the supplier's currency. */
  @Column({ type: 'numeric', precision: 12, scale: 2 })
  totalAmount: string;

  @Column({ type: 'char', length: 3 })
  totalCurrency: string;

  /** The same total in the policy's currency: what "price" sorts on. */
  @Column({ type: 'numeric', precision: 12, scale: 2 })
  policyAmount: string;

  /** One room for one night in the policy's currency: what the policy judged. */
  @Column({ type: 'numeric', precision: 12, scale: 2 })
  nightlyPolicyAmount: string;

  @Column({ type: 'smallint', nullable: true })
  stars: number | null;

  /** From the searched point; null for a search by property. */
  @Column({ type: 'real', nullable: true })
  distanceKm: number | null;

  @Column({ type: 'varchar', length: 20 })
  verdict: Verdict;

  @Column({ type: 'jsonb' })
  reasons: PolicyReason[];

  @Column({ type: 'timestamptz' })
  expiresAt: Date;
}
