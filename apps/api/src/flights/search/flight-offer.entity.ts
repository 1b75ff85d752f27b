import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Organization } from '../../common/tenancy/organization.entity';
import type { Verdict } from '../../policy/policy-verdict';
import type { FlightOffer as SupplierOffer } from '../supplier/flight-supplier';
import type { OfferReason } from './offer-verdict';
import { FlightSearch } from './flight-search.entity';

/**
 * One offer of a stored search: the supplier's offer as normalized by its adapter (`offer`), its
 * policy verdict, and the columns the search's reads filter and sort on.
 */
@Entity('flight_offers')
@Check('chk_flight_offers_verdict', `"verdict" IN ('in_policy', 'needs_approval', 'blocked')`)
// A search's page (sorted by price first) and its cheapest in-policy offer.
@Index('idx_flight_offers_org_search_price', ['organizationId', 'searchId', 'policyAmount', 'id'])
@Index('idx_flight_offers_search_supplier_offer', ['searchId', 'supplierOfferId'], { unique: true })
export class FlightOffer {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn()
  organization?: Organization;

  @Column({ type: 'uuid' })
  searchId: string;

  @ManyToOne(() => FlightSearch, { onDelete: 'CASCADE' })
  @JoinColumn()
  search?: FlightSearch;

  @Column({ type: 'varchar', length: 200 })
  supplierOfferId: string;

  @Column({ type: 'jsonb' })
  offer: SupplierOffer;

  /** The offer's total for all passengers, in its own currency. */
  @Column({ type: 'numeric', precision: 12, scale: 2 })
  totalAmount: string;

  @Column({ type: 'char', length: 3 })
  totalCurrency: string;

  /** The same total in the policy's currency at the organization's rate: what "price" sorts on. */
  @Column({ type: 'numeric', precision: 12, scale: 2 })
  policyAmount: string;

  @Column({ type: 'integer', nullable: true })
  emissionsKg: number | null;

  /** The slices' durations added up. */
  @Column({ type: 'integer' })
  durationMinutes: number;

  /** The most connections of any slice. */
  @Column({ type: 'smallint' })
  stops: number;

  /** IATA codes of every marketing and operating carrier of its segments. */
  @Column({ type: 'varchar', length: 3, array: true })
  carriers: string[];

  @Column({ type: 'varchar', length: 20 })
  verdict: Verdict;

  @Column({ type: 'jsonb' })
  reasons: OfferReason[];

  @Column({ type: 'timestamptz' })
  expiresAt: Date;
}
