import type { AuthContext } from '../common/auth/auth-context';
import { toMoney } from '../common/money/money.dto';
import { toConditionsResponse, toSliceResponses } from '../flights/search/flight-search.mapper';
import { nightsOf } from '../stays/search/rate-verdict';
import { toCancellationPolicyResponse, toStayPropertyResponse } from '../stays/search/stay-search.mapper';
import type { BookedStay, Booking } from './booking.entity';
import { bookingAccess } from './booking-access';
import type { BookedStayResponse, BookingResponse } from './dto/booking.dto';

const money = (amount: string, currency: string) => toMoney(amount, currency)!;
const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

/** A booking as clients see it: no supplier ids, no passenger details, no idempotency internals. */
export function toBookingResponse(
  booking: Booking,
  caller: Pick<AuthContext, 'userId' | 'role'>,
  managesTrip = true,
): BookingResponse {
  const { offer, stay } = booking;
  return {
    id: booking.id,
    tripId: booking.tripId,
    status: booking.status,
    kind: booking.kind,
    supplier: booking.supplier,
    price: money(booking.totalAmount, booking.totalCurrency),
    offer: offer && {
      id: booking.offerId,
      owner: offer.owner,
      cabin: offer.cabin,
      emissionsKg: offer.totalEmissionsKg,
      // After an airline change, the flights as the order now has them.
      slices: toSliceResponses(booking.order?.slices ?? offer.slices),
      conditions: toConditionsResponse(offer.conditions),
      expiresAt: new Date(offer.expiresAt).toISOString(),
    },
    stay: stay && toBookedStayResponse(booking.offerId, stay),
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
    payment: {
      method: booking.paymentMethod,
      status: booking.paymentStatus,
      card:
        booking.paymentMethod === 'card' && booking.paymentCardLast4
          ? { brand: booking.paymentCardBrand ?? 'card', last4: booking.paymentCardLast4 }
          : null,
      captured: booking.paymentCapturedAmount ? money(booking.paymentCapturedAmount, booking.totalCurrency) : null,
      refunded: booking.paymentRefundedAmount ? money(booking.paymentRefundedAmount, booking.totalCurrency) : null,
      failureCode: booking.paymentFailureCode,
    },
    activityIds: booking.activityIds,
    allowedActions: bookingAccess(caller, booking, managesTrip),
    version: booking.version,
    createdAt: iso(booking.createdAt)!,
    updatedAt: iso(booking.updatedAt)!,
    confirmedAt: iso(booking.confirmedAt),
  };
}

function toBookedStayResponse(rateId: string, stay: BookedStay): BookedStayResponse {
  const { quote } = stay;
  const rate = quote.rate ?? stay.rate;
  const property = stay.booking?.property ?? quote.property;
  return {
    rateId,
    property: toStayPropertyResponse(property),
    checkInDate: quote.checkInDate,
    checkOutDate: quote.checkOutDate,
    nights: nightsOf(quote),
    rooms: quote.rooms,
    guests: quote.guests,
    roomName: rate.roomName,
    board: rate.board,
    dueAtProperty: quote.dueAtProperty && money(quote.dueAtProperty.amount, quote.dueAtProperty.currency),
    cancellation: toCancellationPolicyResponse(stay.booking?.cancellation ?? rate.cancellation),
    expiresAt: new Date(stay.expiresAt).toISOString(),
  };
}
