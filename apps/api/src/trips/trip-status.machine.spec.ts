import { UserRole } from '../users/user-role';
import { allowedActions, canDecide, FINAL_STATUSES, IllegalTransitionError, transition, TRIP_ACTIONS, TRIP_STATUSES, TripAction, TripStatus } from './trip-status.machine';

describe('trip status machine', () => {
  it.each<[TripStatus, TripAction, TripStatus]>([
    [TripStatus.Draft, 'submit', TripStatus.Submitted],
    [TripStatus.Submitted, 'approve', TripStatus.Approved],
    [TripStatus.Submitted, 'reject', TripStatus.Rejected],
    [TripStatus.Approved, 'book', TripStatus.Booked],
    [TripStatus.Approved, 'complete', TripStatus.Completed],
    [TripStatus.Booked, 'complete', TripStatus.Completed],
    [TripStatus.Draft, 'cancel', TripStatus.Cancelled],
    [TripStatus.Submitted, 'cancel', TripStatus.Cancelled],
    [TripStatus.Approved, 'cancel', TripStatus.Cancelled],
    [TripStatus.Booked, 'cancel', TripStatus.Cancelled],
  ])('%s --%s--> %s', (from, action, to) => {
    expect(transition(from, action)).toBe(to);
  });

  it.each<[TripStatus, TripAction]>([
    [TripStatus.Draft, 'approve'],
    [TripStatus.Draft, 'complete'],
    [TripStatus.Submitted, 'submit'],
    [TripStatus.Approved, 'approve'],
    [TripStatus.Approved, 'reject'],
    [TripStatus.Rejected, 'submit'],
  ])('refuses %s --%s-->', (from, action) => {
    expect(() => transition(from, action)).toThrow(IllegalTransitionError);
  });

  it('has no way out of a final status', () => {
    for (const status of FINAL_STATUSES) {
      expect(allowedActions(status)).toEqual([]);
      for (const action of TRIP_ACTIONS) expect(() => transition(status, action)).toThrow(IllegalTransitionError);
    }
  });

  it('allows cancelling from every non-final status', () => {
    for (const status of TRIP_STATUSES.filter((s) => !FINAL_STATUSES.includes(s))) {
      expect(allowedActions(status)).toContain('cancel');
    }
  });

  it('lets managers and admins decide, but never on their own trip', () => {
    expect(canDecide({ actorId: 'm', actorRole: UserRole.Manager, travellerId: 't' })).toBe(true);
    expect(canDecide({ actorId: 'a', actorRole: UserRole.Admin, travellerId: 't' })).toBe(true);
    expect(canDecide({ actorId: 't', actorRole: UserRole.Traveller, travellerId: 'x' })).toBe(false);
    expect(canDecide({ actorId: 'm', actorRole: UserRole.Manager, travellerId: 'm' })).toBe(false);
  });
});
