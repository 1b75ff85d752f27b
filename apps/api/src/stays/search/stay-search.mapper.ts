import { toMoney } from '../../common/money/money.dto';
import type { Money } from '../../policy/policy-subject';
import { booksStays, type StayCancellationPolicy, type StayProperty } from '../supplier/stay-supplier';
import type {
  StayCancellationPolicyResponse,
  StayPropertyResponse,
  StayRateResponse,
  StaySearchResponse,
} from './dto/stay-search.dto';
import { nightsOf } from './rate-verdict';
import type { StayRateRow } from './stay-rate.entity';
import type { StaySearch } from './stay-search.entity';

const money = ({ amount, currency }: Money) => toMoney(amount, currency)!;

export function toStaySearchResponse(search: StaySearch): StaySearchResponse {
  const { where } = search;
  const around = 'latitude' in where ? where : null;
  return {
    id: search.id,
    tripId: search.tripId,
    supplier: search.supplier,
    where: {
      latitude: around?.latitude ?? null,
      longitude: around?.longitude ?? null,
      radiusKm: around?.radiusKm ?? null,
      propertyIds: 'propertyIds' in where ? where.propertyIds : null,
    },
    checkInDate: search.checkInDate,
    checkOutDate: search.checkOutDate,
    nights: nightsOf(search),
    rooms: search.rooms,
    guests: search.guests,
    policyVersion: search.policyVersion,
    policyCurrency: search.policyCurrency,
    propertyCount: search.propertyCount,
    rateCount: search.rateCount,
    createdAt: new Date(search.createdAt).toISOString(),
    expiresAt: new Date(search.expiresAt).toISOString(),
  };
}

/** A stored rate as clients see it: the supplier's rate id stays inside (a booking names our id). */
export function toStayRateResponse(
  row: StayRateRow,
  search: Pick<StaySearch, 'policyCurrency' | 'policyVersion' | 'supplier'>,
): StayRateResponse {
  const { rate } = row;
  return {
    id: row.id,
    supplier: search.supplier,
    bookable: booksStays(search.supplier),
    property: toStayPropertyResponse(row.property),
    distanceKm: row.distanceKm === null ? null : Math.round(row.distanceKm * 10) / 10,
    roomName: rate.roomName,
    board: rate.board,
    totalAmount: money({ amount: row.totalAmount, currency: row.totalCurrency }),
    policyAmount: money({ amount: row.policyAmount, currency: search.policyCurrency }),
    nightlyRate: money({ amount: row.nightlyPolicyAmount, currency: search.policyCurrency }),
    dueAtProperty: rate.dueAtProperty && money(rate.dueAtProperty),
    cancellation: toCancellationPolicyResponse(rate.cancellation),
    conditions: rate.conditions,
    expiresAt: new Date(row.expiresAt).toISOString(),
    policy: { verdict: row.verdict, policyVersion: search.policyVersion, reasons: row.reasons },
  };
}

export function toStayPropertyResponse(property: StayProperty): StayPropertyResponse {
  return {
    supplierPropertyId: property.supplierPropertyId,
    name: property.name,
    address: property.address,
    latitude: property.latitude,
    longitude: property.longitude,
    stars: property.stars,
    reviewScore: property.reviewScore,
    chain: property.chain,
    checkInAfter: property.checkInAfter,
    checkOutBefore: property.checkOutBefore,
  };
}

export function toCancellationPolicyResponse(policy: StayCancellationPolicy): StayCancellationPolicyResponse {
  return {
    refundable: policy.refundable,
    timeline: policy.timeline.map((step) => ({ before: step.before, refund: money(step.refund) })),
  };
}
