import type { AuthContext } from '../common/auth/auth-context';
import { UserRole } from '../common/auth/user-role';
import { DomainError } from '../common/errors/domain-error';
import { BookingErrorCode, CommonErrorCode } from '../common/errors/error-codes';
import type { Booking } from './booking.entity';
import { type BookingAction, bookingActions, type BookingStatus } from './booking-status.machine';
import type { BookingPermission } from './dto/booking.dto';

type Caller = Pick<AuthContext, 'userId' | 'role'>;
type Judged = Pick<Booking, 'status' | 'bookerId' | 'passengerIds'>;

const APPROVERS: readonly UserRole[] = [UserRole.Manager, UserRole.Admin];

/**
 * What a caller may do with a booking they can see. Seeing it is the trip's business (the trip
 * access table's `view`: its travellers, the organization's managers and admins); on top of that,
 * like a trip's `decide`, approving or rejecting needs a manager or admin who neither booked it nor
 * flies on it. Cancelling is for whoever manages the trip (`managesTrip`: its lead traveller, the
 * managers and admins), as cancelling the trip is; a co-traveller sees the booking but does not.
 */
const WHO: Record<BookingPermission, (caller: Caller, booking: Judged, managesTrip: boolean) => boolean> = {
  approve: (caller, booking) => isDecider(caller, booking),
  reject: (caller, booking) => isDecider(caller, booking),
  quote_cancellation: (_caller, _booking, managesTrip) => managesTrip,
  cancel: (_caller, _booking, managesTrip) => managesTrip,
};

/** The step each permission takes (the state machine says when). */
const STEP: Record<BookingPermission, BookingAction> = {
  approve: 'approve',
  reject: 'reject',
  quote_cancellation: 'quote_cancellation',
  cancel: 'cancel',
};

function isDecider(caller: Caller, booking: Judged): boolean {
  return (
    APPROVERS.includes(caller.role) &&
    caller.userId !== booking.bookerId &&
    !booking.passengerIds.includes(caller.userId)
  );
}

function applies(status: BookingStatus, permission: BookingPermission): boolean {
  return bookingActions(status).includes(STEP[permission]);
}

/** `allowedActions` of a booking response. */
export function bookingAccess(caller: Caller, booking: Judged, managesTrip = true): BookingPermission[] {
  return (Object.keys(WHO) as BookingPermission[]).filter(
    (permission) => WHO[permission](caller, booking, managesTrip) && applies(booking.status, permission),
  );
}

/** 403 when the permission is never the caller's, 409 when the booking's status does not allow it now. */
export function assertBookingAccess(
  caller: Caller,
  booking: Judged,
  permission: BookingPermission,
  managesTrip = true,
): void {
  if (!WHO[permission](caller, booking, managesTrip)) {
    const why =
      permission === 'approve' || permission === 'reject'
        ? 'Only a manager or admin who neither booked nor flies on it can decide on a booking'
        : "Only the trip's lead traveller, a manager or an admin can cancel its bookings";
    throw new DomainError(CommonErrorCode.Forbidden, why);
  }
  if (!applies(booking.status, permission)) {
    throw new DomainError(
      BookingErrorCode.IllegalTransition,
      `Cannot ${permission.replace('_', ' ')} a booking that is ${booking.status}`,
    );
  }
}
