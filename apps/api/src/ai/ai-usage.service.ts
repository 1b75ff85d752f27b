import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../common/auth/auth-context';
import { TransactionRunner } from '../common/database/transaction-runner';
import { AiMeter, monthBounds } from './ai-meter';
import { AiSettingsRepository } from './ai-settings.repository';
import { AiUsageRepository } from './ai-usage.repository';
import type { AiSettingsDto, AiSettingsResponse, AiUsageResponse } from './dto/ai-admin.dto';

/** The admin's view of the organization's AI usage, and its limits. */
@Injectable()
export class AiUsageService {
  constructor(
    private readonly db: TransactionRunner,
    private readonly meter: AiMeter,
    private readonly usage: AiUsageRepository,
    private readonly settings: AiSettingsRepository,
  ) {}

  async report(ctx: AuthContext, month?: string, now = new Date()): Promise<AiUsageResponse> {
    const at = month ? new Date(`${month}-01T00:00:00Z`) : now;
    const { from, to } = monthBounds(at);
    const [budget, totals, byUser, byFeature] = await Promise.all([
      this.meter.budget(ctx, now),
      this.usage.totals(ctx, from, to),
      this.usage.byUser(ctx, from, to),
      this.usage.byFeature(ctx, from, to),
    ]);
    return { month: from.toISOString().slice(0, 7), budget, totals, byUser, byFeature };
  }

  settingsOf(ctx: AuthContext): Promise<AiSettingsResponse> {
    return this.settings.get(ctx);
  }

  /** Replaces the limits; `requestsPerMinute` left out keeps the current one. */
  update(ctx: AuthContext, dto: AiSettingsDto): Promise<AiSettingsResponse> {
    return this.db.run(async () => {
      const current = await this.settings.get(ctx);
      const next = {
        monthlyTokenBudget: dto.monthlyTokenBudget,
        requestsPerMinute: dto.requestsPerMinute ?? current.requestsPerMinute,
      };
      await this.settings.put(ctx, next);
      return next;
    });
  }
}
