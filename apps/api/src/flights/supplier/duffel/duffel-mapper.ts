import type { Duffel } from '@duffel/api';
import { DateTime, Duration } from 'luxon';
import type { Cabin } from '../../../policy/travel-policy.schema';
import type {
  AirportRef,
  CancellationQuote,
  Carrier,
  FareCondition,
  FlightOffer,
  FlightOrder,
  FlightSegment,
  FlightSlice,
} from '../flight-supplier';
import { checked, duffelCancellation, duffelOffer, duffelOrder } from './duffel-response.schema';

/** Duffel's wire objects, as its SDK types them (named through the SDK's entry point). */
export type DuffelOffer = Awaited<ReturnType<Duffel['offers']['get']>>['data'];
export type DuffelOrder = Awaited<ReturnType<Duffel['orders']['get']>>['data'];
export type DuffelCancellation = Awaited<ReturnType<Duffel['orderCancellations']['get']>>['data'];
type OfferSlice = DuffelOffer['slices'][number];
type OrderSlice = DuffelOrder['slices'][number];
type Airport = OfferSlice['segments'][number]['origin'];
type Airline = DuffelOffer['owner'];

/**
 * Duffel's objects in our terms. Duffel writes segment times as local wall times without an offset
 * ("2027-03-01T09:05:00") beside each airport's `time_zone`: we add the offset in force then.
 */

export function toFlightOffer(offer: Omit<DuffelOffer, 'available_services'>, requestedCabin?: Cabin): FlightOffer {
  checked(duffelOffer, offer, 'offer');
  const cabin = offer.slices[0]?.segments[0]?.passengers[0]?.cabin_class;
  return {
    supplier: 'duffel',
    supplierOfferId: offer.id,
    supplierPassengerIds: offer.passengers.map((passenger) => passenger.id),
    totalAmount: { amount: offer.total_amount, currency: offer.total_currency },
    totalEmissionsKg:
      offer.total_emissions_kg == null || offer.total_emissions_kg === ''
        ? null
        : Math.round(Number(offer.total_emissions_kg)),
    owner: carrier(offer.owner),
    cabin: isCabin(cabin) ? cabin : (requestedCabin ?? 'economy'),
    slices: offer.slices.map(toSlice),
    conditions: {
      refundBeforeDeparture: toCondition(offer.conditions?.refund_before_departure),
      changeBeforeDeparture: toCondition(offer.conditions?.change_before_departure),
    },
    expiresAt: new Date(offer.expires_at).toISOString(),
  };
}

export function toFlightOrder(order: DuffelOrder): FlightOrder {
  checked(duffelOrder, order, 'order');
  return {
    supplier: 'duffel',
    supplierOrderId: order.id,
    bookingReference: order.booking_reference,
    totalAmount: { amount: order.total_amount, currency: order.total_currency },
    slices: order.slices.map(toSlice),
    bookingId: order.metadata?.booking_id ?? null,
    cancelled: Boolean(order.cancelled_at),
    createdAt: new Date(order.created_at).toISOString(),
  };
}

export function toCancellationQuote(cancellation: DuffelCancellation): CancellationQuote {
  checked(duffelCancellation, cancellation, 'order cancellation');
  return {
    supplierCancellationId: cancellation.id,
    supplierOrderId: cancellation.order_id,
    refund: { amount: cancellation.refund_amount ?? '0.00', currency: cancellation.refund_currency ?? '' },
    expiresAt:
      cancellation.confirmed_at || !cancellation.expires_at ? null : new Date(cancellation.expires_at).toISOString(),
    confirmedAt: cancellation.confirmed_at ? new Date(cancellation.confirmed_at).toISOString() : null,
  };
}

function toSlice(slice: OfferSlice | OrderSlice): FlightSlice {
  const segments: FlightSegment[] = slice.segments.map((segment) => {
    const origin = airport(segment.origin);
    const destination = airport(segment.destination);
    const departing = DateTime.fromISO(segment.departing_at, { zone: origin.timeZone });
    const arriving = DateTime.fromISO(segment.arriving_at, { zone: destination.timeZone });
    return {
      origin,
      destination,
      departingAt: departing.toISO({ suppressMilliseconds: true })!,
      arrivingAt: arriving.toISO({ suppressMilliseconds: true })!,
      durationMinutes: minutes(segment.duration) ?? Math.round(arriving.diff(departing, 'minutes').minutes),
      marketingCarrier: carrier(segment.marketing_carrier),
      operatingCarrier: carrier(segment.operating_carrier ?? segment.marketing_carrier),
      flightNumber: `${segment.marketing_carrier.iata_code}${segment.marketing_carrier_flight_number}`,
      aircraft: segment.aircraft?.name ?? null,
    };
  });
  const first = segments[0];
  const last = segments[segments.length - 1];
  return {
    origin: first?.origin ?? airport(slice.origin as Airport),
    destination: last?.destination ?? airport(slice.destination as Airport),
    durationMinutes:
      minutes(slice.duration) ??
      (first && last ? Math.round((Date.parse(last.arrivingAt) - Date.parse(first.departingAt)) / 60_000) : 0),
    segments,
  };
}

function airport(place: Airport): AirportRef {
  return {
    iataCode: place.iata_code ?? '',
    name: place.name,
    cityName: place.city_name ?? place.city?.name ?? null,
    countryCode: place.iata_country_code ?? null,
    timeZone: place.time_zone,
    latitude: place.latitude,
    longitude: place.longitude,
  };
}

function carrier(airline: Pick<Airline, 'iata_code' | 'name'>): Carrier {
  return { iataCode: airline.iata_code ?? '', name: airline.name };
}

function toCondition(
  condition: { allowed: boolean; penalty_amount: string | null; penalty_currency: string | null } | null | undefined,
): FareCondition | null {
  if (!condition) return null;
  return {
    allowed: condition.allowed,
    penalty:
      condition.allowed && condition.penalty_amount && condition.penalty_currency
        ? { amount: condition.penalty_amount, currency: condition.penalty_currency }
        : null,
  };
}

/** ISO 8601 durations as Duffel writes them ("PT02H26M", "P1DT2H"), in minutes. */
function minutes(duration: string | null | undefined): number | null {
  if (!duration) return null;
  const parsed = Duration.fromISO(duration);
  return parsed.isValid ? Math.round(parsed.as('minutes')) : null;
}

const CABINS: readonly string[] = ['economy', 'premium_economy', 'business', 'first'];
const isCabin = (value: unknown): value is Cabin => typeof value === 'string' && CABINS.includes(value);
