import { toMoney } from '../common/money/money.dto';
import type { TripResponse } from './dto/trip.dto';
import type { PolicyVerdictResponse } from '../policy/dto/policy-verdict.dto';
import type { Trip, TripWithTraveller } from './trip.entity';
import { type AccessCaller, tripAccess } from './trip-access';

/** The trip as `caller` sees it: with what they may do with it now. */
export function toTripResponse(trip: TripWithTraveller, caller: AccessCaller): TripResponse {
  return {
    id: trip.id,
    title: trip.title,
    destination: trip.destination,
    destinationCountry: trip.destinationCountry,
    timezone: trip.timezone,
    startDate: trip.startDate,
    endDate: trip.endDate,
    purpose: trip.purpose,
    costCentre: trip.costCentre,
    budget: toMoney(trip.budgetAmount, trip.budgetCurrency),
    latitude: trip.latitude,
    longitude: trip.longitude,
    status: trip.status,
    allowedActions: tripAccess(caller, trip),
    travellerId: trip.travellerId,
    traveller: { id: trip.traveller.id, name: trip.traveller.name },
    travellers: [trip.traveller, ...trip.coTravellers].map(({ id, name }) => ({ id, name })),
    policy: toPolicyVerdictResponse(trip),
    organizationId: trip.organizationId,
    version: trip.version,
    createdAt: trip.createdAt.toISOString(),
    updatedAt: trip.updatedAt.toISOString(),
  };
}

/** The stored verdict of the trip's last submission, or null when it was never judged. */
function toPolicyVerdictResponse(trip: Trip): PolicyVerdictResponse | null {
  if (trip.policyVerdict === null || trip.policyVersion === null || trip.policyCheckedAt === null) return null;
  return {
    verdict: trip.policyVerdict,
    policyVersion: trip.policyVersion,
    reasons: trip.policyReasons ?? [],
    reasonCode: trip.policyReasonCode,
    checkedAt: trip.policyCheckedAt.toISOString(),
  };
}
