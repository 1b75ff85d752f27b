import type { Money } from '../../policy/policy-subject';
import type { Cabin } from '../../policy/travel-policy.schema';

/**
 * What NestMap asks of a flight supplier (Duffel, or the built-in sandbox), in our own terms: the
 * adapters translate to and from each supplier's wire format, so nothing past this file knows one.
 * Supplier calls are never made inside a database transaction (docs/booking.md).
 */
export interface FlightSupplier {
  /** Shown on every offer, order and e-mail; the web app labels the sandbox as such. */
  readonly name: SupplierName;
  search(request: FlightSearchRequest): Promise<FlightSearchResult>;
  /** The offer as the supplier prices it now (it may have expired or changed price). */
  getOffer(supplierOfferId: string): Promise<FlightOffer>;
  createOrder(request: CreateOrderRequest): Promise<FlightOrder>;
  getOrder(supplierOrderId: string): Promise<FlightOrder>;
  /** The order whose metadata carries our booking id, if the supplier made one (the reconciler's question). */
  findOrderByBookingId(bookingId: string, createdAfter: Date): Promise<FlightOrder | null>;
  quoteCancellation(supplierOrderId: string): Promise<CancellationQuote>;
  confirmCancellation(supplierCancellationId: string): Promise<CancellationQuote>;
}

/** Flights come from the sandbox or Duffel; stays also from Booking.com or Amadeus (docs/stays.md). */
export const SUPPLIER_NAMES = ['sandbox', 'duffel', 'booking_com', 'amadeus'] as const;
export type SupplierName = (typeof SUPPLIER_NAMES)[number];

export interface FlightSearchRequest {
  /** One slice for one-way, two for a return, more for multi-city. */
  slices: Array<{ origin: string; destination: string; departureDate: string }>;
  /** Adults; passenger details come only with the order. */
  passengers: number;
  cabin: Cabin;
  /** null: the supplier's default. */
  maxConnections: number | null;
}

export interface FlightSearchResult {
  /** The supplier's id for the search (Duffel's offer request id). */
  supplierSearchId: string;
  offers: FlightOffer[];
}

export interface AirportRef {
  iataCode: string;
  name: string;
  cityName: string | null;
  countryCode: string | null;
  /** IANA zone: segment times are local to it. */
  timeZone: string;
  latitude: number;
  longitude: number;
}

export interface Carrier {
  iataCode: string;
  name: string;
}

export interface FlightSegment {
  origin: AirportRef;
  destination: AirportRef;
  /** Local date-time with the airport's offset, e.g. 2027-03-01T09:05:00+01:00. */
  departingAt: string;
  arrivingAt: string;
  durationMinutes: number;
  marketingCarrier: Carrier;
  operatingCarrier: Carrier;
  /** Marketing carrier code + number, e.g. "LH1234". */
  flightNumber: string;
  aircraft: string | null;
}

export interface FlightSlice {
  origin: AirportRef;
  destination: AirportRef;
  /** First departure to last arrival, connections included. */
  durationMinutes: number;
  segments: FlightSegment[];
}

export interface FareCondition {
  allowed: boolean;
  /** null when allowed without penalty, or not allowed. */
  penalty: Money | null;
}

export interface FlightOffer {
  supplier: SupplierName;
  supplierOfferId: string;
  /** The supplier's passenger ids on this offer, in order: an order names each. */
  supplierPassengerIds: string[];
  /** For all passengers. */
  totalAmount: Money;
  /** kg CO2 for all passengers; null when the supplier gives none. */
  totalEmissionsKg: number | null;
  owner: Carrier;
  cabin: Cabin;
  slices: FlightSlice[];
  conditions: { refundBeforeDeparture: FareCondition | null; changeBeforeDeparture: FareCondition | null };
  /** An ISO instant; the offer cannot be ordered after it. */
  expiresAt: string;
}

export interface PassengerDetails {
  supplierPassengerId: string;
  givenName: string;
  familyName: string;
  /** YYYY-MM-DD */
  bornOn: string;
  gender: 'm' | 'f';
  title: 'mr' | 'ms' | 'mrs' | 'miss' | 'dr';
  email: string;
  /** E.164 */
  phoneNumber: string;
  loyaltyProgrammeAccounts?: Array<{ airlineIataCode: string; accountNumber: string }>;
}

export interface CreateOrderRequest {
  supplierOfferId: string;
  passengers: PassengerDetails[];
  /** Paid from the organization's supplier balance / invoiced; card payments come with Stripe. */
  payment: { type: 'balance'; amount: Money };
  /** Our booking id travels in the order's metadata so the reconciler can find the order. */
  bookingId: string;
}

export interface FlightOrder {
  supplier: SupplierName;
  supplierOrderId: string;
  /** The airline booking reference (PNR). */
  bookingReference: string;
  totalAmount: Money;
  slices: FlightSlice[];
  /** Our booking id, from the order's metadata. */
  bookingId: string | null;
  cancelled: boolean;
  createdAt: string;
}

export interface CancellationQuote {
  supplierCancellationId: string;
  supplierOrderId: string;
  refund: Money;
  /** An ISO instant; null once confirmed. */
  expiresAt: string | null;
  confirmedAt: string | null;
}

/** Why a supplier call failed, in terms the booking flow acts on (docs/booking.md maps each to a status). */
export type SupplierFailure =
  | 'offer_expired' // the offer is gone: search again
  | 'price_changed' // the offer's price is no longer what we were told
  | 'invalid_request' // the supplier refused our request (422/400): a bug or bad data on our side
  | 'not_found'
  | 'rate_limited' // 429 after our bounded retries
  | 'unavailable' // 5xx or a connection failure after retries
  | 'timeout';

export class SupplierError extends Error {
  constructor(
    readonly failure: SupplierFailure,
    message: string,
    /** The supplier's own error type(s), for logs; never shown to users. */
    readonly supplierCodes: string[] = [],
  ) {
    super(message);
    this.name = 'SupplierError';
  }
}

/** Nest injection token for the supplier chosen at boot. */
export const FLIGHT_SUPPLIER = Symbol('FLIGHT_SUPPLIER');
