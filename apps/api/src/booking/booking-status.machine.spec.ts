import {
  BOOKING_ACTIONS,
  BOOKING_STATUSES,
  BookingAction,
  bookingActions,
  BookingStatus,
  bookingTransition,
  IllegalBookingTransitionError,
  LIVE_BOOKING_STATUSES,
} from './booking-status.machine';

const S = BookingStatus;

/** docs/booking.md § Bookings, written out independently of the machine's own table. */
const LEGAL: Record<BookingStatus, Partial<Record<BookingAction, BookingStatus>>> = {
  [S.PendingApproval]: { approve: S.Approved, reject: S.Rejected, fail: S.Failed },
  [S.Approved]: { order: S.Ordering, fail: S.Failed },
  [S.Rejected]: {},
  [S.Ordering]: { confirm: S.Confirmed, fail: S.Failed },
  [S.Confirmed]: { quote_cancellation: S.CancellationQuoted, airline_change: S.ChangedByAirline },
  [S.Failed]: {},
  [S.CancellationQuoted]: {
    quote_cancellation: S.CancellationQuoted,
    cancel: S.Cancelled,
    airline_change: S.ChangedByAirline,
  },
  [S.Cancelled]: {},
  [S.ChangedByAirline]: { quote_cancellation: S.CancellationQuoted, airline_change: S.ChangedByAirline },
};

const everyPair = BOOKING_STATUSES.flatMap((from) =>
  BOOKING_ACTIONS.map((action) => [from, action] as [BookingStatus, BookingAction]),
);
const legalPairs = everyPair.filter(([from, action]) => LEGAL[from][action]);
const illegalPairs = everyPair.filter(([from, action]) => !LEGAL[from][action]);

describe('booking status machine', () => {
  it('knows the nine statuses and eight actions', () => {
    expect(BOOKING_STATUSES).toEqual([
      'pending_approval',
      'approved',
      'rejected',
      'ordering',
      'confirmed',
      'failed',
      'cancellation_quoted',
      'cancelled',
      'changed_by_airline',
    ]);
    expect([...BOOKING_ACTIONS].sort()).toEqual([
      'airline_change',
      'approve',
      'cancel',
      'confirm',
      'fail',
      'order',
      'quote_cancellation',
      'reject',
    ]);
    expect(legalPairs).toHaveLength(14);
  });

  it.each(legalPairs)('%s --%s--> the next status', (from, action) => {
    expect(bookingTransition(from, action)).toBe(LEGAL[from][action]);
  });

  it.each(illegalPairs)('refuses %s --%s-->', (from, action) => {
    expect(() => bookingTransition(from, action)).toThrow(IllegalBookingTransitionError);
  });

  it('lists the actions of each status as the table does', () => {
    for (const status of BOOKING_STATUSES)
      expect(bookingActions(status).sort()).toEqual(Object.keys(LEGAL[status]).sort());
  });

  it('never leaves rejected, failed or cancelled, and counts every other status as live', () => {
    expect([...LIVE_BOOKING_STATUSES].sort()).toEqual(
      BOOKING_STATUSES.filter((status) => Object.keys(LEGAL[status]).length > 0 || status === S.Confirmed).sort(),
    );
  });
});
