import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../common/auth/auth-context';
import { DomainEvents } from '../events/domain-events';
import type { Trip } from '../trips/trip.entity';
import { TripStatus } from '../trips/trip-status.machine';
import { TripsRepository } from '../trips/trips.repository';
import { BookingStatus } from './booking-status.machine';
import { BookingsRepository } from './bookings.repository';

/** Bookings that hold (or may hold) a supplier's order: while one exists, the trip counts as booked. */
const HOLDS_AN_ORDER: readonly BookingStatus[] = [
  BookingStatus.Ordering,
  BookingStatus.Confirmed,
  BookingStatus.CancellationQuoted,
  BookingStatus.ChangedByAirline,
];

/**
 * The trip's `booked` status follows its bookings: the first confirmed booking books an approved
 * trip, and cancelling the last one that holds an order reopens it as `approved` (it may be booked
 * again). Both run inside the caller's transaction, with the trip's row locked by the caller.
 */
@Injectable()
export class TripBookedStatus {
  constructor(
    private readonly trips: TripsRepository,
    private readonly bookings: BookingsRepository,
    private readonly events: DomainEvents,
  ) {}

  /** approved → booked, on a confirmed booking. */
  async booked(ctx: AuthContext, trip: Trip): Promise<void> {
    if (trip.status !== TripStatus.Approved) return;
    if (await this.trips.updateStatusIf(ctx, trip.id, TripStatus.Approved, TripStatus.Booked))
      await this.publish(ctx, 'trip.booked', trip, TripStatus.Approved, TripStatus.Booked);
  }

  /** booked → approved, once no booking of the trip holds an order any more. */
  async unbookedIfNoneLeft(ctx: AuthContext, trip: Trip): Promise<void> {
    if (trip.status !== TripStatus.Booked) return;
    const bookings = await this.bookings.listForTrip(ctx, trip.id);
    if (bookings.some(({ status }) => HOLDS_AN_ORDER.includes(status))) return;
    if (await this.trips.updateStatusIf(ctx, trip.id, TripStatus.Booked, TripStatus.Approved))
      await this.publish(ctx, 'trip.unbooked', trip, TripStatus.Booked, TripStatus.Approved);
  }

  private publish(
    ctx: AuthContext,
    type: 'trip.booked' | 'trip.unbooked',
    trip: Trip,
    from: TripStatus,
    to: TripStatus,
  ): Promise<void> {
    const { id: tripId, travellerId, title, destination, startDate, endDate } = trip;
    return this.events.publish(ctx, type, {
      ...{ tripId, travellerId, title, destination, startDate, endDate },
      from,
      to,
      version: trip.version + 1,
    });
  }
}
