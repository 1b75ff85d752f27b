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
  type FlightOrder,
  type FlightSupplier,
  type PassengerDetails,
  SupplierError,
  type SupplierFailure,
} from '../flights/supplier/flight-supplier';
import type { Trip } from '../trips/trip.entity';
import { TripBudget } from '../trips/trip-budget';
import { TripStatus } from '../trips/trip-status.machine';
import { TripsRepository } from '../trips/trips.repository';
import type { Booking } from './booking.entity';
import { flightActivities, flightLines } from './booking-itinerary';
import { toBookingResponse } from './booking.mapper';
import { bookingActions, BookingStatus, bookingTransition } from './booking-status.machine';
import { BookingsRepository } from './bookings.repository';
import type { BookingResponse } from './dto/booking.dto';

/** A booking request's answer: what the first request said, replayed to every retry with its key. */
export type BookingAnswer = { status: number; body: BookingResponse };

/** A stored error answer: the code and message (the status follows from the code). */
export interface StoredError {
  code: ErrorCode;
  message: string;
}

/** Failures after which the supplier surely made no order: the booking fails at once. */
const NO_ORDER: Partial<Record<SupplierFailure, ErrorCode>> = {
  offer_expired: BookingErrorCode.OfferExpired,
  price_changed: BookingErrorCode.OfferPriceChanged,
  invalid_request: BookingErrorCode.SupplierRefused,
  not_found: BookingErrorCode.OfferExpired,
  rate_limited: FlightErrorCode.SupplierUnavailable,
};

/**
 * Places a booking's order and writes its outcome. The supplier is called with no transaction
 * open: the booking was committed in `ordering` before (so a crash leaves a row the reconciler
 * finishes), and the outcome is written in a transaction of its own. `confirm` and `fail` are
 * compare-and-sets from `ordering`, so the request, a retry and the reconciler cannot both finish
 * one booking.
 */
@Injectable()
export class BookingOrders {
  constructor(
    @Inject(FLIGHT_SUPPLIER) private readonly supplier: FlightSupplier,
    private readonly db: TransactionRunner,
    private readonly bookings: BookingsRepository,
    private readonly trips: TripsRepository,
    private readonly activities: ActivitiesRepository,
    private readonly budget: TripBudget,
    private readonly events: DomainEvents,
  ) {}

  /**
   * Orders the booking (status `ordering`, committed) for `passengers` (the offer's passenger ids
   * filled in). 201 with the confirmed booking; a refusal fails it and throws its error; when the
   * outcome is unknown (timeout, 5xx) the booking stays `ordering` for the reconciler: 202.
   */
  async place(ctx: AuthContext, booking: Booking, passengers: PassengerDetails[]): Promise<BookingAnswer> {
    if (this.db.manager.queryRunner?.isTransactionActive)
      throw new Error('a supplier order must not be placed inside a transaction');
    let order: FlightOrder;
    try {
      order = await this.supplier.createOrder({
        supplierOfferId: booking.supplierOfferId,
        passengers,
        payment: { type: 'balance', amount: { amount: booking.totalAmount, currency: booking.totalCurrency } },
        bookingId: booking.id,
      });
    } catch (error) {
      const code = error instanceof SupplierError ? NO_ORDER[error.failure] : undefined;
      if (!code) {
        // The order may or may not exist: the reconciler asks the supplier later (findOrderByBookingId).
        return { status: 202, body: toBookingResponse(await this.bookings.getById(ctx, booking.id), ctx) };
      }
      const message = failureMessage(code, error as SupplierError);
      await this.fail(ctx, booking.id, { code, message });
      throw new DomainError(code, message);
    }
    const confirmed = await this.confirm(ctx, booking.id, order);
    return { status: 201, body: toBookingResponse(confirmed, ctx) };
  }

  /**
   * ordering → confirmed with the supplier's order: the flights become activities of the trip, an
   * approved trip becomes booked, and the events (audit, e-mail) are queued — one transaction.
   * Returns the booking as it is afterwards (unchanged when something else finished it first).
   */
  confirm(ctx: AuthContext, bookingId: string, order: FlightOrder): Promise<Booking> {
    return this.db.run(async () => {
      const booking = await this.bookings.getById(ctx, bookingId, { lock: true });
      if (booking.status !== BookingStatus.Ordering) return booking;
      // The trip's row lock orders this among the itinerary's other writers (positions, budget).
      const trip = await this.trips.getById(ctx, booking.tripId, { lock: true });
      const activityIds = await this.addFlights(ctx, trip, booking, order);
      await this.bookings.transition(ctx, bookingId, BookingStatus.Ordering, BookingStatus.Confirmed, {
        supplierOrderId: order.supplierOrderId,
        bookingReference: order.bookingReference,
        order,
        activityIds,
        confirmedAt: () => 'now()',
        reconcileLeaseUntil: null,
      });
      if (trip.status === TripStatus.Approved) {
        await this.trips.updateStatusIf(ctx, trip.id, TripStatus.Approved, TripStatus.Booked);
        await this.events.publish(ctx, 'trip.booked', {
          tripId: trip.id,
          travellerId: trip.travellerId,
          title: trip.title,
          destination: trip.destination,
          startDate: trip.startDate,
          endDate: trip.endDate,
          from: TripStatus.Approved,
          to: TripStatus.Booked,
          version: trip.version + 1,
        });
      }
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
      flights: flightLines(booking.order?.slices ?? booking.offer.slices),
      ...(reason ? { reason } : {}),
      policy: booking.policyVerdict,
    };
    await this.events.publish(ctx, type as 'booking.confirmed', payload);
  }

  /** Records the answer the booking request gives, unless one is recorded already (the first answer stays). */
  private async answerOnce(ctx: AuthContext, booking: Booking, status: number, body: unknown): Promise<void> {
    if (booking.responseStatus !== null) return;
    await this.bookings.recordAnswer(ctx, booking.id, status, body);
  }

  /** The order's segments as flight activities, placed in time order; their ids. */
  private async addFlights(ctx: AuthContext, trip: Trip, booking: Booking, order: FlightOrder): Promise<string[]> {
    const flights = flightActivities({
      supplier: booking.supplier,
      bookingReference: order.bookingReference,
      total: { amount: order.totalAmount.amount, currency: order.totalAmount.currency },
      slices: order.slices.length > 0 ? order.slices : booking.offer.slices,
    });
    const ids: string[] = [];
    let position = await this.activities.nextPosition(ctx, trip.id);
    for (const flight of flights) {
      const cost =
        flight.costAmount !== null && flight.costCurrency !== null
          ? { amount: flight.costAmount, currency: flight.costCurrency }
          : null;
      // A confirmed ticket is a fact: a missing rate leaves the cost unconverted rather than failing the booking.
      const conversion = await this.budget.conversionFor(ctx, trip, cost).catch(() => null);
      const saved = await this.activities.insert(ctx, {
        ...flight,
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

  /**
   * The airline changed a confirmed booking's flights (a Duffel webhook): the booking keeps the order
   * as the supplier now describes it, its flight activities are replaced by the new ones, and the
   * travellers are told. Idempotent: the order is read from the supplier, not from the event, so a
   * late or repeated event applies the current order again. False for a booking no longer flying.
   */
  applyAirlineChange(ctx: AuthContext, bookingId: string, order: FlightOrder, note: string): Promise<boolean> {
    return this.db.run(async () => {
      const booking = await this.bookings.getById(ctx, bookingId, { lock: true });
      if (!bookingActions(booking.status).includes('airline_change')) return false;
      const trip = await this.trips.getById(ctx, booking.tripId, { lock: true });
      await this.removeFlights(ctx, booking);
      const activityIds = await this.addFlights(ctx, trip, booking, order);
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

  /** Removes the booking's flight activities that are still there (a traveller may have deleted one). */
  async removeFlights(ctx: AuthContext, booking: Booking): Promise<void> {
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
}

function failureMessage(code: ErrorCode, error: SupplierError): string {
  switch (code) {
    case BookingErrorCode.OfferExpired:
      return 'The offer is no longer available: search again';
    case BookingErrorCode.OfferPriceChanged:
      return 'The airline changed the price of this offer: search again to see the new price';
    case FlightErrorCode.SupplierUnavailable:
      return 'The flight supplier is busy; nothing was booked: try again in a minute';
    default:
      return `The flight supplier refused the order; nothing was booked (${error.failure})`;
  }
}
