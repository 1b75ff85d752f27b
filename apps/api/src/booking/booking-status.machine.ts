/**
 * The booking lifecycle (docs/booking.md § Bookings), in one table like the trip's: every status
 * write goes through `transition`, and the repository's compare-and-set makes sure the status it
 * read is still the row's when it writes the next one.
 */
export enum BookingStatus {
  /** Out of policy: waits for a manager or admin. */
  PendingApproval = 'pending_approval',
  /** Approved by someone; the order is placed next (after re-pricing). */
  Approved = 'approved',
  /** Refused by an approver: nothing was ordered. */
  Rejected = 'rejected',
  /** Written and committed before the supplier is called: the order may exist at the supplier. */
  Ordering = 'ordering',
  Confirmed = 'confirmed',
  /** The supplier refused the order (or none turned up before the reconciler's deadline), or the offer expired while waiting. */
  Failed = 'failed',
  /** The supplier quoted a refund; confirming it cancels. */
  CancellationQuoted = 'cancellation_quoted',
  Cancelled = 'cancelled',
  /** The airline changed the flights (a Duffel webhook): the itinerary follows the new order. */
  ChangedByAirline = 'changed_by_airline',
}

export const BOOKING_STATUSES = Object.values(BookingStatus);

export type BookingAction =
  'approve' | 'reject' | 'order' | 'confirm' | 'fail' | 'quote_cancellation' | 'cancel' | 'airline_change';

const {
  PendingApproval,
  Approved,
  Rejected,
  Ordering,
  Confirmed,
  Failed,
  CancellationQuoted,
  Cancelled,
  ChangedByAirline,
} = BookingStatus;

/** action → the statuses it applies to → the result. */
const TRANSITIONS: Record<BookingAction, { from: readonly BookingStatus[]; to: BookingStatus }> = {
  approve: { from: [PendingApproval], to: Approved },
  reject: { from: [PendingApproval], to: Rejected },
  // In-policy bookings are created in `ordering` directly (see INITIAL_STATUSES).
  order: { from: [Approved], to: Ordering },
  confirm: { from: [Ordering], to: Confirmed },
  // The supplier refused the order; or the offer expired while the booking waited for its approver.
  fail: { from: [PendingApproval, Approved, Ordering], to: Failed },
  // A quote can be asked again (the last one lapsed) and after an airline change.
  quote_cancellation: { from: [Confirmed, CancellationQuoted, ChangedByAirline], to: CancellationQuoted },
  cancel: { from: [CancellationQuoted], to: Cancelled },
  // A change notice may arrive while a cancellation is quoted; a second change keeps the status.
  airline_change: { from: [Confirmed, CancellationQuoted, ChangedByAirline], to: ChangedByAirline },
};

export const BOOKING_ACTIONS = Object.keys(TRANSITIONS) as BookingAction[];

/** What a new booking starts as: waiting for an approver, or ordering at once. */
export const INITIAL_STATUSES: readonly BookingStatus[] = [PendingApproval, Ordering];

/** Nothing happens to these any more. */
export const FINAL_BOOKING_STATUSES: readonly BookingStatus[] = [Rejected, Failed, Cancelled];

/** The statuses in which the booking holds (or may hold) seats: one such booking per offer. */
export const LIVE_BOOKING_STATUSES: readonly BookingStatus[] = BOOKING_STATUSES.filter(
  (status) => !FINAL_BOOKING_STATUSES.includes(status),
);

export class IllegalBookingTransitionError extends Error {
  constructor(
    readonly from: BookingStatus,
    readonly action: BookingAction,
  ) {
    super(`cannot ${action.replace('_', ' ')} a ${from} booking`);
    this.name = 'IllegalBookingTransitionError';
  }
}

export function bookingTransition(from: BookingStatus, action: BookingAction): BookingStatus {
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(from)) throw new IllegalBookingTransitionError(from, action);
  return rule.to;
}

/** The actions that apply to a booking in `status` (who may take them is the access check's business). */
export function bookingActions(status: BookingStatus): BookingAction[] {
  return BOOKING_ACTIONS.filter((action) => TRANSITIONS[action].from.includes(status));
}
