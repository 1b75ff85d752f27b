import type { SupplierName } from '../../flights/supplier/flight-supplier';
import type { Money } from '../../policy/policy-subject';

export { SupplierError, type SupplierFailure, type SupplierName } from '../../flights/supplier/flight-supplier';

/** Suppliers whose rates can be searched and judged but not booked through NestMap (docs/stays.md § Amadeus). */
const SEARCH_ONLY: readonly SupplierName[] = ['amadeus'];

/** Whether a booking can be made of this supplier's rates. */
export const booksStays = (supplier: SupplierName): boolean => !SEARCH_ONLY.includes(supplier);

/**
 * What NestMap asks of a stay supplier (Duffel Stays, or the built-in sandbox), in our own terms,
 * beside FlightSupplier: the adapters translate each supplier's wire format, nothing past this file
 * knows one. Failures are the flights' SupplierError kinds (docs/stays.md § Failures). Supplier calls
 * are never made inside a database transaction.
 *
 * The flow is Duffel's: search (a list of properties, each with its cheapest rate) → the rates of one
 * result → a quote of one rate (the price locked) → a booking of the quote.
 */
export interface StaySupplier {
  readonly name: SupplierName;
  search(request: StaySearchRequest): Promise<StaySearchResult>;
  /** Every room and rate of one search result. */
  rates(supplierResultId: string): Promise<StayRates>;
  /** Locks a rate's price and conditions; a rate that is gone is `offer_expired`. */
  quote(supplierRateId: string): Promise<StayQuote>;
  book(request: StayBookingRequest): Promise<StayBooking>;
  getBooking(supplierBookingId: string): Promise<StayBooking>;
  /** The booking whose metadata carries our booking id, if the supplier made one (the reconciler's question). */
  findBookingByBookingId(bookingId: string, createdAfter: Date): Promise<StayBooking | null>;
  /** Cancels now; the refund follows the rate's cancellation timeline. Cancelling twice answers the cancelled booking. */
  cancel(supplierBookingId: string): Promise<StayBooking>;
}

export interface StaySearchRequest {
  /** Around a point (the trip's destination), or the given properties (a supplier's property ids). */
  where: { latitude: number; longitude: number; radiusKm: number } | { propertyIds: string[] };
  /** YYYY-MM-DD, local at the property. */
  checkInDate: string;
  checkOutDate: string;
  rooms: number;
  /** Adults; guests' names come only with the booking. */
  guests: number;
}

export interface StaySearchResult {
  /** One per property, cheapest first. */
  results: StayResult[];
}

/** One property for one stay: what a result, its rates and a quote have in common. */
export interface StayAtProperty {
  supplier: SupplierName;
  property: StayProperty;
  checkInDate: string;
  checkOutDate: string;
  rooms: number;
  guests: number;
}

export interface StayResult extends StayAtProperty {
  supplierResultId: string;
  /** The cheapest rate's total, for all nights and rooms. */
  cheapestTotal: Money;
  /** An ISO instant; the result's rates cannot be fetched after it. */
  expiresAt: string;
}

export interface StayAddress {
  lineOne: string;
  postalCode: string | null;
  cityName: string;
  /** ISO 3166-1 alpha-2. */
  countryCode: string;
  region: string | null;
}

export interface StayProperty {
  supplierPropertyId: string;
  name: string;
  address: StayAddress;
  /** null when the supplier gives none. */
  latitude: number | null;
  longitude: number | null;
  /** 1–5, null when unrated. */
  stars: number | null;
  /** 1.0–10.0 from guests' reviews, null when unknown. */
  reviewScore: number | null;
  chain: string | null;
  /** Local "HH:MM" at the property, null when unknown. */
  checkInAfter: string | null;
  checkOutBefore: string | null;
  phoneNumber: string | null;
}

export const BOARD_TYPES = ['room_only', 'breakfast', 'half_board', 'full_board', 'all_inclusive'] as const;
export type BoardType = (typeof BOARD_TYPES)[number];

/**
 * Refunds by date: before `before` (an ISO instant), `refund` is given back; after the last entry,
 * nothing. An empty timeline is a non-refundable rate.
 */
export interface StayCancellationPolicy {
  refundable: boolean;
  timeline: Array<{ before: string; refund: Money }>;
}

export interface StayRate {
  supplierRateId: string;
  roomName: string;
  board: BoardType;
  /** For all nights and rooms, what is paid to the supplier. */
  totalAmount: Money;
  /** Taxes or fees paid at the property, not included in the total; null when none or unknown. */
  dueAtProperty: Money | null;
  cancellation: StayCancellationPolicy;
  /** The supplier's conditions, to be shown to the traveller (parking, deposits…). */
  conditions: Array<{ title: string; description: string }>;
  /** Rooms left at this rate, null when unknown. */
  quantityAvailable: number | null;
  expiresAt: string | null;
}

export interface StayRates extends StayAtProperty {
  supplierResultId: string;
  rates: StayRate[];
}

export interface StayQuote extends StayAtProperty {
  supplierQuoteId: string;
  /** The quoted rate (its room, board and cancellation policy), when the supplier says which. */
  rate: StayRate | null;
  totalAmount: Money;
  dueAtProperty: Money | null;
}

export interface StayGuest {
  givenName: string;
  familyName: string;
}

export interface StayBookingRequest {
  supplierQuoteId: string;
  /** One name per guest of the quote; the first is the lead guest. */
  guests: StayGuest[];
  /** The lead guest's contact, given to the property. */
  email: string;
  /** E.164 */
  phoneNumber: string;
  /** What we expect to pay (the quote's total): a supplier that can check it refuses another as `price_changed`. */
  expectedTotal: Money;
  /** Our booking id travels in the supplier booking's metadata so the reconciler can find it. */
  bookingId: string;
}

export interface StayBooking {
  supplier: SupplierName;
  supplierBookingId: string;
  /** The property's confirmation number, null until the supplier gives one. */
  reference: string | null;
  status: 'confirmed' | 'cancelled';
  property: StayProperty;
  checkInDate: string;
  checkOutDate: string;
  rooms: number;
  /** What was paid, when the supplier says (Duffel's bookings do not: keep the quote's). */
  totalAmount: Money | null;
  /** The booked rate's policy, when the supplier says. */
  cancellation: StayCancellationPolicy | null;
  /** What the cancellation gave back, when cancelled and known. */
  refund: Money | null;
  /** Our booking id, from the booking's metadata. */
  bookingId: string | null;
  confirmedAt: string;
  cancelledAt: string | null;
}

/** What cancelling at `at` gives back under `policy`: the first entry still ahead, else nothing. */
export function refundAt(policy: StayCancellationPolicy, total: Money, at: Date): Money {
  const entry = policy.timeline.find((step) => Date.parse(step.before) > at.getTime());
  return entry ? entry.refund : { amount: '0.00', currency: total.currency };
}

/** Nest injection token for the stay supplier chosen at boot. */
export const STAY_SUPPLIER = Symbol('STAY_SUPPLIER');
