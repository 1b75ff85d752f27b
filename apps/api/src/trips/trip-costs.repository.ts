import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../common/auth/auth-context';
import { TransactionRunner } from '../common/database/transaction-runner';
import type { Conversion } from '../currency/exchange-rates.service';

/**
 * The costs of a trip's activities as the budget sees them: each converted into the budget
 * currency at the rate recorded with it, rounded to cents. Scoped to the caller's organization.
 */
@Injectable()
export class TripCostsRepository {
  constructor(private readonly db: TransactionRunner) {}

  /** The planned total in the budget currency, as a decimal string; `excludingId` leaves one activity out. */
  async plannedTotal(ctx: AuthContext, tripId: string, excludingId?: string): Promise<string> {
    const [row] = await this.db.manager.query(
      `SELECT COALESCE(SUM(ROUND(cost_amount * cost_rate, 2)), 0)::text AS total
         FROM activities
        WHERE organization_id = $1 AND trip_id = $2 AND cost_amount IS NOT NULL AND ($3::uuid IS NULL OR id <> $3::uuid)`,
      [ctx.organizationId, tripId, excludingId ?? null],
    );
    return row.total;
  }

  async costCurrencies(ctx: AuthContext, tripId: string): Promise<string[]> {
    const rows: { currency: string }[] = await this.db.manager.query(
      'SELECT DISTINCT cost_currency AS currency FROM activities WHERE organization_id = $1 AND trip_id = $2 AND cost_amount IS NOT NULL',
      [ctx.organizationId, tripId],
    );
    return rows.map((row) => row.currency);
  }

  /** Records, for every costed activity of the trip, the conversion of its currency. */
  async setRates(ctx: AuthContext, tripId: string, conversions: Map<string, Conversion>): Promise<void> {
    if (conversions.size === 0) return;
    const entries = [...conversions.entries()];
    await this.db.manager.query(
      `UPDATE activities AS a SET cost_rate = c.rate, cost_rate_date = c.rate_date, updated_at = now()
         FROM unnest($3::char(3)[], $4::numeric[], $5::date[]) AS c(currency, rate, rate_date)
        WHERE a.organization_id = $1 AND a.trip_id = $2 AND a.cost_amount IS NOT NULL AND a.cost_currency = c.currency`,
      [
        ctx.organizationId,
        tripId,
        entries.map(([currency]) => currency),
        entries.map(([, c]) => c.rate),
        entries.map(([, c]) => c.date),
      ],
    );
  }
}
