export enum TripStatus {
  Draft = 'draft',
  Submitted = 'submitted',
  Approved = 'approved',
  Rejected = 'rejected',
  Booked = 'booked',
  Completed = 'completed',
  Cancelled = 'cancelled',
}

export const TRIP_STATUSES = Object.values(TripStatus);

export type TripAction = 'submit' | 'approve' | 'reject' | 'revise' | 'book' | 'complete' | 'cancel';

/** The trip lifecycle, in one table: action → the statuses it applies to → the result. */
const TRANSITIONS: Record<TripAction, { from: readonly TripStatus[]; to: TripStatus }> = {
  submit: { from: [TripStatus.Draft], to: TripStatus.Submitted },
  approve: { from: [TripStatus.Submitted], to: TripStatus.Approved },
  reject: { from: [TripStatus.Submitted], to: TripStatus.Rejected },
  // Revise and resubmit: a rejected trip becomes a draft again, to be edited and submitted anew.
  revise: { from: [TripStatus.Rejected], to: TripStatus.Draft },
  // Reserved for the booking issue: an approved trip whose bookings are confirmed.
  book: { from: [TripStatus.Approved], to: TripStatus.Booked },
  complete: { from: [TripStatus.Approved, TripStatus.Booked], to: TripStatus.Completed },
  cancel: {
    from: [TripStatus.Draft, TripStatus.Submitted, TripStatus.Approved, TripStatus.Booked],
    to: TripStatus.Cancelled,
  },
};

export const TRIP_ACTIONS = Object.keys(TRANSITIONS) as TripAction[];

/** Statuses whose itinerary is closed; a rejected trip reopens only by `revise`. */
export const FINAL_STATUSES: readonly TripStatus[] = [TripStatus.Rejected, TripStatus.Completed, TripStatus.Cancelled];

export class IllegalTransitionError extends Error {
  constructor(
    readonly from: TripStatus,
    readonly action: TripAction,
  ) {
    super(`cannot ${action} a ${from} trip`);
    this.name = 'IllegalTransitionError';
  }
}

export function transition(from: TripStatus, action: TripAction): TripStatus {
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(from)) throw new IllegalTransitionError(from, action);
  return rule.to;
}

export function allowedActions(status: TripStatus): TripAction[] {
  return TRIP_ACTIONS.filter((action) => TRANSITIONS[action].from.includes(status));
}

/** The statuses an action applies to (who may take it is the access table's business). */
export function statusesFor(action: TripAction): readonly TripStatus[] {
  return TRANSITIONS[action].from;
}
