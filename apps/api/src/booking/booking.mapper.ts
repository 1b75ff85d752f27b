import type { AuthContext } from '../common/auth/auth-context';
import { toMoney } from '../common/money/money.dto';
import { toConditionsResponse, toSliceResponses } from '../flights/search/flight-search.mapper';
import type { Booking } from './booking.entity';
import { bookingAccess } from './booking-access';
import type { BookingResponse } from './dto/booking.dto';

const money = (amount: string, currency: string) => toMoney(amount, currency)!;
const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

/** A booking as clients see it: no supplier ids, no passenger details, no idempotency internals. */
export function toBookingResponse(
  booking: Booking,
  caller: Pick<AuthContext, 'userId' | 'role'>,
  managesTrip = true,
): BookingResponse {
  const { offer } = booking;
  return {
    id: booking.id,
    tripId: booking.tripId,
    status: booking.status,
    supplier: booking.supplier,
    price: money(booking.totalAmount, booking.totalCurrency),
    offer: {
      id: booking.offerId,
      owner: offer.owner,
      cabin: offer.cabin,
      emissionsKg: offer.totalEmissionsKg,
      // After an airline change, the flights as the order now has them.
      slices: toSliceResponses(booking.order?.slices ?? offer.slices),
      conditions: toConditionsResponse(offer.conditions),
      expiresAt: new Date(offer.expiresAt).toISOString(),
    },
    policy: {
      verdict: booking.policyVerdict,
      policyVersion: booking.policyVersion,
      reasons: booking.policyReasons as BookingResponse['policy']['reasons'],
      reasonCode: booking.policyReasonCode,
    },
    cheapestInPolicy: booking.cheapestInPolicy && {
      offerId: booking.cheapestInPolicy.offerId,
      price: money(booking.cheapestInPolicy.amount, booking.cheapestInPolicy.currency),
    },
    passengerIds: booking.passengerIds,
    bookedBy: { id: booking.bookerId },
    bookingReference: booking.bookingReference,
    decision:
      booking.decidedById && booking.decidedAt
        ? {
            outcome: booking.status === 'rejected' ? 'rejected' : 'approved',
            decidedBy: { id: booking.decidedById },
            decidedAt: iso(booking.decidedAt)!,
            reason: booking.decisionReason,
          }
        : null,
    cancellation:
      booking.refundAmount !== null && booking.refundCurrency !== null
        ? {
            refund: money(booking.refundAmount, booking.refundCurrency),
            expiresAt: iso(booking.cancellationExpiresAt),
            cancelledAt: iso(booking.cancelledAt),
          }
        : null,
    failure: booking.failureCode ? { code: booking.failureCode, message: booking.failureMessage ?? '' } : null,
    activityIds: booking.activityIds,
    allowedActions: bookingAccess(caller, booking, managesTrip),
    version: booking.version,
    createdAt: iso(booking.createdAt)!,
    updatedAt: iso(booking.updatedAt)!,
    confirmedAt: iso(booking.confirmedAt),
  };
}
