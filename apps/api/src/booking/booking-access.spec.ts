import { UserRole } from '../common/auth/user-role';
import { DomainError } from '../common/errors/domain-error';
import { assertBookingAccess, bookingAccess } from './booking-access';
import { BookingStatus } from './booking-status.machine';

const booker = 'booker';
const passenger = 'passenger';
const booking = (status: BookingStatus) => ({ status, bookerId: booker, passengerIds: [passenger] });
const caller = (userId: string, role: UserRole) => ({ userId, role });

describe('booking access', () => {
  it('lets a manager or admin who neither booked nor flies decide a pending booking', () => {
    for (const role of [UserRole.Manager, UserRole.Admin]) {
      expect(bookingAccess(caller('other', role), booking(BookingStatus.PendingApproval))).toEqual([
        'approve',
        'reject',
      ]);
      expect(bookingAccess(caller(booker, role), booking(BookingStatus.PendingApproval))).toEqual([]);
      expect(bookingAccess(caller(passenger, role), booking(BookingStatus.PendingApproval))).toEqual([]);
    }
    expect(bookingAccess(caller('other', UserRole.Traveller), booking(BookingStatus.PendingApproval))).toEqual([]);
  });

  it('offers cancellation steps by status to whoever manages the trip', () => {
    expect(bookingAccess(caller(passenger, UserRole.Traveller), booking(BookingStatus.Confirmed))).toEqual([
      'quote_cancellation',
    ]);
    expect(bookingAccess(caller(passenger, UserRole.Traveller), booking(BookingStatus.CancellationQuoted))).toEqual([
      'quote_cancellation',
      'cancel',
    ]);
    // A co-traveller sees the booking but does not manage the trip: no cancellation for them.
    expect(bookingAccess(caller(passenger, UserRole.Traveller), booking(BookingStatus.Confirmed), false)).toEqual([]);
    for (const status of [
      BookingStatus.Ordering,
      BookingStatus.Cancelled,
      BookingStatus.Failed,
      BookingStatus.Rejected,
    ]) {
      expect(bookingAccess(caller('other', UserRole.Admin), booking(status))).toEqual([]);
    }
  });

  it('refuses with 403 FORBIDDEN before 409 BOOKING_ILLEGAL_TRANSITION', () => {
    const codeOf = (run: () => void) => {
      try {
        run();
      } catch (error) {
        return (error as DomainError).code;
      }
      return null;
    };
    expect(
      codeOf(() => assertBookingAccess(caller(booker, UserRole.Admin), booking(BookingStatus.Confirmed), 'approve')),
    ).toBe('FORBIDDEN');
    expect(
      codeOf(() => assertBookingAccess(caller('other', UserRole.Admin), booking(BookingStatus.Confirmed), 'approve')),
    ).toBe('BOOKING_ILLEGAL_TRANSITION');
    expect(
      codeOf(() =>
        assertBookingAccess(caller('other', UserRole.Admin), booking(BookingStatus.PendingApproval), 'approve'),
      ),
    ).toBeNull();
    expect(
      codeOf(() =>
        assertBookingAccess(caller(passenger, UserRole.Traveller), booking(BookingStatus.Confirmed), 'cancel', false),
      ),
    ).toBe('FORBIDDEN');
  });
});
