import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Organization } from '../common/tenancy/organization.entity';

/**
 * An organization's own rate for one currency (units per 1 EUR), set by an admin or fetched from
 * the ECB; it takes precedence over the bundled snapshot. Per organization, never global: one
 * tenant's rates cannot move another's budgets.
 */
@Entity('exchange_rates')
@Index('idx_exchange_rates_org_currency', ['organizationId', 'currency'], { unique: true })
export class ExchangeRate {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn()
  organization?: Organization;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ type: 'numeric', precision: 24, scale: 12 })
  rate: string;

  /** The day the rate is from (the ECB's fixing day, or the admin's). */
  @Column({ type: 'date' })
  rateDate: string;

  @Column({ type: 'varchar', length: 200 })
  source: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
