import { Inject, Injectable } from '@nestjs/common';
import { ActivitiesRepository } from '../activities/activities.repository';
import type { Activity } from '../activities/activity.entity';
import type { AuthContext } from '../common/auth/auth-context';
import { TransactionRunner } from '../common/database/transaction-runner';
import { DomainError, NotFoundError } from '../common/errors/domain-error';
import { BookingErrorCode, type ErrorCode, FlightErrorCode } from '../common/errors/error-codes';
import { STATUS_OF_CODE } from '../common/http/error-status';
import { DomainEvents } from '../events/domain-events';
import type { BookingPayload, EventType } from '../events/event-map';
import {
  FLIGHT_SUPPLIER,
  type FlightOffer,
  type FlightOrder,
  type FlightSupplier,
  type PassengerDetails,
  SupplierError,
  type SupplierFailure,
} from '../flights/supplier/flight-supplier';
import type { Money } from '../policy/policy-subject';
import {
  refundAt,
  STAY_SUPPLIER,
  type StayBooking,
  type StayCancellationPolicy,
  type StayGuest,
  type StayQuote,
  type StaySupplier,
} from '../stays/supplier/stay-supplier';
import type { Trip } from '../trips/trip.entity';
import { TripBudget } from '../trips/trip-budget';
import { TripsRepository } from '../trips/trips.repository';
import type { Booking, BookingKind } from './booking.entity';
import { type FlightActivity, flightActivities, flightLines, lodgingActivity, stayLine } from './booking-itinerary';
import { codeFor, wordsFor } from './booking-kind';
import { toBookingResponse } from './booking.mapper';
import { bookingActions, BookingStatus, bookingTransition } from './booking-status.machine';
import type { BookingChanges } from './bookings.repository';
import { BookingsRepository } from './bookings.repository';
import { TripBookedStatus } from './trip-booked-status';
import type { BookingResponse } from './dto/booking.dto';

/** A booking request's answer: what the first request said, replayed to every retry with its key. */
export type BookingAnswer = { status: number; body: BookingResponse };

/** A stored error answer: the code and message (the status follows from the code). */
export interface StoredError {
  code: ErrorCode;
  message: string;
}

/** Who the supplier books for: a flight's passengers, or a stay's guests (lead first) and the lead's contact. */
export type OrderParty =
  | { kind: 'flight'; passengers: PassengerDetails[] }
  | { kind: 'stay'; guests: StayGuest[]; email: string; phoneNumber: string };

/** What the supplier made: a flight order, or a stay booking. */
export type SupplierOrder = { kind: 'flight'; order: FlightOrder } | { kind: 'stay'; booking: StayBooking };

/** A booking's item as the supplier prices it now: a flight offer, or a new quote of a stay rate. */
export type Repriced = { kind: 'flight'; offer: FlightOffer } | { kind: 'stay'; quote: StayQuote };

/** What cancelling would refund now, and until when the quote holds. */
export interface CancellationQuote {
  cancellationId: string | null;
  refund: Money;
  expiresAt: Date | null;
}

/** How long our own quote of a stay's cancellation holds, at most (the rate's timeline may end sooner). */
const STAY_CANCELLATION_QUOTE_MS = 15 * 60_000;

/** Failures after which the supplier surely made no order: the booking fails at once (codes in the flight's terms). */
const NO_ORDER: Partial<Record<SupplierFailure, ErrorCode>> = {
  offer_expired: BookingErrorCode.OfferExpired,
  price_changed: BookingErrorCode.OfferPriceChanged,
  invalid_request: BookingErrorCode.SupplierRefused,
  not_found: BookingErrorCode.OfferExpired,
  rate_limited: FlightErrorCode.SupplierUnavailable,
};

/**
 * The supplier side of bookings, flights and stays alike: re-prices, places the order and writes
 * its outcome, finds a lost order, cancels. The supplier is called with no transaction open: the
 * booking was committed in `ordering` before (so a crash leaves a row the reconciler finishes), and
 * the outcome is written in a transaction of its own. `confirm` and `fail` are compare-and-sets
 * from `ordering`, so the request, a retry and the reconciler cannot both finish one booking.
 */
@Injectable()
export class BookingOrders {
  constructor(
    @Inject(FLIGHT_SUPPLIER) private readonly supplier: FlightSupplier,
    @Inject(STAY_SUPPLIER) private readonly stays: StaySupplier,
    private readonly db: TransactionRunner,
    private readonly bookings: BookingsRepository,
    private readonly trips: TripsRepository,
    private readonly activities: ActivitiesRepository,
    private readonly budget: TripBudget,
    private readonly events: DomainEvents,
    private readonly tripStatus: TripBookedStatus,
  ) {}

  /** The offer as the supplier prices it now, or a new quote of the stay's rate (SupplierError when gone). */
  async reprice(kind: BookingKind, supplierItemId: string): Promise<Repriced> {
    return kind === 'flight'
      ? { kind, offer: await this.supplier.getOffer(supplierItemId) }
      : { kind, quote: await this.stays.quote(supplierItemId) };
  }

  /**
   * Orders the booking (status `ordering`, committed) for `party`. 201 with the confirmed booking;
   * a refusal fails it and throws its error; when the outcome is unknown (timeout, 5xx) the booking
   * stays `ordering` for the reconciler: 202.
   */
  async place(ctx: AuthContext, booking: Booking, party: OrderParty): Promise<BookingAnswer> {
    if (this.db.manager.queryRunner?.isTransactionActive)
      throw new Error('a supplier order must not be placed inside a transaction');
    let made: SupplierOrder;
    try {
      made = await this.order(booking, party);
    } catch (error) {
      const flightCode = error instanceof SupplierError ? NO_ORDER[error.failure] : undefined;
      if (!flightCode) {
        // The order may or may not exist: the reconciler asks the supplier later (findOrder).
        return { status: 202, body: toBookingResponse(await this.bookings.getById(ctx, booking.id), ctx) };
      }
      const code = codeFor(booking.kind, flightCode);
      const message = failureMessage(booking.kind, flightCode, error as SupplierError);
      await this.fail(ctx, booking.id, { code, message });
      throw new DomainError(code, message);
    }
    const confirmed = await this.confirm(ctx, booking.id, made);
    return { status: 201, body: toBookingResponse(confirmed, ctx) };
  }

  /** The order the supplier made for the booking, if any (the reconciler's question). */
  async findOrder(kind: BookingKind, bookingId: string, createdAfter: Date): Promise<SupplierOrder | null> {
    if (kind === 'flight') {
      const order = await this.supplier.findOrderByBookingId(bookingId, createdAfter);
      return order && { kind, order };
    }
    const booking = await this.stays.findBookingByBookingId(bookingId, createdAfter);
    return booking && { kind, booking };
  }

  /**
   * ordering → confirmed with what the supplier made: the flights (or the lodging) become
   * activities of the trip, an approved trip becomes booked, and the events (audit, e-mail) are
   * queued — one transaction. Returns the booking as it is afterwards (unchanged when something
   * else finished it first).
   */
  confirm(ctx: AuthContext, bookingId: string, made: SupplierOrder): Promise<Booking> {
    return this.db.run(async () => {
      const booking = await this.bookings.getById(ctx, bookingId, { lock: true });
      if (booking.status !== BookingStatus.Ordering) return booking;
      // The trip's row lock orders this among the itinerary's other writers (positions, budget).
      const trip = await this.trips.getById(ctx, booking.tripId, { lock: true });
      const changes: BookingChanges =
        made.kind === 'flight'
          ? {
              supplierOrderId: made.order.supplierOrderId,
              bookingReference: made.order.bookingReference,
              order: made.order,
              activityIds: await this.addActivities(ctx, trip, this.flightsOf(booking, made.order)),
            }
          : {
              supplierOrderId: made.booking.supplierBookingId,
              bookingReference: made.booking.reference,
              stay: { ...booking.stay!, booking: made.booking },
              activityIds: await this.addActivities(ctx, trip, [this.lodgingOf(booking, trip, made.booking)]),
            };
      await this.bookings.transition(ctx, bookingId, BookingStatus.Ordering, BookingStatus.Confirmed, {
        ...changes,
        confirmedAt: () => 'now()',
        reconcileLeaseUntil: null,
      });
      await this.tripStatus.booked(ctx, trip);
      const confirmed = await this.bookings.getById(ctx, bookingId);
      await this.publish(ctx, 'booking.confirmed', confirmed, trip, BookingStatus.Ordering);
      await this.answerOnce(ctx, confirmed, 201, toBookingResponse(confirmed, ctx));
      return this.bookings.getById(ctx, bookingId);
    });
  }

  /** ordering (or waiting) → failed, with the error its request answered; false when it had moved on. */
  fail(
    ctx: AuthContext,
    bookingId: string,
    error: StoredError,
    from: BookingStatus = BookingStatus.Ordering,
  ): Promise<boolean> {
    return this.db.run(async () => {
      const moved = await this.bookings.transition(ctx, bookingId, from, BookingStatus.Failed, {
        failureCode: error.code,
        failureMessage: error.message,
        reconcileLeaseUntil: null,
      });
      if (!moved) return false;
      const booking = await this.bookings.getById(ctx, bookingId);
      const trip = await this.trips.getById(ctx, booking.tripId);
      await this.publish(ctx, 'booking.failed', booking, trip, from, error.message);
      await this.answerOnce(ctx, booking, STATUS_OF_CODE[error.code], error);
      return true;
    });
  }

  /**
   * What cancelling would refund now. A flight asks the supplier for a quote; a stay reads its
   * rate's cancellation timeline (suppliers quote no stay cancellation), and the quote holds until
   * the timeline's next step or 15 minutes, whichever comes first.
   */
  async quoteCancellation(booking: Booking, now = new Date()): Promise<CancellationQuote> {
    if (booking.kind === 'flight') {
      const quote = await this.supplier.quoteCancellation(booking.supplierOrderId!);
      return {
        cancellationId: quote.supplierCancellationId,
        refund: quote.refund,
        expiresAt: quote.expiresAt ? new Date(quote.expiresAt) : null,
      };
    }
    const policy = stayCancellationPolicy(booking);
    const next = policy.timeline.find((step) => Date.parse(step.before) > now.getTime());
    const until = Math.min(now.getTime() + STAY_CANCELLATION_QUOTE_MS, next ? Date.parse(next.before) : Infinity);
    return { cancellationId: null, refund: refundAt(policy, totalOf(booking), now), expiresAt: new Date(until) };
  }

  /** Cancels at the supplier and answers what was refunded (a stay's supplier may not say: its timeline does). */
  async confirmCancellation(booking: Booking, now = new Date()): Promise<{ refund: Money; stay?: StayBooking }> {
    if (booking.kind === 'flight')
      return { refund: (await this.supplier.confirmCancellation(booking.cancellationId!)).refund };
    const cancelled = await this.stays.cancel(booking.supplierOrderId!);
    return {
      refund: cancelled.refund ?? refundAt(stayCancellationPolicy(booking), totalOf(booking), now),
      stay: cancelled,
    };
  }

  /** Queues a booking event (inside the caller's transaction). */
  async publish(
    ctx: AuthContext,
    type: EventType & `booking.${string}`,
    booking: Booking,
    trip: Pick<Trip, 'title'>,
    from: BookingStatus | null,
    reason?: string,
  ): Promise<void> {
    const payload: BookingPayload = {
      bookingId: booking.id,
      tripId: booking.tripId,
      tripTitle: trip.title,
      bookerId: booking.bookerId,
      passengerIds: booking.passengerIds,
      supplier: booking.supplier,
      from,
      to: booking.status,
      amount: booking.totalAmount,
      currency: booking.totalCurrency,
      bookingReference: booking.bookingReference,
      flights: booking.offer ? flightLines(booking.order?.slices ?? booking.offer.slices) : [],
      ...(booking.stay ? { kind: 'stay' as const, stay: stayLine(booking.stay.quote) } : {}),
      ...(reason ? { reason } : {}),
      policy: booking.policyVerdict,
    };
    await this.events.publish(ctx, type as 'booking.confirmed', payload);
  }

  /**
   * The airline changed a confirmed booking's flights (a Duffel webhook): the booking keeps the order
   * as the supplier now describes it, its flight activities are replaced by the new ones, and the
   * travellers are told. Idempotent: the order is read from the supplier, not from the event, so a
   * late or repeated event applies the current order again. False for a booking no longer flying.
   */
  applyAirlineChange(ctx: AuthContext, bookingId: string, order: FlightOrder, note: string): Promise<boolean> {
    return this.db.run(async () => {
      const booking = await this.bookings.getById(ctx, bookingId, { lock: true });
      if (booking.kind !== 'flight' || !bookingActions(booking.status).includes('airline_change')) return false;
      const trip = await this.trips.getById(ctx, booking.tripId, { lock: true });
      await this.removeActivities(ctx, booking);
      const activityIds = await this.addActivities(ctx, trip, this.flightsOf(booking, order));
      const to = bookingTransition(booking.status, 'airline_change');
      const changes = { order, bookingReference: order.bookingReference, activityIds };
      if (!(await this.bookings.transition(ctx, bookingId, booking.status, to, changes))) return false;
      await this.publish(
        ctx,
        'booking.changed_by_airline',
        await this.bookings.getById(ctx, bookingId),
        trip,
        booking.status,
        note,
      );
      return true;
    });
  }

  /** Removes the booking's activities that are still there (a traveller may have deleted one). */
  async removeActivities(ctx: AuthContext, booking: Booking): Promise<void> {
    for (const id of booking.activityIds) {
      try {
        const activity = await this.activities.getById(ctx, id);
        await this.activities.deleteById(ctx, id);
        await this.events.publish(ctx, 'activity.deleted', {
          tripId: booking.tripId,
          activityId: id,
          title: activity.title,
        });
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error;
      }
    }
    await this.activities.renumber(ctx, booking.tripId);
  }

  /** Records the answer the booking request gives, unless one is recorded already (the first answer stays). */
  private async answerOnce(ctx: AuthContext, booking: Booking, status: number, body: unknown): Promise<void> {
    if (booking.responseStatus !== null) return;
    await this.bookings.recordAnswer(ctx, booking.id, status, body);
  }

  private async order(booking: Booking, party: OrderParty): Promise<SupplierOrder> {
    const expected = totalOf(booking);
    if (party.kind === 'flight') {
      const order = await this.supplier.createOrder({
        supplierOfferId: booking.supplierOfferId,
        passengers: party.passengers,
        payment: { type: 'balance', amount: expected },
        bookingId: booking.id,
      });
      return { kind: 'flight', order };
    }
    const made = await this.stays.book({
      supplierQuoteId: booking.stay!.quote.supplierQuoteId,
      guests: party.guests,
      email: party.email,
      phoneNumber: party.phoneNumber,
      expectedTotal: expected,
      bookingId: booking.id,
    });
    return { kind: 'stay', booking: made };
  }

  private flightsOf(booking: Booking, order: FlightOrder): FlightActivity[] {
    return flightActivities({
      supplier: booking.supplier,
      bookingReference: order.bookingReference,
      total: { amount: order.totalAmount.amount, currency: order.totalAmount.currency },
      slices: order.slices.length > 0 ? order.slices : booking.offer!.slices,
    });
  }

  private lodgingOf(booking: Booking, trip: Trip, made: StayBooking): FlightActivity {
    const { quote, rate } = booking.stay!;
    return lodgingActivity({
      supplier: booking.supplier,
      stay: { ...quote, property: made.property },
      roomName: (quote.rate ?? rate).roomName,
      board: (quote.rate ?? rate).board,
      reference: made.reference,
      // Stay suppliers may not say what was paid: the quote's total is the price.
      total: made.totalAmount ?? totalOf(booking),
      cancellation: made.cancellation ?? (quote.rate ?? rate).cancellation,
      fallbackZone: trip.timezone ?? 'UTC',
    });
  }

  /** The activities, placed in time order; their ids. */
  private async addActivities(ctx: AuthContext, trip: Trip, activities: FlightActivity[]): Promise<string[]> {
    const ids: string[] = [];
    let position = await this.activities.nextPosition(ctx, trip.id);
    for (const activity of activities) {
      const cost =
        activity.costAmount !== null && activity.costCurrency !== null
          ? { amount: activity.costAmount, currency: activity.costCurrency }
          : null;
      // A confirmed booking is a fact: a missing rate leaves the cost unconverted rather than failing the booking.
      const conversion = await this.budget.conversionFor(ctx, trip, cost).catch(() => null);
      const saved = await this.activities.insert(ctx, {
        ...activity,
        tripId: trip.id,
        position: position++,
        costRate: conversion?.rate ?? null,
        costRateDate: conversion?.date ?? null,
      } as Partial<Activity>);
      ids.push(saved.id);
      await this.events.publish(ctx, 'activity.created', { tripId: trip.id, activityId: saved.id, title: saved.title });
    }
    await this.activities.renumber(ctx, trip.id);
    return ids;
  }
}

function totalOf(booking: Booking): Money {
  return { amount: booking.totalAmount, currency: booking.totalCurrency };
}

/** The stay's cancellation policy as booked: the supplier's booking's, else the quote's rate's, else the searched rate's. */
function stayCancellationPolicy(booking: Booking): StayCancellationPolicy {
  const stay = booking.stay!;
  return stay.booking?.cancellation ?? stay.quote.rate?.cancellation ?? stay.rate.cancellation;
}

function failureMessage(kind: BookingKind, code: ErrorCode, error: SupplierError): string {
  const words = wordsFor(kind);
  switch (code) {
    case BookingErrorCode.OfferExpired:
      return `The ${words.item} is no longer available: search again`;
    case BookingErrorCode.OfferPriceChanged:
      return `The ${words.seller} changed the price of this ${words.item}: search again to see the new price`;
    case FlightErrorCode.SupplierUnavailable:
      return `The ${words.supplier} is busy; nothing was booked: try again in a minute`;
    default:
      return `The ${words.supplier} refused the order; nothing was booked (${error.failure})`;
  }
}
