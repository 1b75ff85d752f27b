import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '../../common/database/transaction-runner';
import { type NewSearchResult, SearchResultsRepository } from '../../common/search/search-results.repository';
import { OrganizationScopedRepository } from '../../common/tenancy/organization-scoped.repository';
import { FlightOffer } from './flight-offer.entity';
import { FlightSearch } from './flight-search.entity';
import { type OfferFilters, offerSql } from './offer-query';

/** A judged offer to store. */
export type NewFlightOffer = NewSearchResult<FlightOffer>;

/** What an offer is stored from: its properties and their column types. */
const OFFER_FIELDS: Record<keyof NewFlightOffer, string> = {
  supplierOfferId: 'varchar',
  offer: 'jsonb',
  totalAmount: 'numeric',
  totalCurrency: 'char(3)',
  policyAmount: 'numeric',
  emissionsKg: 'integer',
  durationMinutes: 'integer',
  stops: 'smallint',
  carriers: 'varchar[]',
  verdict: 'varchar',
  reasons: 'jsonb',
  expiresAt: 'timestamptz',
};

/** The searches of the caller's organization. */
@Injectable()
export class FlightSearchesRepository extends OrganizationScopedRepository<FlightSearch> {
  protected readonly entity = FlightSearch;
  protected readonly noun = 'Flight search';

  constructor(db: TransactionRunner) {
    super(db);
  }
}

/** The offers of the caller's organization's flight searches. */
@Injectable()
export class FlightOffersRepository extends SearchResultsRepository<FlightOffer, OfferFilters> {
  protected readonly entity = FlightOffer;
  protected readonly noun = 'Flight offer';
  protected readonly results = { table: 'flight_offers', alias: 'o', fields: OFFER_FIELDS };
  protected readonly cheapestInPolicyFilters: OfferFilters = { sort: 'price', order: 'asc', inPolicyOnly: true };

  constructor(db: TransactionRunner) {
    super(db);
  }

  protected resultsSql(searchId: string, at: Date, filters: OfferFilters) {
    return offerSql(searchId, at, filters);
  }
}
