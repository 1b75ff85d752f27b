import { snakeCase } from 'typeorm/util/StringUtils';
import type { AuthContext } from '../auth/auth-context';
import { jsonRecordsetInsert } from '../database/json-recordset-insert';
import { OrganizationScopedRepository, type OrganizationOwned } from '../tenancy/organization-scoped.repository';

/** A judged result to store: every column but the ids (and the relations). */
export type NewSearchResult<T> = Omit<T, 'id' | 'organizationId' | 'organization' | 'searchId' | 'search'>;

/** What every results query understands: a sort (price among them), its order, in-policy only. */
export interface ResultFilters {
  sort: string;
  order: 'asc' | 'desc';
  inPolicyOnly?: boolean;
}

/** A results query's SQL for `scopedPage`: conditions, their parameters and the order. */
export interface ResultsSql {
  where: string[];
  parameters: unknown[];
  orderBy: string;
}

/**
 * The judged results of a supplier search (flight offers, stay rates) in the caller's organization:
 * stored all at once, read a page at a time as plain SQL (a page is up to 100 rows with their
 * jsonb), and the cheapest in policy, which a booking records for the savings report.
 */
export abstract class SearchResultsRepository<
  T extends OrganizationOwned,
  F extends ResultFilters,
> extends OrganizationScopedRepository<T> {
  /**
   * The results' table, its alias in `resultsSql`, and the properties a result is stored from with
   * their column types (the column is the naming strategy's snake_case of the property).
   */
  protected abstract readonly results: {
    table: string;
    alias: string;
    fields: Record<keyof NewSearchResult<T> & string, string>;
  };
  #insertSql?: string;
  /** The filters of the cheapest in-policy result: by price, ascending, in policy only. */
  protected abstract readonly cheapestInPolicyFilters: F;
  /** The results of a search not expired at `at` that pass the filters. */
  protected abstract resultsSql(searchId: string, at: Date, filters: F): ResultsSql;

  /** All of a search's results in one statement (`jsonRecordsetInsert`); dates go as ISO text. */
  async insertAll(ctx: AuthContext, searchId: string, results: readonly NewSearchResult<T>[]): Promise<void> {
    if (!results.length) return;
    this.#insertSql ??= jsonRecordsetInsert(
      this.results.table,
      { organization_id: '$organization::uuid', search_id: '$1::uuid' },
      Object.entries(this.results.fields).map(([field, type]) => ({ column: snakeCase(field), field, type })),
      '$2',
    );
    await this.scopedSql(ctx, this.#insertSql, [searchId, JSON.stringify(results)]);
  }

  /** A page of the search's results not expired at `at`, and how many match. */
  async page(
    ctx: AuthContext,
    searchId: string,
    at: Date,
    filters: F,
    page: { limit: number; offset: number },
  ): Promise<[T[], number]> {
    return this.scopedPage<T>(ctx, this.results, this.resultsSql(searchId, at, filters), page);
  }

  /** The cheapest result of the search judged in_policy and not expired at `at` (price in the policy currency). */
  async cheapestInPolicy(ctx: AuthContext, searchId: string, at: Date): Promise<T | null> {
    const query = this.resultsSql(searchId, at, this.cheapestInPolicyFilters);
    const [[row]] = await this.scopedPage<T>(ctx, this.results, query, { limit: 1, offset: 0 });
    return row ?? null;
  }
}
