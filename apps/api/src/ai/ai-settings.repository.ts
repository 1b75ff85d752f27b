import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../common/auth/auth-context';
import { TransactionRunner } from '../common/database/transaction-runner';
import { AiSettings, DEFAULT_REQUESTS_PER_MINUTE } from './ai-settings.entity';

export type AiLimits = Pick<AiSettings, 'monthlyTokenBudget' | 'requestsPerMinute'>;

/** One row per organization, keyed by it (as the travel policy is): the caller's only. */
@Injectable()
export class AiSettingsRepository {
  constructor(private readonly db: TransactionRunner) {}

  private get repository() {
    return this.db.manager.getRepository(AiSettings);
  }

  async get(ctx: AuthContext): Promise<AiLimits> {
    const row = await this.repository.findOne({ where: { organizationId: ctx.organizationId } });
    return {
      monthlyTokenBudget: row?.monthlyTokenBudget ?? null,
      requestsPerMinute: row?.requestsPerMinute ?? DEFAULT_REQUESTS_PER_MINUTE,
    };
  }

  async put(ctx: AuthContext, limits: AiLimits): Promise<void> {
    await this.repository.upsert({ organizationId: ctx.organizationId, ...limits }, ['organizationId']);
  }
}
