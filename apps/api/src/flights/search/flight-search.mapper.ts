import type { Money } from '../../policy/policy-subject';
import type { FareCondition, FlightOffer as SupplierOffer, FlightSlice } from '../supplier/flight-supplier';
import type { FlightOfferResponse, FlightSearchResponse } from './dto/flight-search.dto';
import type { FlightOffer } from './flight-offer.entity';
import type { FlightSearch } from './flight-search.entity';

const money = ({ amount, currency }: Money): Money => ({ amount: Number(amount).toFixed(2), currency });
const condition = (value: FareCondition | null) =>
  value && { allowed: value.allowed, penalty: value.penalty && money(value.penalty) };

export function toFlightSearchResponse(search: FlightSearch): FlightSearchResponse {
  return {
    id: search.id,
    tripId: search.tripId,
    supplier: search.supplier,
    slices: search.slices,
    passengers: search.passengers,
    cabin: search.cabin,
    maxConnections: search.maxConnections,
    policyVersion: search.policyVersion,
    policyCurrency: search.policyCurrency,
    offerCount: search.offerCount,
    createdAt: new Date(search.createdAt).toISOString(),
    expiresAt: new Date(search.expiresAt).toISOString(),
  };
}

/** A stored offer as clients see it: the supplier's ids stay inside (a booking names our id). */
export function toFlightOfferResponse(
  row: FlightOffer,
  search: Pick<FlightSearch, 'policyCurrency' | 'policyVersion'>,
): FlightOfferResponse {
  const { offer } = row;
  return {
    id: row.id,
    supplier: offer.supplier,
    totalAmount: money({ amount: row.totalAmount, currency: row.totalCurrency }),
    policyAmount: money({ amount: row.policyAmount, currency: search.policyCurrency }),
    emissionsKg: row.emissionsKg,
    durationMinutes: row.durationMinutes,
    stops: row.stops,
    owner: offer.owner,
    cabin: offer.cabin,
    slices: toSliceResponses(offer.slices),
    conditions: toConditionsResponse(offer.conditions),
    expiresAt: new Date(row.expiresAt).toISOString(),
    policy: { verdict: row.verdict, policyVersion: search.policyVersion, reasons: row.reasons },
  };
}

/** An offer's (or an order's) slices as responses show them, with their stops. */
export function toSliceResponses(slices: FlightSlice[]): FlightOfferResponse['slices'] {
  return slices.map((slice) => ({
    origin: slice.origin,
    destination: slice.destination,
    durationMinutes: slice.durationMinutes,
    stops: slice.segments.length - 1,
    segments: slice.segments,
  }));
}

export function toConditionsResponse(conditions: SupplierOffer['conditions']): FlightOfferResponse['conditions'] {
  return {
    refundBeforeDeparture: condition(conditions.refundBeforeDeparture),
    changeBeforeDeparture: condition(conditions.changeBeforeDeparture),
  };
}
