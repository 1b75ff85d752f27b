import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Organization } from '../common/tenancy/organization.entity';

export type BudgetScope = 'trip' | 'cost_centre';

/**
 * One threshold (80 or 100 %) a budget crossed, e-mailed once: the unique index makes the insert
 * the claim, so concurrent bookings crossing it together send one alert. Changing the budget
 * removes its alerts (a new amount is a new budget).
 */
@Entity('budget_alerts')
@Index('uq_budget_alerts', ['organizationId', 'scope', 'budgetId', 'threshold'], { unique: true })
export class BudgetAlert {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn()
  organization?: Organization;

  @Column({ type: 'varchar', length: 20 })
  scope: BudgetScope;

  /** The trip's id, or the cost-centre budget's. */
  @Column({ type: 'uuid' })
  budgetId: string;

  @Column({ type: 'smallint' })
  threshold: number;

  @Column({ type: 'numeric', precision: 14, scale: 2 })
  spentAmount: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
