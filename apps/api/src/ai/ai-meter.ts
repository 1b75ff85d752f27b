import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../common/auth/auth-context';
import { RetryLaterError } from '../common/errors/domain-error';
import { AiErrorCode, CommonErrorCode } from '../common/errors/error-codes';
import { AttemptCounters } from '../common/throttling/attempt-counters';
import type { CallOutcome, TokenUsage } from './ai-client';
import { AiSettingsRepository } from './ai-settings.repository';
import type { AiFeature } from './ai-usage.entity';
import { AiUsageRepository } from './ai-usage.repository';

const MINUTE_MS = 60_000;

export interface BudgetState {
  monthlyTokens: number | null;
  usedTokens: number;
  exceeded: boolean;
}

/** The first instant of the calendar month (UTC) holding `at`, and of the next one. */
export function monthBounds(at: Date): { from: Date; to: Date } {
  const from = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
  const to = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));
  return { from, to };
}

/**
 * Cost control (docs/ai.md § Usage and budget): before a model call, the organization's monthly
 * token budget and its requests per minute (counted where the rate limits are: Redis when set, so
 * every worker shares them); after it, one usage row, whatever the outcome.
 */
@Injectable()
export class AiMeter {
  constructor(
    private readonly settings: AiSettingsRepository,
    private readonly usage: AiUsageRepository,
    private readonly counters: AttemptCounters,
  ) {}

  async budget(ctx: AuthContext, now = new Date()): Promise<BudgetState> {
    const { monthlyTokenBudget } = await this.settings.get(ctx);
    const usedTokens = await this.usage.tokensSince(ctx, monthBounds(now).from);
    return {
      monthlyTokens: monthlyTokenBudget,
      usedTokens,
      exceeded: monthlyTokenBudget !== null && usedTokens >= monthlyTokenBudget,
    };
  }

  /** Refuses a call over the budget (429 AI_BUDGET_EXCEEDED) or the rate (429 RATE_LIMITED), both with Retry-After. */
  async admit(ctx: AuthContext, now = new Date()): Promise<void> {
    if ((await this.budget(ctx, now)).exceeded) {
      throw new RetryLaterError(
        AiErrorCode.BudgetExceeded,
        "Your organization has used this month's AI budget; an admin can raise it in the AI usage settings",
        (monthBounds(now).to.getTime() - now.getTime()) / 1000,
      );
    }
    const { requestsPerMinute } = await this.settings.get(ctx);
    const key = [`ai-requests:${ctx.organizationId}`];
    const [count] = await this.counters.add(key, MINUTE_MS);
    if (count.attempts > requestsPerMinute) {
      // A refused request is not one made: it is taken back, so retrying at the stated time works.
      await this.counters.remove(key);
      throw new RetryLaterError(
        CommonErrorCode.RateLimited,
        `Your organization may make ${requestsPerMinute} AI requests a minute; try again shortly`,
        count.resetsInMs / 1000,
      );
    }
  }

  async record(
    ctx: AuthContext,
    call: { feature: AiFeature; model: string; usage: TokenUsage; latencyMs: number; outcome: CallOutcome },
  ): Promise<void> {
    await this.usage.insert(ctx, {
      userId: ctx.userId,
      feature: call.feature,
      model: call.model.slice(0, 200),
      inputTokens: call.usage.inputTokens,
      outputTokens: call.usage.outputTokens,
      latencyMs: Math.round(call.latencyMs),
      outcome: call.outcome,
    });
  }
}
