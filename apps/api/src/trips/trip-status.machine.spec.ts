import {
  allowedActions,
  FINAL_STATUSES,
  IllegalTransitionError,
  statusesFor,
  transition,
  TRIP_ACTIONS,
  TRIP_STATUSES,
  TripAction,
  TripStatus,
} from './trip-status.machine';

const { Draft, Submitted, Approved, Rejected, Booked, Completed, Cancelled } = TripStatus;

/** docs/product.md § Trips, written out independently of the machine's own table. */
const LEGAL: Record<TripStatus, Partial<Record<TripAction, TripStatus>>> = {
  [Draft]: { submit: Submitted, cancel: Cancelled },
  [Submitted]: { approve: Approved, reject: Rejected, cancel: Cancelled },
  [Approved]: { book: Booked, complete: Completed, cancel: Cancelled },
  [Booked]: { complete: Completed, cancel: Cancelled },
  [Rejected]: { revise: Draft },
  [Completed]: {},
  [Cancelled]: {},
};

const everyPair = TRIP_STATUSES.flatMap((from) =>
  TRIP_ACTIONS.map((action) => [from, action] as [TripStatus, TripAction]),
);
const legalPairs = everyPair.filter(([from, action]) => LEGAL[from][action]);
const illegalPairs = everyPair.filter(([from, action]) => !LEGAL[from][action]);

describe('trip status machine', () => {
  it('knows the seven statuses and seven actions', () => {
    expect(TRIP_STATUSES).toEqual(['draft', 'submitted', 'approved', 'rejected', 'booked', 'completed', 'cancelled']);
    expect([...TRIP_ACTIONS].sort()).toEqual(['approve', 'book', 'cancel', 'complete', 'reject', 'revise', 'submit']);
    expect(legalPairs).toHaveLength(11);
  });

  it.each(legalPairs)('%s --%s--> the next status', (from, action) => {
    expect(transition(from, action)).toBe(LEGAL[from][action]);
  });

  it.each(illegalPairs)('refuses %s --%s-->', (from, action) => {
    expect(() => transition(from, action)).toThrow(IllegalTransitionError);
  });

  it('says what was refused', () => {
    const error = (() => {
      try {
        transition(Rejected, 'submit');
      } catch (caught) {
        return caught as IllegalTransitionError;
      }
    })();
    expect(error).toMatchObject({
      name: 'IllegalTransitionError',
      from: Rejected,
      action: 'submit',
      message: 'cannot submit a rejected trip',
    });
  });

  it('lists the actions open from each status', () => {
    for (const status of TRIP_STATUSES)
      expect([...allowedActions(status)].sort()).toEqual(Object.keys(LEGAL[status]).sort());
  });

  it('makes rejected, completed and cancelled final (itinerary closed); only revise leads out of rejected', () => {
    expect([...FINAL_STATUSES].sort()).toEqual([Cancelled, Completed, Rejected].sort());
    expect(TRIP_STATUSES.filter((status) => allowedActions(status).length === 0).sort()).toEqual(
      [Cancelled, Completed].sort(),
    );
    expect(allowedActions(Rejected)).toEqual(['revise']);
  });

  it('allows cancelling from every non-final status', () => {
    for (const status of TRIP_STATUSES.filter((s) => !FINAL_STATUSES.includes(s)))
      expect(transition(status, 'cancel')).toBe(Cancelled);
  });

  it('names the statuses each action applies to', () => {
    for (const action of TRIP_ACTIONS)
      expect([...statusesFor(action)].sort()).toEqual(TRIP_STATUSES.filter((status) => LEGAL[status][action]).sort());
  });
});
