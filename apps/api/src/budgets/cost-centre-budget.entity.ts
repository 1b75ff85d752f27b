import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Organization } from '../common/tenancy/organization.entity';

/**
 * What a cost centre may spend on bookings in a calendar year, in the organization's reporting
 * currency (docs/reports.md § Budgets). Spend is counted as the spend report counts it.
 */
@Entity('cost_centre_budgets')
@Index('uq_cost_centre_budgets', ['organizationId', 'costCentre', 'year'], { unique: true })
export class CostCentreBudget {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn()
  organization?: Organization;

  @Column({ type: 'varchar', length: 60 })
  costCentre: string;

  @Column({ type: 'smallint' })
  year: number;

  @Column({ type: 'numeric', precision: 12, scale: 2 })
  amount: string;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
