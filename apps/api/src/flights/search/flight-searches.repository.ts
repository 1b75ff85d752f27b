import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../../common/auth/auth-context';
import { TransactionRunner } from '../../common/database/transaction-runner';
import { OrganizationScopedRepository } from '../../common/tenancy/organization-scoped.repository';
import { FlightOffer } from './flight-offer.entity';
import { FlightSearch } from './flight-search.entity';
import { type OfferFilters, offerSql } from './offer-query';

/** A judged offer to store: every column but the ids. */
export type NewFlightOffer = Omit<FlightOffer, 'id' | 'organizationId' | 'organization' | 'searchId' | 'search'>;

const OFFER_COLUMNS =
  'supplier_offer_id, offer, total_amount, total_currency, policy_amount, emissions_kg, duration_minutes, stops, carriers, verdict, reasons, expires_at';

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

  /**
   * All of a search's offers in one statement, sent as one JSON parameter that PostgreSQL unpacks
   * (jsonb_to_recordset): TypeORM's insert builder spent ~25 ms escaping 200 rows' parameters,
   * most of a search's own time (docs/performance.md).
   */
  async insertAll(ctx: AuthContext, searchId: string, offers: NewFlightOffer[]): Promise<void> {
    if (!offers.length) return;
    const rows = offers.map((offer) => ({
      supplier_offer_id: offer.supplierOfferId,
      offer: offer.offer,
      total_amount: offer.totalAmount,
      total_currency: offer.totalCurrency,
      policy_amount: offer.policyAmount,
      emissions_kg: offer.emissionsKg,
      duration_minutes: offer.durationMinutes,
      stops: offer.stops,
      carriers: offer.carriers,
      verdict: offer.verdict,
      reasons: offer.reasons,
      expires_at: offer.expiresAt.toISOString(),
    }));
    await this.scopedSql(
      ctx,
      `INSERT INTO flight_offers (organization_id, search_id, ${OFFER_COLUMNS})
       SELECT $organization::uuid, $1::uuid, ${OFFER_COLUMNS}
         FROM jsonb_to_recordset($2::jsonb) AS o(supplier_offer_id varchar, offer jsonb, total_amount numeric,
              total_currency char(3), policy_amount numeric, emissions_kg integer, duration_minutes integer,
              stops smallint, carriers varchar[], verdict varchar, reasons jsonb, expires_at timestamptz)
       ON CONFLICT DO NOTHING`,
      [searchId, JSON.stringify(rows)],
    );
  }

  /** A page of the search's offers not expired at `at`, and how many match. */
  async page(
    ctx: AuthContext,
    searchId: string,
    at: Date,
    filters: OfferFilters,
    page: { limit: number; offset: number },
  ): Promise<[FlightOffer[], number]> {
    return this.scopedPage<FlightOffer>(
      ctx,
      { table: 'flight_offers', alias: 'o' },
      offerSql(searchId, at, filters),
      page,
    );
  }

  /** The cheapest offer of the search judged in_policy and not expired at `at` (price in the policy currency). */
  async cheapestInPolicy(ctx: AuthContext, searchId: string, at: Date): Promise<FlightOffer | null> {
    const query = offerSql(searchId, at, { sort: 'price', order: 'asc', inPolicyOnly: true });
    const [[row]] = await this.scopedPage<FlightOffer>(ctx, { table: 'flight_offers', alias: 'o' }, query, {
      limit: 1,
      offset: 0,
    });
    return row ?? null;
  }
}
