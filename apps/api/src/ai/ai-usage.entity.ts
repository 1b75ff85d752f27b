import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Organization } from '../common/tenancy/organization.entity';
import { User } from '../users/user.entity';
import type { CallOutcome } from './ai-client';

export const AI_FEATURES = ['suggestions', 'trip_plans', 'briefings', 'verdict_explanations'] as const;
export type AiFeature = (typeof AI_FEATURES)[number];

/**
 * One model call (docs/ai.md § Usage and budget): who, for what, which model, the tokens it spent,
 * how long it took and how it ended. Never the prompt or the completion.
 */
@Entity('ai_usage')
@Check('chk_ai_usage_tokens', '"input_tokens" >= 0 AND "output_tokens" >= 0')
// The month's total and the admin's monthly report read by organization and time.
@Index('idx_ai_usage_org_created', ['organizationId', 'createdAt'])
export class AiUsage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn()
  organization?: Organization;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn()
  user?: User;

  @Column({ type: 'varchar', length: 32 })
  feature: AiFeature;

  @Column({ type: 'varchar', length: 200 })
  model: string;

  @Column({ type: 'integer' })
  inputTokens: number;

  @Column({ type: 'integer' })
  outputTokens: number;

  @Column({ type: 'integer' })
  latencyMs: number;

  @Column({ type: 'varchar', length: 20 })
  outcome: CallOutcome;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
