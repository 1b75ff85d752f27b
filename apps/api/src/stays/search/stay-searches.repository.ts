import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '../../common/database/transaction-runner';
import { type NewSearchResult, SearchResultsRepository } from '../../common/search/search-results.repository';
import { OrganizationScopedRepository } from '../../common/tenancy/organization-scoped.repository';
import { type RateFilters, rateSql } from './rate-query';
import { StayRateRow } from './stay-rate.entity';
import { StaySearch } from './stay-search.entity';

/** A judged rate to store. */
export type NewStayRate = NewSearchResult<StayRateRow>;

/** What a rate is stored from: its properties and their column types. */
const RATE_FIELDS: Record<keyof NewStayRate, string> = {
  supplierRateId: 'varchar',
  property: 'jsonb',
  rate: 'jsonb',
  totalAmount: 'numeric',
  totalCurrency: 'char(3)',
  policyAmount: 'numeric',
  nightlyPolicyAmount: 'numeric',
  stars: 'smallint',
  distanceKm: 'real',
  verdict: 'varchar',
  reasons: 'jsonb',
  expiresAt: 'timestamptz',
};

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
export class StayRatesRepository extends SearchResultsRepository<StayRateRow, RateFilters> {
  protected readonly entity = StayRateRow;
  protected readonly noun = 'Stay rate';
  protected readonly results = { table: 'stay_rates', alias: 'r', fields: RATE_FIELDS };
  protected readonly cheapestInPolicyFilters: RateFilters = { sort: 'price', order: 'asc', inPolicyOnly: true };

  constructor(db: TransactionRunner) {
    super(db);
  }

  protected resultsSql(searchId: string, at: Date, filters: RateFilters) {
    return rateSql(searchId, at, filters);
  }
}
