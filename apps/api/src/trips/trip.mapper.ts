import { toMoney } from '../common/money/money.dto';
import type { TripResponse } from './dto/trip.dto';
import type { TripWithTraveller } from './trip.entity';
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
    budget: toMoney(trip.budgetAmount, trip.budgetCurrency),
    latitude: trip.latitude,
    longitude: trip.longitude,
    status: trip.status,
    allowedActions: tripAccess(caller, trip),
    travellerId: trip.travellerId,
    traveller: { id: trip.traveller.id, name: trip.traveller.name },
    organizationId: trip.organizationId,
    version: trip.version,
    createdAt: trip.createdAt.toISOString(),
    updatedAt: trip.updatedAt.toISOString(),
  };
}
