import type { AuthContext } from '../../common/auth/auth-context';
import { UserRole } from '../../common/auth/user-role';
import { DomainError } from '../../common/errors/domain-error';
import { FlightErrorCode } from '../../common/errors/error-codes';
import { SupplierError, type SupplierFailure } from '../supplier/flight-supplier';
import type { CreateFlightSearchDto, FlightOfferQuery } from './dto/flight-search.dto';
import { FlightSearchesService } from './flight-searches.service';

const CTX: AuthContext = { userId: 'user-1', organizationId: 'org-1', role: UserRole.Traveller };
const DTO = {
  slices: [
    {
      origin: 'FRA',
      destination: 'JFK',
      departureDate: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
    },
  ],
  cabin: 'economy',
} as CreateFlightSearchDto;
const QUERY = { sort: 'price', order: 'asc', page: 1, limit: 20, offset: 0 } as FlightOfferQuery;

/** The service with a supplier failing as `failure`, and a record of what reached the database. */
function serviceFailingWith(failure: SupplierFailure) {
  const writes: string[] = [];
  const service = new FlightSearchesService(
    { name: 'sandbox', search: () => Promise.reject(new SupplierError(failure, 'the supplier said no')) } as never,
    { require: () => Promise.resolve({ id: 'trip-1', travellerId: 'user-1', coTravellerIds: [] }) } as never,
    {
      get: () =>
        Promise.resolve({
          version: 1,
          currency: 'EUR',
          allowedCabinClasses: ['economy'],
          maxFlightFare: null,
          maxHotelNightlyRate: null,
          minAdvanceBookingDays: 0,
          tripBudgetCeiling: null,
          outOfPolicy: 'needs_approval',
        }),
    } as never,
    {} as never,
    { insert: () => writes.push('search') } as never,
    { insertAll: () => writes.push('offers') } as never,
    { run: () => writes.push('transaction') } as never,
  );
  return { service, writes };
}

describe("the supplier's failures in a search", () => {
  it.each<[SupplierFailure, FlightErrorCode]>([
    ['invalid_request', FlightErrorCode.SearchRefused],
    ['not_found', FlightErrorCode.SearchRefused],
    ['timeout', FlightErrorCode.SupplierUnavailable],
    ['unavailable', FlightErrorCode.SupplierUnavailable],
    ['rate_limited', FlightErrorCode.SupplierUnavailable],
  ])('%s → %s, nothing stored', async (failure, code) => {
    const { service, writes } = serviceFailingWith(failure);
    const error = await service.search(CTX, 'trip-1', DTO, QUERY).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(code);
    expect(writes).toEqual([]);
  });
});
