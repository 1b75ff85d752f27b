import { BookingErrorCode, type ErrorCode, FlightErrorCode, StayErrorCode } from '../common/errors/error-codes';
import type { BookingKind } from './booking.entity';

/**
 * The booking flow is one for flights and stays; only the words and a few error codes differ.
 * Codes are written in the flight's terms and translated here for a stay.
 */
const STAY_CODES: Partial<Record<ErrorCode, ErrorCode>> = {
  [BookingErrorCode.OfferExpired]: StayErrorCode.RateExpired,
  [BookingErrorCode.OfferPriceChanged]: StayErrorCode.RatePriceChanged,
  [BookingErrorCode.OfferAlreadyBooked]: StayErrorCode.RateAlreadyBooked,
  [FlightErrorCode.SupplierUnavailable]: StayErrorCode.SupplierUnavailable,
};

export function codeFor(kind: BookingKind, code: ErrorCode): ErrorCode {
  return kind === 'stay' ? (STAY_CODES[code] ?? code) : code;
}

/** The nouns of messages: "the offer" or "the rate", "the flight supplier" or "the stay supplier". */
export function wordsFor(kind: BookingKind): { item: string; supplier: string; seller: string } {
  return kind === 'stay'
    ? { item: 'rate', supplier: 'stay supplier', seller: 'hotel' }
    : { item: 'offer', supplier: 'flight supplier', seller: 'airline' };
}
