import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../../common/auth/auth-context';
import { TransactionRunner } from '../../common/database/transaction-runner';
import { OrganizationScopedRepository } from '../../common/tenancy/organization-scoped.repository';
import { type RateFilters, rateSql } from './rate-query';
import { StayRateRow } from './stay-rate.entity';
import { StaySearch } from './stay-search.entity';

/** A judged rate to store: every column but the ids. */
export type NewStayRate = Omit<StayRateRow, 'id' | 'organizationId' | 'organization' | 'searchId' | 'search'>;

const RATE_COLUMNS =
  'supplier_rate_id, property, rate, total_amount, total_currency, policy_amount, nightly_policy_amount, stars, distance_km, verdict, reasons, expires_at';

/** The stay searches of the caller's organization. */
@Injectable()
export class StaySearchesRepository extends OrganizationScopedRepository<StaySearch> {
  protected readonly entity = StaySearch;
  protected readonly noun = 'Stay search';

  constructor(db: TransactionRunner) {
    super(db);
  }
}

/** The rates of the caller's organization's stay searches. */
@Injectable()
export class StayRatesRepository extends OrganizationScopedRepository<StayRateRow> {
  protected readonly entity = StayRateRow;
  protected readonly noun = 'Stay rate';

  constructor(db: TransactionRunner) {
    super(db);
  }

  /** All of a search's rates in one statement (one JSON parameter unpacked by PostgreSQL, as for flight offers). */
  async insertAll(ctx: AuthContext, searchId: string, rates: NewStayRate[]): Promise<void> {
    if (!rates.length) return;
    const rows = rates.map((rate) => ({
      supplier_rate_id: rate.supplierRateId,
      property: rate.property,
      rate: rate.rate,
      total_amount: rate.totalAmount,
      total_currency: rate.totalCurrency,
      policy_amount: rate.policyAmount,
      nightly_policy_amount: rate.nightlyPolicyAmount,
      stars: rate.stars,
      distance_km: rate.distanceKm,
      verdict: rate.verdict,
      reasons: rate.reasons,
      expires_at: rate.expiresAt.toISOString(),
    }));
    await this.scopedSql(
      ctx,
      `INSERT INTO stay_rates (organization_id, search_id, ${RATE_COLUMNS})
       SELECT $organization::uuid, $1::uuid, ${RATE_COLUMNS}
         FROM jsonb_to_recordset($2::jsonb) AS r(supplier_rate_id varchar, property jsonb, rate jsonb,
              total_amount numeric, total_currency char(3), policy_amount numeric, nightly_policy_amount numeric,
              stars smallint, distance_km real, verdict varchar, reasons jsonb, expires_at timestamptz)
       ON CONFLICT DO NOTHING`,
      [searchId, JSON.stringify(rows)],
    );
  }

  /** A page of the search's rates not expired at `at`, and how many match. */
  async page(
    ctx: AuthContext,
    searchId: string,
    at: Date,
    filters: RateFilters,
    page: { limit: number; offset: number },
  ): Promise<[StayRateRow[], number]> {
    return this.scopedPage<StayRateRow>(ctx, { table: 'stay_rates', alias: 'r' }, rateSql(searchId, at, filters), page);
  }

  /** The cheapest rate of the search judged in_policy and not expired at `at` (price in the policy currency). */
  async cheapestInPolicy(ctx: AuthContext, searchId: string, at: Date): Promise<StayRateRow | null> {
    const query = rateSql(searchId, at, { sort: 'price', order: 'asc', inPolicyOnly: true });
    const [[row]] = await this.scopedPage<StayRateRow>(ctx, { table: 'stay_rates', alias: 'r' }, query, {
      limit: 1,
      offset: 0,
    });
    return row ?? null;
  }
}
