import { Injectable } from '@nestjs/common';
import type { DeepPartial } from 'typeorm';
import type { AuthContext } from '../../common/auth/auth-context';
import { TransactionRunner } from '../../common/database/transaction-runner';
import { OrganizationScopedRepository } from '../../common/tenancy/organization-scoped.repository';
import { FlightOffer } from './flight-offer.entity';
import { FlightSearch } from './flight-search.entity';
import { type OfferFilters, offerSql } from './offer-query';

/** The searches of the caller's organization. */
@Injectable()
export class FlightSearchesRepository extends OrganizationScopedRepository<FlightSearch> {
  protected readonly entity = FlightSearch;
  protected readonly noun = 'Flight search';

  constructor(db: TransactionRunner) {
    super(db);
  }
}

/** The offers of the caller's organization's searches; their reads are plain SQL (a page is up to 100 rows with their jsonb). */
@Injectable()
export class FlightOffersRepository extends OrganizationScopedRepository<FlightOffer> {
  protected readonly entity = FlightOffer;
  protected readonly noun = 'Flight offer';

  constructor(db: TransactionRunner) {
    super(db);
  }

  /** All of a search's offers in one statement. */
  insertAll(ctx: AuthContext, offers: DeepPartial<FlightOffer>[]): Promise<void> {
    return offers.length ? this.insertMany(ctx, offers, 'ignore') : Promise.resolve();
  }

  /** A page of the search's offers not expired at `at`, and how many match. */
  async page(
    ctx: AuthContext,
    searchId: string,
    at: Date,
    filters: OfferFilters,
    page: { limit: number; offset: number },
  ): Promise<[FlightOffer[], number]> {
    const { where, parameters, orderBy } = offerSql(searchId, at, filters);
    const conditions = where.join(' AND ');
    const [rows, counted] = await Promise.all([
      this.scopedSql<FlightOffer>(
        ctx,
        `SELECT ${this.selectList('o')} FROM flight_offers o WHERE ${conditions}
          ORDER BY ${orderBy} LIMIT ${page.limit} OFFSET ${page.offset}`,
        parameters,
      ),
      this.scopedSql<{ total: number }>(
        ctx,
        `SELECT COUNT(*)::int AS total FROM flight_offers o WHERE ${conditions}`,
        parameters,
      ),
    ]);
    return [rows, counted[0].total];
  }

  /** The cheapest offer of the search judged in_policy and not expired at `at` (price in the policy currency). */
  async cheapestInPolicy(ctx: AuthContext, searchId: string, at: Date): Promise<FlightOffer | null> {
    const { where, parameters, orderBy } = offerSql(searchId, at, { sort: 'price', order: 'asc', inPolicyOnly: true });
    const [row] = await this.scopedSql<FlightOffer>(
      ctx,
      `SELECT ${this.selectList('o')} FROM flight_offers o WHERE ${where.join(' AND ')} ORDER BY ${orderBy} LIMIT 1`,
      parameters,
    );
    return row ?? null;
  }
}
