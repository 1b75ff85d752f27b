import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../common/auth/auth-context';
import { TransactionRunner } from '../common/database/transaction-runner';
import { OrganizationScopedRepository } from '../common/tenancy/organization-scoped.repository';
import { AiUsage, type AiFeature } from './ai-usage.entity';

export interface UsageTotals {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  failures: number;
}

export interface UserUsage {
  userId: string;
  name: string;
  email: string;
  calls: number;
  inputTokens: number;
  outputTokens: number;
}

export interface FeatureUsage {
  feature: AiFeature;
  calls: number;
  inputTokens: number;
  outputTokens: number;
}

const SUMS = `count(*)::int AS "calls", coalesce(sum(u.input_tokens), 0)::int AS "inputTokens",
  coalesce(sum(u.output_tokens), 0)::int AS "outputTokens"`;

/** The organization's model calls; aggregates over a period `[from, to)`. */
@Injectable()
export class AiUsageRepository extends OrganizationScopedRepository<AiUsage> {
  protected readonly entity = AiUsage;
  protected readonly noun = 'AI usage';

  constructor(db: TransactionRunner) {
    super(db);
  }

  async tokensSince(ctx: AuthContext, from: Date): Promise<number> {
    const [row] = await this.scopedSql<{ tokens: string }>(
      ctx,
      `SELECT coalesce(sum(input_tokens + output_tokens), 0) AS tokens FROM ai_usage
        WHERE organization_id = $organization AND created_at >= $1`,
      [from],
    );
    return Number(row.tokens);
  }

  async totals(ctx: AuthContext, from: Date, to: Date): Promise<UsageTotals> {
    const [row] = await this.scopedSql<UsageTotals>(
      ctx,
      `SELECT ${SUMS}, count(*) FILTER (WHERE u.outcome <> 'ok')::int AS "failures" FROM ai_usage u
        WHERE u.organization_id = $organization AND u.created_at >= $1 AND u.created_at < $2`,
      [from, to],
    );
    return row;
  }

  byUser(ctx: AuthContext, from: Date, to: Date): Promise<UserUsage[]> {
    return this.scopedSql<UserUsage>(
      ctx,
      `SELECT u.user_id AS "userId", m.name, m.email, ${SUMS} FROM ai_usage u
         JOIN users m ON m.id = u.user_id AND m.organization_id = u.organization_id
        WHERE u.organization_id = $organization AND u.created_at >= $1 AND u.created_at < $2
        GROUP BY u.user_id, m.name, m.email ORDER BY sum(u.input_tokens + u.output_tokens) DESC, m.name`,
      [from, to],
    );
  }

  byFeature(ctx: AuthContext, from: Date, to: Date): Promise<FeatureUsage[]> {
    return this.scopedSql<FeatureUsage>(
      ctx,
      `SELECT u.feature, ${SUMS} FROM ai_usage u
        WHERE u.organization_id = $organization AND u.created_at >= $1 AND u.created_at < $2
        GROUP BY u.feature ORDER BY u.feature`,
      [from, to],
    );
  }
}
