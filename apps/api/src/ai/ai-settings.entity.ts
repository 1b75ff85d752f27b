import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Organization } from '../common/tenancy/organization.entity';

/** Requests per minute an organization may make to the model when its admin set nothing. */
export const DEFAULT_REQUESTS_PER_MINUTE = 60;

/** An organization's AI limits, set by its admin; without a row: no budget, the default rate. */
@Entity('ai_settings')
export class AiSettings {
  @PrimaryColumn({ type: 'uuid' })
  organizationId: string;

  @OneToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn()
  organization?: Organization;

  /** Input plus output tokens per calendar month (UTC); null: no budget. */
  @Column({
    type: 'bigint',
    nullable: true,
    transformer: { to: (v) => v, from: (v) => (v === null ? null : Number(v)) },
  })
  monthlyTokenBudget: number | null;

  @Column({ type: 'integer', default: DEFAULT_REQUESTS_PER_MINUTE })
  requestsPerMinute: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
