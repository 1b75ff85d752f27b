import type { Duffel } from '@duffel/api';
import { checked } from '../../../flights/supplier/duffel/duffel-response.schema';
import {
  BOARD_TYPES,
  type BoardType,
  type StayAtProperty,
  type StayBooking,
  type StayCancellationPolicy,
  type StayProperty,
  type StayQuote,
  type StayRate,
  type StayRates,
  type StayResult,
} from '../stay-supplier';
import { duffelQuote, duffelSearchResult, duffelStayBooking } from './duffel-stay-response.schema';

/** Duffel Stays' wire objects, as its SDK types them (named through the SDK's entry point). */
export type DuffelStaySearchResult = Awaited<ReturnType<Duffel['stays']['searchResults']['fetchAllRates']>>['data'];
export type DuffelStayQuote = Awaited<ReturnType<Duffel['stays']['quotes']['create']>>['data'];
export type DuffelStayBooking = Awaited<ReturnType<Duffel['stays']['bookings']['get']>>['data'];
type Accommodation = DuffelStaySearchResult['accommodation'];
type Rate = NonNullable<Accommodation['rooms']>[number]['rates'][number];

export function toStayResult(result: DuffelStaySearchResult): StayResult {
  checked(duffelSearchResult, result, 'stay search result');
  return {
    ...stayAt(result),
    supplierResultId: result.id,
    cheapestTotal: { amount: result.cheapest_rate_total_amount, currency: result.cheapest_rate_currency },
    expiresAt: new Date(result.expires_at).toISOString(),
  };
}

export function toStayRates(result: DuffelStaySearchResult): StayRates {
  checked(duffelSearchResult, result, 'stay search result');
  return {
    ...stayAt(result),
    supplierResultId: result.id,
    rates: (result.accommodation.rooms ?? []).flatMap((room) => room.rates.map((rate) => toStayRate(rate, room.name))),
  };
}

export function toStayQuote(quote: DuffelStayQuote): StayQuote {
  checked(duffelQuote, quote, 'stay quote');
  const room = quote.accommodation.rooms?.[0];
  const rate = room?.rates[0];
  return {
    ...stayAt(quote),
    supplierQuoteId: quote.id,
    rate: room && rate ? toStayRate(rate, room.name) : null,
    totalAmount: { amount: quote.total_amount, currency: quote.total_currency },
    dueAtProperty: money(quote.due_at_accommodation_amount, quote.due_at_accommodation_currency),
  };
}

export function toStayBooking(booking: DuffelStayBooking): StayBooking {
  checked(duffelStayBooking, booking, 'stay booking');
  const rate = booking.accommodation.rooms?.[0]?.rates[0];
  const bookingId = booking.metadata?.booking_id;
  return {
    supplier: 'duffel',
    supplierBookingId: booking.id,
    reference: booking.reference ?? null,
    status: booking.cancelled_at || String(booking.status).startsWith('cancel') ? 'cancelled' : 'confirmed',
    property: toStayProperty(booking.accommodation),
    checkInDate: booking.check_in_date,
    checkOutDate: booking.check_out_date,
    rooms: booking.rooms,
    totalAmount: null,
    cancellation: rate ? cancellationOf(rate) : null,
    refund: null,
    bookingId: typeof bookingId === 'string' ? bookingId : null,
    confirmedAt: new Date(booking.confirmed_at).toISOString(),
    cancelledAt: booking.cancelled_at ? new Date(booking.cancelled_at).toISOString() : null,
  };
}

function stayAt(stay: DuffelStaySearchResult | DuffelStayQuote): StayAtProperty {
  return {
    supplier: 'duffel',
    property: toStayProperty(stay.accommodation),
    checkInDate: stay.check_in_date,
    checkOutDate: stay.check_out_date,
    rooms: stay.rooms,
    guests: stay.guests.length,
  };
}

function toStayProperty(accommodation: Accommodation): StayProperty {
  const { address, geographic_coordinates: coordinates } = accommodation.location;
  return {
    supplierPropertyId: accommodation.id,
    name: accommodation.name,
    address: {
      lineOne: address.line_one,
      postalCode: address.postal_code || null,
      cityName: address.city_name,
      countryCode: address.country_code,
      region: address.region || null,
    },
    latitude: coordinates?.latitude ?? null,
    longitude: coordinates?.longitude ?? null,
    stars: accommodation.rating ?? null,
    reviewScore: accommodation.review_score ?? null,
    chain: accommodation.chain?.name ?? null,
    checkInAfter: accommodation.check_in_information?.check_in_after_time ?? null,
    checkOutBefore: accommodation.check_in_information?.check_out_before_time ?? null,
    phoneNumber: accommodation.phone_number ?? null,
  };
}

function toStayRate(rate: Rate, roomName: string): StayRate {
  return {
    supplierRateId: rate.id,
    roomName,
    // A board Duffel adds later reads as room only rather than failing the whole search.
    board: (BOARD_TYPES as readonly string[]).includes(rate.board_type) ? (rate.board_type as BoardType) : 'room_only',
    totalAmount: { amount: rate.total_amount, currency: rate.total_currency },
    dueAtProperty: money(rate.due_at_accommodation_amount, rate.due_at_accommodation_currency),
    cancellation: cancellationOf(rate),
    conditions: (rate.conditions ?? []).map(({ title, description }) => ({ title, description })),
    quantityAvailable: (rate as { quantity_available?: number | null }).quantity_available ?? null,
    expiresAt: rate.expires_at ? new Date(rate.expires_at).toISOString() : null,
  };
}

/** Duffel's timeline, oldest deadline first; an empty one (or only zero refunds) is non-refundable. */
function cancellationOf(rate: Pick<Rate, 'cancellation_timeline'>): StayCancellationPolicy {
  const timeline = [...(rate.cancellation_timeline ?? [])]
    .sort((a, b) => Date.parse(a.before) - Date.parse(b.before))
    .map((step) => ({
      before: new Date(step.before).toISOString(),
      refund: { amount: step.refund_amount, currency: step.currency },
    }));
  return { refundable: timeline.some((step) => Number(step.refund.amount) > 0), timeline };
}

function money(amount: string | null | undefined, currency: string | null | undefined) {
  return amount && currency && Number(amount) > 0 ? { amount, currency } : null;
}
