import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../common/auth/auth-context';
import { TravelPoliciesRepository } from '../policy/travel-policies.repository';
import { SpendReportRepository } from '../reports/spend-report.repository';
import { CostCentreBudget } from './cost-centre-budget.entity';
import { CostCentreBudgetsRepository } from './cost-centre-budgets.repository';
import {
  type CostCentreBudgetResponse,
  type SetCostCentreBudgetDto,
  toCostCentreBudgetResponse,
} from './dto/cost-centre-budget.dto';

/** Cost-centre budgets per calendar year (docs/reports.md § Budgets). */
@Injectable()
export class BudgetsService {
  constructor(
    private readonly budgets: CostCentreBudgetsRepository,
    private readonly spend: SpendReportRepository,
    private readonly policies: TravelPoliciesRepository,
  ) {}

  async list(ctx: AuthContext, year: number): Promise<CostCentreBudgetResponse[]> {
    const result: CostCentreBudgetResponse[] = [];
    for (const budget of await this.budgets.list(ctx, year))
      result.push(toCostCentreBudgetResponse(budget, await this.spent(ctx, budget)));
    return result;
  }

  /** Sets a cost centre's budget for a year, in the organization's reporting currency. */
  async set(ctx: AuthContext, dto: SetCostCentreBudgetDto): Promise<CostCentreBudgetResponse> {
    const { currency } = await this.policies.get(ctx);
    const budget = await this.budgets.set(ctx, { ...dto, currency });
    return toCostCentreBudgetResponse(budget, await this.spent(ctx, budget));
  }

  /** The cost centre's net spend in the budget's year, as the spend report counts it. */
  spent(ctx: AuthContext, budget: CostCentreBudget): Promise<string> {
    return this.spend.netSpend(ctx, {
      from: `${budget.year}-01-01T00:00:00Z`,
      to: `${budget.year + 1}-01-01T00:00:00Z`,
      currency: budget.currency,
      costCentre: budget.costCentre,
    });
  }
}
