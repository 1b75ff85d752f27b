import { Inject, Injectable } from '@nestjs/common';
import type { AuthContext } from '../../common/auth/auth-context';
import { TransactionRunner } from '../../common/database/transaction-runner';
import { DomainError } from '../../common/errors/domain-error';
import { FlightErrorCode } from '../../common/errors/error-codes';
import { ValidationFailedError } from '../../common/errors/validation-failed';
import { toPage } from '../../common/http/pagination.dto';
import { ExchangeRatesService } from '../../currency/exchange-rates.service';
import { findAirport } from '../../places/airports.index';
import { TravelPoliciesRepository } from '../../policy/travel-policies.repository';
import { policyRulesOf } from '../../policy/travel-policy.schema';
import { TripAccessService } from '../../trips/trip-access.service';
import { FLIGHT_SUPPLIER, type FlightSupplier, SupplierError } from '../supplier/flight-supplier';
import type { CreateFlightSearchDto, FlightOfferQuery, FlightOffersPage } from './dto/flight-search.dto';
import { toFlightOfferResponse, toFlightSearchResponse } from './flight-search.mapper';
import type { FlightOffer } from './flight-offer.entity';
import type { FlightSearch } from './flight-search.entity';
import { FlightOffersRepository, FlightSearchesRepository } from './flight-searches.repository';
import { judgeOffer } from './offer-verdict';
import { passengerCount } from './passenger-count';
import { searchWindowErrors } from './search-window';

/** How long a search without offers stays readable (there is nothing in it to book). */
const EMPTY_SEARCH_TTL_MS = 20 * 60_000;

/** A stored offer with its search, for the booking flow. */
export interface StoredOffer {
  offer: FlightOffer;
  search: FlightSearch;
}

/**
 * Flight search for a trip (docs/booking.md § Flight search and policy verdicts): asks the supplier
 * (outside any transaction), judges every offer against the organization's policy, stores the search
 * and its offers in one transaction, and reads them back sorted and filtered.
 */
@Injectable()
export class FlightSearchesService {
  constructor(
    @Inject(FLIGHT_SUPPLIER) private readonly supplier: FlightSupplier,
    private readonly access: TripAccessService,
    private readonly policies: TravelPoliciesRepository,
    private readonly rates: ExchangeRatesService,
    private readonly searches: FlightSearchesRepository,
    private readonly offers: FlightOffersRepository,
    private readonly db: TransactionRunner,
  ) {}

  async search(
    ctx: AuthContext,
    tripId: string,
    dto: CreateFlightSearchDto,
    query: FlightOfferQuery,
  ): Promise<FlightOffersPage> {
    const trip = await this.access.require(ctx, tripId, 'book_travel');
    const now = new Date();
    const slices = dto.slices.map(({ origin, destination, departureDate }) => ({ origin, destination, departureDate }));
    const dateErrors = searchWindowErrors(slices, now);
    if (dateErrors.length) throw new ValidationFailedError(dateErrors);
    const policy = policyRulesOf(await this.policies.get(ctx));
    const passengers = passengerCount(trip);
    const maxConnections = dto.maxConnections ?? null;
    const result = await this.askSupplier(() =>
      this.supplier.search({ slices, passengers, cabin: dto.cabin, maxConnections }),
    );
    const convert = await this.rates.converter(
      ctx,
      result.offers.map((offer) => offer.totalAmount.currency),
      policy.currency,
    );
    // Users have no home zone yet: the first departure airport stands for where the traveller is.
    const timeZone = findAirport(slices[0].origin)?.timezone ?? 'UTC';
    const context = { now, timeZone, convert };
    const judged = result.offers.map((offer) => {
      const verdict = judgeOffer(policy, offer, passengers, context);
      return {
        supplierOfferId: offer.supplierOfferId,
        offer,
        totalAmount: offer.totalAmount.amount,
        totalCurrency: offer.totalAmount.currency,
        policyAmount: convert(offer.totalAmount, policy.currency),
        emissionsKg: offer.totalEmissionsKg === null ? null : Math.round(offer.totalEmissionsKg),
        durationMinutes: offer.slices.reduce((sum, slice) => sum + slice.durationMinutes, 0),
        stops: Math.max(0, ...offer.slices.map((slice) => slice.segments.length - 1)),
        carriers: [
          ...new Set(
            offer.slices.flatMap((slice) =>
              slice.segments.flatMap((segment) => [
                segment.marketingCarrier.iataCode,
                segment.operatingCarrier.iataCode,
              ]),
            ),
          ),
        ],
        verdict: verdict.verdict,
        reasons: verdict.reasons,
        expiresAt: new Date(offer.expiresAt),
      };
    });
    const lastExpiry = Math.max(
      now.getTime() + (judged.length ? 0 : EMPTY_SEARCH_TTL_MS),
      ...judged.map((offer) => offer.expiresAt.getTime()),
    );
    const search = await this.db.run(async () => {
      const stored = await this.searches.insert(ctx, {
        tripId: trip.id,
        searchedById: ctx.userId,
        supplier: this.supplier.name,
        supplierSearchId: result.supplierSearchId,
        slices,
        passengers,
        cabin: dto.cabin,
        maxConnections,
        policyVersion: policy.version,
        policyCurrency: policy.currency,
        offerCount: judged.length,
        expiresAt: new Date(lastExpiry),
      });
      await this.offers.insertAll(ctx, stored.id, judged);
      return stored;
    });
    return this.page(ctx, search, query, now);
  }

  /** A page of a search's offers; 422 FLIGHT_SEARCH_EXPIRED once its last offer has expired. */
  async get(ctx: AuthContext, searchId: string, query: FlightOfferQuery): Promise<FlightOffersPage> {
    const search = await this.searches.getById(ctx, searchId);
    await this.access.require(ctx, search.tripId, 'view');
    const now = new Date();
    if (search.expiresAt.getTime() <= now.getTime()) {
      throw new DomainError(
        FlightErrorCode.SearchExpired,
        `The offers of this flight search expired at ${search.expiresAt.toISOString()}; search again`,
      );
    }
    return this.page(ctx, search, query, now);
  }

  /**
   * The cheapest offer of the search judged in_policy and not expired at `at`, or null: what a
   * booking records as the alternative it was compared with. The caller has checked access to the search's trip.
   */
  async cheapestInPolicyAlternative(ctx: AuthContext, searchId: string, at: Date): Promise<StoredOffer | null> {
    const search = await this.searches.getById(ctx, searchId);
    const offer = await this.offers.cheapestInPolicy(ctx, searchId, at);
    return offer && { offer, search };
  }

  /** A stored offer and its search (404 when not the caller's organization's); the booking checks the trip's access itself. */
  async storedOffer(ctx: AuthContext, offerId: string): Promise<StoredOffer> {
    const offer = await this.offers.getById(ctx, offerId);
    return { offer, search: await this.searches.getById(ctx, offer.searchId) };
  }

  private async page(
    ctx: AuthContext,
    search: FlightSearch,
    query: FlightOfferQuery,
    at: Date,
  ): Promise<FlightOffersPage> {
    const [rows, total] = await this.offers.page(
      ctx,
      search.id,
      at,
      {
        sort: query.sort,
        order: query.order,
        maxStops: query.maxStops,
        airlines: query.airline,
        inPolicyOnly: query.inPolicyOnly,
      },
      { limit: query.limit, offset: query.offset },
    );
    const items = rows.map((row) => toFlightOfferResponse(row, search));
    return { ...toPage(items, total, query), search: toFlightSearchResponse(search) };
  }

  /** The supplier's failures in our terms: nothing is stored when it fails. */
  private async askSupplier<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof SupplierError)) throw error;
      if (error.failure === 'invalid_request' || error.failure === 'not_found')
        throw new DomainError(
          FlightErrorCode.SearchRefused,
          `The flight supplier refused the search: ${error.message}`,
        );
      throw new DomainError(
        FlightErrorCode.SupplierUnavailable,
        'The flight supplier did not answer; try again shortly',
      );
    }
  }
}
