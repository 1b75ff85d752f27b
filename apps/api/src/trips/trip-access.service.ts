import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../common/auth/auth-context';
import { DomainError, NotFoundError } from '../common/errors/domain-error';
import {
  ActivityErrorCode,
  CollaborationErrorCode,
  CommonErrorCode,
  type ErrorCode,
  TripErrorCode,
} from '../common/errors/error-codes';
import { UsersRepository } from '../users/users.repository';
import type { Trip, TripWithTravellerIds } from './trip.entity';
import { type TripPermission, tripRefusal } from './trip-access';
import { TripsRepository } from './trips.repository';

/** A status refusal: its code and message, per permission (lifecycle steps name the step tried). */
const WRONG_STATUS: Partial<Record<TripPermission, { code: ErrorCode; message: (status: string) => string }>> = {
  edit: {
    code: TripErrorCode.NotEditable,
    message: (status) => `Only draft trips can be edited; this trip is ${status}`,
  },
  edit_itinerary: {
    code: ActivityErrorCode.ItineraryClosed,
    message: (status) => `The itinerary of a ${status} trip cannot change`,
  },
  book_travel: {
    code: ActivityErrorCode.ItineraryClosed,
    message: (status) => `Travel cannot be searched or booked for a ${status} trip: its itinerary is closed`,
  },
  delete: {
    code: TripErrorCode.NotDeletable,
    message: (status) => `A ${status} trip cannot be deleted; cancel it first`,
  },
};

const FORBIDDEN: Partial<Record<TripPermission, string>> = {
  decide: 'Only a manager or admin other than the traveller can decide on a trip',
};

/**
 * Loads a trip for one permission, or refuses: 404 when the caller may not see it (another
 * organization's, or a colleague's for a traveller), 403 when it is not theirs to do, 409 when
 * the trip's status does not allow it now. Every module that acts on a trip checks here.
 */
@Injectable()
export class TripAccessService {
  constructor(
    private readonly trips: TripsRepository,
    private readonly users: UsersRepository,
  ) {}

  /** `step` names a lifecycle step ("approve") for the refusal message; `lock` locks the row (FOR UPDATE). */
  async require(
    ctx: AuthContext,
    tripId: string,
    permission: TripPermission,
    options: { lock?: boolean; step?: string } = {},
  ): Promise<TripWithTravellerIds> {
    const trip = await this.trips.getVisible(ctx, tripId, { lock: options.lock });
    assertTripAccess(ctx, trip, permission, options.step);
    return trip;
  }

  /**
   * Refuses (422 USER_CANNOT_SEE_TRIP) unless every one of `userIds` is an active member who may see
   * `trip` (read by `require`): a mention or a to-do must not point someone at a trip they cannot open.
   */
  async requireViewers(ctx: AuthContext, trip: TripWithTravellerIds, userIds: readonly string[]): Promise<void> {
    const wanted = [...new Set(userIds)];
    const members = await this.users.activeMembers(ctx, wanted);
    const viewers = members.filter(
      (user) =>
        tripRefusal({ userId: user.id, organizationId: ctx.organizationId, role: user.role }, trip, 'view') === null,
    );
    if (viewers.length !== wanted.length) {
      throw new DomainError(
        CollaborationErrorCode.CannotSeeTrip,
        'Everyone you mention or assign must be a colleague who can see this trip; share it with them first',
      );
    }
  }
}

function assertTripAccess(ctx: AuthContext, trip: Trip, permission: TripPermission, step: string = permission): void {
  const refusal = tripRefusal(ctx, trip, permission);
  if (refusal === 'not_found') throw new NotFoundError('Trip');
  if (refusal === 'forbidden') {
    throw new DomainError(CommonErrorCode.Forbidden, FORBIDDEN[permission] ?? `You may not ${step} this trip`);
  }
  if (refusal === 'wrong_status') {
    const rule = WRONG_STATUS[permission];
    if (rule) throw new DomainError(rule.code, rule.message(trip.status));
    throw new DomainError(TripErrorCode.IllegalTransition, `Cannot ${step} a trip that is ${trip.status}`);
  }
}
