import { Inject, Injectable } from '@nestjs/common';
import type { AuthContext } from '../common/auth/auth-context';
import { loggableDatabaseError } from '../common/database/database-error';
import { TransactionRunner } from '../common/database/transaction-runner';
import { DomainError, NotFoundError } from '../common/errors/domain-error';
import { BookingErrorCode, type ErrorCode, FieldErrorCode, FlightErrorCode } from '../common/errors/error-codes';
import { ValidationFailedError } from '../common/errors/validation-failed';
import { toPage, type Page } from '../common/http/pagination.dto';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { toScaled } from '../currency/decimal';
import { FlightSearchesService } from '../flights/search/flight-searches.service';
import { type PassengerDetails, SupplierError, type SupplierFailure } from '../flights/supplier/flight-supplier';
import { PassengerProfilesService } from '../passengers/passenger-profiles.service';
import type { Money } from '../policy/policy-subject';
import { StaySearchesService } from '../stays/search/stay-searches.service';
import type { Trip, TripWithTravellerIds } from '../trips/trip.entity';
import { tripRefusal } from '../trips/trip-access';
import { tripTravellerIds } from '../trips/trip-travellers';
import { TripAccessService } from '../trips/trip-access.service';
import { TripsRepository } from '../trips/trips.repository';
import { assertBookingAccess } from './booking-access';
import type { Booking, BookingKind, CheapestAlternative } from './booking.entity';
import { codeFor, wordsFor } from './booking-kind';
import { toBookingResponse } from './booking.mapper';
import { type BookingAnswer, BookingOrders, type OrderParty, type Repriced, type StoredError } from './booking-orders';
import { BookingPolicy, type Judged } from './booking-policy';
import { BookingStatus } from './booking-status.machine';
import { TripBookedStatus } from './trip-booked-status';
import { BookingsRepository } from './bookings.repository';
import type { BookingDecisionDto, BookingQuery, BookingResponse, CreateBookingDto } from './dto/booking.dto';
import { idempotencyKeyOf, requestFingerprint } from './idempotency-key';

/** A booking request's item, checked and re-priced, before the policy and the claim. */
interface Prepared {
  item: Judged;
  passengerIds: string[];
  /** The item's columns of the booking row. */
  values: Partial<Booking>;
  /** The search's cheapest in-policy alternative, read just before the claim. */
  cheapest: () => Promise<CheapestAlternative | null>;
}

/** How long an Idempotency-Key names its booking (Stripe prunes keys after 24 hours at the earliest). */
const KEY_RETENTION_MS = 24 * 60 * 60_000;

/** How long a retry waits for the first request with its key to answer before 409 IDEMPOTENCY_KEY_IN_USE. */
const REPLAY_WAIT_MS = 15_000;

/**
 * Flight and stay bookings (docs/booking.md § Bookings, docs/stays.md § Booking a stay). A booking request is idempotent on its
 * `Idempotency-Key` (per booker): the key is claimed by inserting the booking, so of concurrent
 * requests exactly one goes on to order and the others replay its answer. Every supplier call
 * happens with no transaction open.
 */
@Injectable()
export class BookingsService {
  constructor(
    private readonly db: TransactionRunner,
    private readonly access: TripAccessService,
    private readonly trips: TripsRepository,
    private readonly bookings: BookingsRepository,
    private readonly offers: FlightSearchesService,
    private readonly stayRates: StaySearchesService,
    private readonly policy: BookingPolicy,
    private readonly passengers: PassengerProfilesService,
    private readonly orders: BookingOrders,
    private readonly tripStatus: TripBookedStatus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(
    ctx: AuthContext,
    tripId: string,
    keyHeader: string | string[] | undefined,
    dto: CreateBookingDto,
  ): Promise<BookingAnswer> {
    const trip = await this.access.require(ctx, tripId, 'book_travel');
    const key = idempotencyKeyOf(keyHeader);
    if ((dto.offerId === undefined) === (dto.stayRateId === undefined)) {
      throw new ValidationFailedError([
        {
          field: 'offerId',
          code: FieldErrorCode.Required,
          message: 'Give either offerId (a flight) or stayRateId (a stay)',
        },
      ]);
    }
    const fingerprint = requestFingerprint({ tripId, ...dto });
    const earlier = await this.bookings.findByKey(ctx, key);
    // Keys are kept 24 hours (S27): an older one is retired from its booking and the request is new.
    if (earlier && Date.now() - earlier.createdAt.getTime() > KEY_RETENTION_MS)
      await this.bookings.retireKey(ctx, earlier.id);
    else if (earlier) return this.replay(ctx, earlier, fingerprint);

    const prepared = dto.stayRateId ? await this.prepareStay(ctx, trip, dto) : await this.prepareFlight(ctx, trip, dto);
    const verdict = await this.policy.judge(ctx, prepared.item, trip.timezone, dto.reasonCode ?? null);
    const identities = await this.passengers.passengersFor(ctx, prepared.passengerIds);
    const waits = verdict.verdict === 'needs_approval';

    const claimed = await this.claim(
      ctx,
      key,
      fingerprint,
      {
        ...prepared.values,
        tripId,
        bookerId: ctx.userId,
        passengerIds: prepared.passengerIds,
        status: waits ? BookingStatus.PendingApproval : BookingStatus.Ordering,
        policyVerdict: verdict.verdict,
        policyVersion: verdict.policyVersion,
        policyReasons: verdict.reasons,
        policyReasonCode: verdict.reasonCode,
        reportCurrency: verdict.report.currency,
        reportRate: verdict.report.rate,
        cheapestInPolicy: await prepared.cheapest(),
        orderingStartedAt: waits ? null : new Date(),
      },
      trip,
    );
    if (!claimed.created) return this.replay(ctx, claimed.booking, fingerprint);
    if (waits) return { status: 201, body: toBookingResponse(claimed.booking, ctx) };
    return this.orders.place(ctx, claimed.booking, partyOf(claimed.booking, identities));
  }

  /** A flight offer of the trip's search, re-priced now (the search's price and verdict may be stale). */
  private async prepareFlight(ctx: AuthContext, trip: TripWithTravellerIds, dto: CreateBookingDto): Promise<Prepared> {
    const stored = await this.offers.storedOffer(ctx, dto.offerId!);
    if (stored.search.tripId !== trip.id) throw new NotFoundError('Flight offer');
    const passengerIds = dto.passengerIds ?? tripTravellerIds(trip);
    checkPassengers(trip, passengerIds, stored.offer.offer.supplierPassengerIds.length, 'offer');
    const seen = dto.acceptedPrice ?? { amount: stored.offer.totalAmount, currency: stored.offer.totalCurrency };
    const { offer } = (await this.reprice('flight', stored.offer.supplierOfferId)) as Repriced & { kind: 'flight' };
    assertPriceHolds('flight', seen, offer.totalAmount);
    return {
      item: { kind: 'flight', offer },
      passengerIds,
      values: {
        kind: 'flight',
        supplier: offer.supplier,
        offerId: stored.offer.id,
        supplierOfferId: offer.supplierOfferId,
        offer,
        emissionsKg: offer.totalEmissionsKg === null ? null : Math.round(offer.totalEmissionsKg),
        totalAmount: offer.totalAmount.amount,
        totalCurrency: offer.totalAmount.currency,
      },
      cheapest: async () => {
        const cheapest = await this.offers.cheapestInPolicyAlternative(ctx, stored.search.id, new Date());
        return (
          cheapest && {
            offerId: cheapest.offer.id,
            amount: cheapest.offer.totalAmount,
            currency: cheapest.offer.totalCurrency,
          }
        );
      },
    };
  }

  /** A stay rate of the trip's search, quoted now: the quote locks its price for the booking. */
  private async prepareStay(ctx: AuthContext, trip: TripWithTravellerIds, dto: CreateBookingDto): Promise<Prepared> {
    const stored = await this.stayRates.storedRate(ctx, dto.stayRateId!);
    if (stored.search.tripId !== trip.id) throw new NotFoundError('Stay rate');
    // The guests are the trip's travellers the search was made for, lead first.
    const passengerIds = dto.passengerIds ?? tripTravellerIds(trip);
    checkPassengers(trip, passengerIds, stored.search.guests, 'rate');
    const seen = dto.acceptedPrice ?? { amount: stored.rate.totalAmount, currency: stored.rate.totalCurrency };
    const { quote } = (await this.reprice('stay', stored.rate.supplierRateId)) as Repriced & { kind: 'stay' };
    assertPriceHolds('stay', seen, quote.totalAmount);
    return {
      item: { kind: 'stay', quote },
      passengerIds,
      values: {
        kind: 'stay',
        supplier: quote.supplier,
        offerId: stored.rate.id,
        supplierOfferId: stored.rate.supplierRateId,
        offer: null,
        stay: { quote, rate: stored.rate.rate, expiresAt: stored.rate.expiresAt.toISOString(), booking: null },
        totalAmount: quote.totalAmount.amount,
        totalCurrency: quote.totalAmount.currency,
      },
      cheapest: async () => {
        const cheapest = await this.stayRates.cheapestInPolicyAlternative(ctx, stored.search.id, new Date());
        return cheapest && { offerId: cheapest.id, amount: cheapest.totalAmount, currency: cheapest.totalCurrency };
      },
    };
  }

  async get(ctx: AuthContext, id: string): Promise<BookingResponse> {
    const { booking, manages } = await this.visibleWithTrip(ctx, id);
    return toBookingResponse(booking, ctx, manages);
  }

  async listForTrip(ctx: AuthContext, tripId: string): Promise<BookingResponse[]> {
    const manages = managesTrip(ctx, await this.access.require(ctx, tripId, 'view'));
    return (await this.bookings.listForTrip(ctx, tripId)).map((booking) => toBookingResponse(booking, ctx, manages));
  }

  async list(ctx: AuthContext, query: BookingQuery): Promise<Page<BookingResponse>> {
    const [rows, total] = await this.bookings.list(ctx, query, query);
    return toPage(
      rows.map((booking) => toBookingResponse(booking, ctx)),
      total,
      query,
    );
  }

  /**
   * An approver lets a pending booking go ahead: the offer is re-priced first (an expired offer
   * fails the booking; a dearer one updates its price and asks again: 409), then it is ordered.
   */
  async approve(ctx: AuthContext, id: string, dto: BookingDecisionDto): Promise<BookingAnswer> {
    const booking = await this.visible(ctx, id);
    assertBookingAccess(ctx, booking, 'approve');
    let repriced: Repriced;
    try {
      repriced = await this.reprice(booking.kind, booking.supplierOfferId);
    } catch (error) {
      if (error instanceof DomainError && error.code === codeFor(booking.kind, BookingErrorCode.OfferExpired)) {
        await this.orders.fail(
          ctx,
          id,
          {
            code: error.code,
            message: `The ${wordsFor(booking.kind).item} expired while the booking waited for approval: search again`,
          },
          BookingStatus.PendingApproval,
        );
      }
      throw error;
    }
    const total = repriced.kind === 'flight' ? repriced.offer.totalAmount : repriced.quote.totalAmount;
    const priced = {
      ...(repriced.kind === 'flight'
        ? { offer: repriced.offer }
        : { stay: { ...booking.stay!, quote: repriced.quote } }),
      totalAmount: total.amount,
      totalCurrency: total.currency,
    };
    if (toScaled(total.amount, 2) > toScaled(booking.totalAmount, 2) || total.currency !== booking.totalCurrency) {
      await this.bookings.change(ctx, id, priced);
      throw new DomainError(
        codeFor(booking.kind, BookingErrorCode.OfferPriceChanged),
        `The ${wordsFor(booking.kind).item} now costs ${total.amount} ${total.currency} (was ${booking.totalAmount} ${booking.totalCurrency}); the booking shows the new price: approve again to accept it`,
        { newTotal: { amount: total.amount, currency: total.currency } },
      );
    }
    const identities = await this.passengers.passengersFor(ctx, booking.passengerIds);
    const ordering = await this.db.run(async () => {
      const trip = await this.trips.getById(ctx, booking.tripId);
      const decision = { decidedById: ctx.userId, decidedAt: () => 'now()', decisionReason: dto.reason ?? null };
      if (
        // The order pays the price as re-priced now (equal or lower: a dearer one was refused above).
        !(await this.bookings.transition(ctx, id, BookingStatus.PendingApproval, BookingStatus.Approved, {
          ...decision,
          ...priced,
        }))
      )
        throw changedMeanwhile();
      await this.orders.publish(
        ctx,
        'booking.approved',
        await this.bookings.getById(ctx, id),
        trip,
        BookingStatus.PendingApproval,
        dto.reason,
      );
      if (
        !(await this.bookings.transition(ctx, id, BookingStatus.Approved, BookingStatus.Ordering, {
          orderingStartedAt: () => 'now()',
        }))
      )
        throw changedMeanwhile();
      const row = await this.bookings.getById(ctx, id);
      await this.orders.publish(ctx, 'booking.ordering', row, trip, BookingStatus.Approved);
      return row;
    });
    const answer = await this.orders.place(ctx, ordering, partyOf(ordering, identities));
    return { status: 200, body: answer.body };
  }

  async reject(ctx: AuthContext, id: string, dto: BookingDecisionDto): Promise<BookingResponse> {
    const booking = await this.visible(ctx, id);
    assertBookingAccess(ctx, booking, 'reject');
    return this.db.run(async () => {
      const trip = await this.trips.getById(ctx, booking.tripId);
      const decision = { decidedById: ctx.userId, decidedAt: () => 'now()', decisionReason: dto.reason ?? null };
      if (!(await this.bookings.transition(ctx, id, BookingStatus.PendingApproval, BookingStatus.Rejected, decision)))
        throw changedMeanwhile();
      const rejected = await this.bookings.getById(ctx, id);
      await this.orders.publish(ctx, 'booking.rejected', rejected, trip, BookingStatus.PendingApproval, dto.reason);
      return toBookingResponse(rejected, ctx);
    });
  }

  /** Asks the supplier what cancelling would refund (outside a transaction), and stores the quote. */
  async quoteCancellation(ctx: AuthContext, id: string): Promise<BookingResponse> {
    const { booking, manages } = await this.visibleWithTrip(ctx, id);
    assertBookingAccess(ctx, booking, 'quote_cancellation', manages);
    const quote = await this.askSupplier(booking.kind, () => this.orders.quoteCancellation(booking));
    return this.db.run(async () => {
      const trip = await this.trips.getById(ctx, booking.tripId);
      const changes = {
        cancellationId: quote.cancellationId,
        refundAmount: quote.refund.amount,
        refundCurrency: quote.refund.currency,
        cancellationExpiresAt: quote.expiresAt,
      };
      if (!(await this.bookings.transition(ctx, id, booking.status, BookingStatus.CancellationQuoted, changes)))
        throw changedMeanwhile();
      const quoted = await this.bookings.getById(ctx, id);
      await this.orders.publish(ctx, 'booking.cancellation_quoted', quoted, trip, booking.status);
      return toBookingResponse(quoted, ctx);
    });
  }

  /** Confirms the quoted cancellation at the supplier, then cancels: the flights (or the lodging) leave the itinerary. */
  async cancel(ctx: AuthContext, id: string): Promise<BookingResponse> {
    const { booking, manages } = await this.visibleWithTrip(ctx, id);
    assertBookingAccess(ctx, booking, 'cancel', manages);
    if (booking.cancellationExpiresAt && booking.cancellationExpiresAt.getTime() <= Date.now()) {
      throw new DomainError(
        BookingErrorCode.CancellationQuoteExpired,
        'The cancellation quote has expired: ask for a new one',
      );
    }
    const confirmed = await this.askSupplier(booking.kind, () => this.orders.confirmCancellation(booking));
    return this.db.run(async () => {
      // Booking row first, then the trip's: the order confirm and an airline change take them in.
      await this.bookings.getById(ctx, id, { lock: true });
      const trip = await this.trips.getById(ctx, booking.tripId, { lock: true });
      const changes = {
        refundAmount: confirmed.refund.amount,
        refundCurrency: confirmed.refund.currency,
        cancellationExpiresAt: null,
        cancelledAt: () => 'now()',
        ...(confirmed.stay ? { stay: { ...booking.stay!, booking: confirmed.stay } } : {}),
      };
      if (
        !(await this.bookings.transition(ctx, id, BookingStatus.CancellationQuoted, BookingStatus.Cancelled, changes))
      )
        throw changedMeanwhile();
      const cancelled = await this.bookings.getById(ctx, id);
      await this.orders.removeActivities(ctx, cancelled);
      await this.orders.publish(ctx, 'booking.cancelled', cancelled, trip, BookingStatus.CancellationQuoted);
      await this.tripStatus.unbookedIfNoneLeft(ctx, trip);
      return toBookingResponse(cancelled, ctx);
    });
  }

  /** The booking, when the caller may see its trip (404 otherwise, as for the trip). */
  private async visible(ctx: AuthContext, id: string): Promise<Booking> {
    return (await this.visibleWithTrip(ctx, id)).booking;
  }

  /** As `visible`, and whether the caller manages its trip (a co-traveller sees it but does not). */
  private async visibleWithTrip(ctx: AuthContext, id: string): Promise<{ booking: Booking; manages: boolean }> {
    const booking = await this.bookings.getById(ctx, id);
    try {
      const trip = await this.access.require(ctx, booking.tripId, 'view');
      return { booking, manages: managesTrip(ctx, trip) };
    } catch (error) {
      if (error instanceof DomainError && error.code === 'NOT_FOUND') throw new NotFoundError('Booking');
      throw error;
    }
  }

  /**
   * Claims the idempotency key by inserting the booking with the first event, in one short
   * transaction committed before any supplier call. A concurrent request that inserted first wins:
   * this one gets its booking back (`created: false`) to replay.
   */
  private async claim(
    ctx: AuthContext,
    idempotencyKey: string,
    requestFingerprint: string,
    values: Partial<Booking>,
    trip: Trip,
  ): Promise<{ created: boolean; booking: Booking }> {
    try {
      const booking = await this.db.run(async () => {
        const limit = this.config.booking.dailyLimitPerUser;
        if (limit > 0) {
          await this.bookings.lockBooker(ctx);
          // A concurrent request with this key may have claimed it while this one waited: replay it, not refuse.
          if (
            !(await this.bookings.findByKey(ctx, idempotencyKey)) &&
            (await this.bookings.countRecent(ctx)) >= limit
          ) {
            throw new DomainError(
              BookingErrorCode.DailyLimitReached,
              `You have made ${limit} bookings in the last 24 hours, as many as one person may; ask an admin`,
            );
          }
        }
        const row = await this.bookings.insert(ctx, { ...values, idempotencyKey, requestFingerprint });
        const inserted = await this.bookings.getById(ctx, row.id);
        const waits = inserted.status === BookingStatus.PendingApproval;
        await this.orders.publish(ctx, waits ? 'booking.requested' : 'booking.ordering', inserted, trip, null);
        // Waiting for an approver is this request's whole answer: recorded with the claim, for its retries.
        if (waits) await this.bookings.recordAnswer(ctx, inserted.id, 201, toBookingResponse(inserted, ctx));
        return inserted;
      });
      return { created: true, booking };
    } catch (error) {
      const constraint = loggableDatabaseError(error)?.constraint;
      if (constraint !== 'uq_bookings_idempotency' && constraint !== 'uq_bookings_live_offer') throw error;
      const winner = await this.bookings.findByKey(ctx, idempotencyKey);
      if (winner) return { created: false, booking: winner };
      const kind = values.kind ?? 'flight';
      throw new DomainError(
        codeFor(kind, BookingErrorCode.OfferAlreadyBooked),
        `This ${wordsFor(kind).item} is already booked for this trip (or waiting for approval)`,
      );
    }
  }

  /**
   * The answer of the first request with this key: its status and body, once it has one (a retry
   * during the first request waits for it, up to REPLAY_WAIT_MS, then 409). A key reused for
   * another request is refused (422).
   */
  private async replay(ctx: AuthContext, booking: Booking, fingerprint: string): Promise<BookingAnswer> {
    if (booking.requestFingerprint !== fingerprint) {
      throw new DomainError(
        BookingErrorCode.IdempotencyKeyReused,
        'This Idempotency-Key was used for a different booking request; use a new key for a new request',
      );
    }
    const deadline = Date.now() + REPLAY_WAIT_MS;
    let current = booking;
    for (let pause = 25; current.responseStatus === null && Date.now() < deadline; pause = Math.min(pause * 2, 400)) {
      await new Promise((resolve) => setTimeout(resolve, pause));
      current = await this.bookings.getById(ctx, booking.id);
    }
    if (current.responseStatus === null) {
      throw new DomainError(
        BookingErrorCode.IdempotencyKeyInUse,
        'The first request with this Idempotency-Key is still being processed; retry shortly',
      );
    }
    if (current.responseStatus >= 400) {
      const stored = current.responseBody as StoredError;
      throw new DomainError(stored.code, stored.message);
    }
    return { status: current.responseStatus, body: current.responseBody as BookingResponse };
  }

  /** The offer or the stay's rate as the supplier prices it now; an expired one is 422 FLIGHT_OFFER_EXPIRED (STAY_RATE_EXPIRED). */
  private reprice(kind: BookingKind, supplierItemId: string): Promise<Repriced> {
    return this.askSupplier(kind, () => this.orders.reprice(kind, supplierItemId));
  }

  private async askSupplier<T>(kind: BookingKind, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof SupplierError)) throw error;
      const { code, message } = supplierError(kind, error.failure);
      throw new DomainError(code, message);
    }
  }
}

/**
 * Whether the caller manages the trip (its lead traveller, the organization's managers and admins),
 * whatever its status: the trip access table's `book_travel` who-rule, read through `tripRefusal`.
 */
function managesTrip(ctx: AuthContext, trip: TripWithTravellerIds): boolean {
  const refusal = tripRefusal(ctx, trip, 'book_travel');
  return refusal !== 'not_found' && refusal !== 'forbidden';
}

/** Passengers (guests) must be the trip's travellers, as many as the offer (rate) was searched for. */
function checkPassengers(trip: TripWithTravellerIds, passengerIds: string[], searched: number, item: string): void {
  const travellers = tripTravellerIds(trip);
  const strangers = passengerIds.filter((id) => !travellers.includes(id));
  if (strangers.length > 0)
    throw new DomainError(BookingErrorCode.PassengersMismatch, 'Passengers must be travellers of the trip');
  if (passengerIds.length !== searched) {
    throw new DomainError(
      BookingErrorCode.PassengersMismatch,
      `The ${item} is for ${searched} passenger(s), not ${passengerIds.length}: search again for these travellers`,
    );
  }
}

/** A supplier's refusal of a re-pricing or a cancellation, in our terms. */
function supplierError(kind: BookingKind, failure: SupplierFailure): { code: ErrorCode; message: string } {
  const words = wordsFor(kind);
  const gone = {
    code: codeFor(kind, BookingErrorCode.OfferExpired),
    message: `The ${words.item} is no longer available: search again`,
  };
  const unavailable = codeFor(kind, FlightErrorCode.SupplierUnavailable);
  switch (failure) {
    case 'offer_expired':
    case 'not_found':
      return gone;
    case 'price_changed':
      return {
        code: codeFor(kind, BookingErrorCode.OfferPriceChanged),
        message: `The ${words.seller} changed the price of this ${words.item}: search again`,
      };
    case 'invalid_request':
      return { code: BookingErrorCode.SupplierRefused, message: `The ${words.supplier} refused the request` };
    case 'rate_limited':
      return { code: unavailable, message: `The ${words.supplier} is busy: try again in a minute` };
    case 'unavailable':
      return { code: unavailable, message: `The ${words.supplier} is unavailable: try again shortly` };
    case 'timeout':
      return { code: unavailable, message: `The ${words.supplier} did not answer in time: try again shortly` };
  }
}

/** The price the booker agreed to still holds: a dearer offer or rate (or another currency) asks them again. */
function assertPriceHolds(kind: BookingKind, seen: Money, now: Money): void {
  if (now.currency !== seen.currency || toScaled(now.amount, 2) > toScaled(seen.amount, 2)) {
    throw new DomainError(
      codeFor(kind, BookingErrorCode.OfferPriceChanged),
      `The ${wordsFor(kind).item} now costs ${now.amount} ${now.currency} (you saw ${seen.amount} ${seen.currency}): book again with acceptedPrice to accept it`,
      { newTotal: { amount: now.amount, currency: now.currency } },
    );
  }
}

/** Who the supplier books for: each traveller with the offer's passenger id, or the stay's guests and the lead's contact. */
function partyOf(booking: Booking, identities: Omit<PassengerDetails, 'supplierPassengerId'>[]): OrderParty {
  if (booking.kind === 'stay') {
    const [lead] = identities;
    return {
      kind: 'stay',
      guests: identities.map(({ givenName, familyName }) => ({ givenName, familyName })),
      email: lead.email,
      phoneNumber: lead.phoneNumber,
    };
  }
  const ids = booking.offer!.supplierPassengerIds;
  return {
    kind: 'flight',
    passengers: identities.map((identity, index) => ({ ...identity, supplierPassengerId: ids[index] })),
  };
}

function changedMeanwhile(): DomainError {
  return new DomainError(BookingErrorCode.IllegalTransition, 'The booking changed meanwhile; reload it and try again');
}
