import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../common/auth/auth-context';
import { TransactionRunner } from '../common/database/transaction-runner';
import { OrganizationScopedRepository } from '../common/tenancy/organization-scoped.repository';
import type { BudgetScope } from './budget-alert.entity';
import { CostCentreBudget } from './cost-centre-budget.entity';

@Injectable()
export class CostCentreBudgetsRepository extends OrganizationScopedRepository<CostCentreBudget> {
  protected readonly entity = CostCentreBudget;
  protected readonly noun = 'Cost-centre budget';

  constructor(db: TransactionRunner) {
    super(db);
  }

  list(ctx: AuthContext, year: number): Promise<CostCentreBudget[]> {
    return this.findWhere(ctx, { year }, { costCentre: 'ASC' });
  }

  async find(ctx: AuthContext, costCentre: string, year: number): Promise<CostCentreBudget | null> {
    return (await this.findWhere(ctx, { costCentre, year }))[0] ?? null;
  }

  /** Sets the budget; a new amount or currency forgets the alerts sent for the old one. */
  async set(ctx: AuthContext, values: Pick<CostCentreBudget, 'costCentre' | 'year' | 'amount' | 'currency'>) {
    const [row] = await this.scopedSql<{ id: string; changed: boolean }>(
      ctx,
      `INSERT INTO cost_centre_budgets AS b (organization_id, cost_centre, year, amount, currency)
       VALUES ($organization, $1, $2, $3, $4)
       ON CONFLICT (organization_id, cost_centre, year) DO UPDATE
          SET amount = EXCLUDED.amount, currency = EXCLUDED.currency, updated_at = now()
        WHERE b.organization_id = $organization
       RETURNING id, (xmax <> 0) AS changed`,
      [values.costCentre, values.year, values.amount, values.currency],
    );
    if (row.changed) await this.forgetAlerts(ctx, 'cost_centre', row.id);
    return this.getById(ctx, row.id);
  }

  /**
   * Claims a threshold's alert: true for exactly one caller, however many cross it at once (the
   * unique index decides), false when it was sent already.
   */
  async claimAlert(ctx: AuthContext, scope: BudgetScope, budgetId: string, threshold: number, spent: string) {
    const rows = await this.scopedSql(
      ctx,
      `INSERT INTO budget_alerts (organization_id, scope, budget_id, threshold, spent_amount)
       VALUES ($organization, $1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING id`,
      [scope, budgetId, threshold, spent],
    );
    return rows.length === 1;
  }

  async forgetAlerts(ctx: AuthContext, scope: BudgetScope, budgetId: string): Promise<void> {
    await this.scopedSql(
      ctx,
      'DELETE FROM budget_alerts WHERE organization_id = $organization AND scope = $1 AND budget_id = $2',
      [scope, budgetId],
    );
  }
}
