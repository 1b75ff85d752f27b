import { Inject, Injectable } from '@nestjs/common';
import type { AuthContext } from '../../common/auth/auth-context';
import { TransactionRunner } from '../../common/database/transaction-runner';
import { DomainError } from '../../common/errors/domain-error';
import { FieldErrorCode, StayErrorCode } from '../../common/errors/error-codes';
import { ValidationFailedError } from '../../common/errors/validation-failed';
import { toPage } from '../../common/http/pagination.dto';
import { ExchangeRatesService } from '../../currency/exchange-rates.service';
import { passengerCount } from '../../flights/search/passenger-count';
import { distanceKm } from '../../places/great-circle';
import { TravelPoliciesRepository } from '../../policy/travel-policies.repository';
import { policyRulesOf } from '../../policy/travel-policy.schema';
import type { TripWithTravellerIds } from '../../trips/trip.entity';
import { TripAccessService } from '../../trips/trip-access.service';
import {
  STAY_SUPPLIER,
  type StayRates,
  type StaySearchRequest,
  type StaySupplier,
  SupplierError,
} from '../supplier/stay-supplier';
import type { CreateStaySearchDto, StayRateQuery, StayRatesPage } from './dto/stay-search.dto';
import { judgeRate, nightlyRate, nightsOf } from './rate-verdict';
import type { StayRateRow } from './stay-rate.entity';
import type { StaySearch } from './stay-search.entity';
import { toStayRateResponse, toStaySearchResponse } from './stay-search.mapper';
import { stayWindowErrors } from './stay-search-window';
import { type NewStayRate, StayRatesRepository, StaySearchesRepository } from './stay-searches.repository';

/** The properties whose rates a search reads (cheapest first): one supplier call each. */
export const MAX_PROPERTIES = 20;
/** Rate calls at once. */
const CONCURRENCY = 4;
/** How long a search without rates stays readable. */
const EMPTY_SEARCH_TTL_MS = 20 * 60_000;

/** A stored rate with its search, for the booking flow. */
export interface StoredRate {
  rate: StayRateRow;
  search: StaySearch;
}

/**
 * Stay search for a trip (docs/stays.md § Search and policy verdicts), as flight search is: asks
 * the supplier (outside any transaction) for the properties and their rates, judges every rate
 * against the organization's policy, stores the search and its rates in one transaction, and reads
 * them back sorted and filtered.
 */
@Injectable()
export class StaySearchesService {
  constructor(
    @Inject(STAY_SUPPLIER) private readonly supplier: StaySupplier,
    private readonly access: TripAccessService,
    private readonly policies: TravelPoliciesRepository,
    private readonly rates: ExchangeRatesService,
    private readonly searches: StaySearchesRepository,
    private readonly stored: StayRatesRepository,
    private readonly db: TransactionRunner,
  ) {}

  async search(
    ctx: AuthContext,
    tripId: string,
    dto: CreateStaySearchDto,
    query: StayRateQuery,
  ): Promise<StayRatesPage> {
    const trip = await this.access.require(ctx, tripId, 'book_travel');
    const now = new Date();
    const zone = trip.timezone ?? 'UTC';
    const guests = passengerCount(trip);
    const errors = stayWindowErrors(dto.checkInDate, dto.checkOutDate, zone, now);
    if (dto.rooms > guests)
      errors.push({
        field: 'rooms',
        code: FieldErrorCode.TooLarge,
        message: `rooms must be at most the trip's ${guests} traveller(s)`,
      });
    if ((dto.latitude === undefined) !== (dto.longitude === undefined))
      errors.push({ field: 'longitude', code: FieldErrorCode.Required, message: 'latitude and longitude go together' });
    if (dto.propertyIds && dto.latitude !== undefined)
      errors.push({
        field: 'propertyIds',
        code: FieldErrorCode.Invalid,
        message: 'propertyIds and a point exclude each other',
      });
    if (errors.length) throw new ValidationFailedError(errors);
    const where = whereOf(dto, trip);
    const policy = policyRulesOf(await this.policies.get(ctx));
    const request: StaySearchRequest = {
      where,
      checkInDate: dto.checkInDate,
      checkOutDate: dto.checkOutDate,
      rooms: dto.rooms,
      guests,
    };
    const found = await this.askSupplier(() => this.supplier.search(request));
    const properties = await this.ratesOf(
      found.results.slice(0, MAX_PROPERTIES).map((result) => result.supplierResultId),
    );
    const convert = await this.rates.converter(
      ctx,
      properties.flatMap((result) => result.rates.map((rate) => rate.totalAmount.currency)),
      policy.currency,
    );
    const context = { now, timeZone: zone, convert };
    const resultExpiry = new Map(found.results.map((result) => [result.supplierResultId, result.expiresAt]));
    const judged: NewStayRate[] = properties.flatMap((result) =>
      result.rates.map((rate) => {
        const verdict = judgeRate(policy, result, rate.totalAmount, context);
        const { property } = result;
        return {
          supplierRateId: rate.supplierRateId,
          property,
          rate,
          totalAmount: rate.totalAmount.amount,
          totalCurrency: rate.totalAmount.currency,
          policyAmount: convert(rate.totalAmount, policy.currency),
          nightlyPolicyAmount: convert(nightlyRate(rate.totalAmount, nightsOf(result), result.rooms), policy.currency),
          stars: property.stars,
          distanceKm:
            'latitude' in where && property.latitude !== null && property.longitude !== null
              ? distanceKm(where, { latitude: property.latitude, longitude: property.longitude })
              : null,
          verdict: verdict.verdict,
          reasons: verdict.reasons,
          expiresAt: new Date(rate.expiresAt ?? resultExpiry.get(result.supplierResultId) ?? now),
        };
      }),
    );
    const lastExpiry = Math.max(
      now.getTime() + (judged.length ? 0 : EMPTY_SEARCH_TTL_MS),
      ...judged.map((rate) => rate.expiresAt.getTime()),
    );
    const search = await this.db.run(async () => {
      const row = await this.searches.insert(ctx, {
        tripId: trip.id,
        searchedById: ctx.userId,
        supplier: this.supplier.name,
        where,
        checkInDate: dto.checkInDate,
        checkOutDate: dto.checkOutDate,
        rooms: dto.rooms,
        guests,
        policyVersion: policy.version,
        policyCurrency: policy.currency,
        propertyCount: found.results.length,
        rateCount: judged.length,
        expiresAt: new Date(lastExpiry),
      });
      await this.stored.insertAll(ctx, row.id, judged);
      return row;
    });
    return this.page(ctx, search, query, now);
  }

  /** A page of a search's rates; 422 STAY_SEARCH_EXPIRED once its last rate has expired. */
  async get(ctx: AuthContext, searchId: string, query: StayRateQuery): Promise<StayRatesPage> {
    const search = await this.searches.getById(ctx, searchId);
    await this.access.require(ctx, search.tripId, 'view');
    const now = new Date();
    if (search.expiresAt.getTime() <= now.getTime()) {
      throw new DomainError(
        StayErrorCode.SearchExpired,
        `The rates of this stay search expired at ${search.expiresAt.toISOString()}; search again`,
      );
    }
    return this.page(ctx, search, query, now);
  }

  /** A stored rate and its search (404 outside the caller's organization); the booking checks the trip's access itself. */
  async storedRate(ctx: AuthContext, rateId: string): Promise<StoredRate> {
    const rate = await this.stored.getById(ctx, rateId);
    return { rate, search: await this.searches.getById(ctx, rate.searchId) };
  }

  /** The cheapest rate of the search judged in_policy and not expired at `at`, or null: what a booking records. */
  cheapestInPolicyAlternative(ctx: AuthContext, searchId: string, at: Date): Promise<StayRateRow | null> {
    return this.stored.cheapestInPolicy(ctx, searchId, at);
  }

  private async page(ctx: AuthContext, search: StaySearch, query: StayRateQuery, at: Date): Promise<StayRatesPage> {
    const [rows, total] = await this.stored.page(
      ctx,
      search.id,
      at,
      { sort: query.sort, order: query.order, minStars: query.minStars, inPolicyOnly: query.inPolicyOnly },
      { limit: query.limit, offset: query.offset },
    );
    const items = rows.map((row) => toStayRateResponse(row, search));
    return { ...toPage(items, total, query), search: toStaySearchResponse(search) };
  }

  /** The rates of each result, a few calls at a time; a result gone meanwhile is left out. */
  private async ratesOf(resultIds: string[]): Promise<StayRates[]> {
    const answers: Array<StayRates | null> = new Array(resultIds.length).fill(null);
    let next = 0;
    const worker = async () => {
      while (next < resultIds.length) {
        const index = next++;
        answers[index] = await this.askSupplier(async () => {
          try {
            return await this.supplier.rates(resultIds[index]);
          } catch (error) {
            if (error instanceof SupplierError && (error.failure === 'offer_expired' || error.failure === 'not_found'))
              return null;
            throw error;
          }
        });
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, resultIds.length) }, worker));
    return answers.filter((answer): answer is StayRates => answer !== null);
  }

  /** The supplier's failures in our terms: nothing is stored when it fails. */
  private async askSupplier<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof SupplierError)) throw error;
      if (error.failure === 'invalid_request' || error.failure === 'not_found')
        throw new DomainError(StayErrorCode.SearchRefused, `The stay supplier refused the search: ${error.message}`);
      throw new DomainError(StayErrorCode.SupplierUnavailable, 'The stay supplier did not answer; try again shortly');
    }
  }
}

/** Where to search: the given properties, the given point, else around the trip's destination. */
function whereOf(dto: CreateStaySearchDto, trip: TripWithTravellerIds): StaySearchRequest['where'] {
  if (dto.propertyIds) return { propertyIds: dto.propertyIds };
  const latitude = dto.latitude ?? trip.latitude;
  const longitude = dto.longitude ?? trip.longitude;
  if (latitude === null || latitude === undefined || longitude === null || longitude === undefined) {
    throw new DomainError(
      StayErrorCode.SearchRefused,
      "The trip's destination has no coordinates: give latitude and longitude, or pick the destination from the list",
    );
  }
  return { latitude, longitude, radiusKm: dto.radiusKm };
}
