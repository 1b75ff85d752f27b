import { UserRole } from '../common/auth/user-role';
import {
  STEP_PERMISSION,
  TRIP_PERMISSIONS,
  type TripPermission,
  tripAccess,
  tripRefusal,
  visibleTravellerId,
} from './trip-access';
import { TRIP_ACTIONS, TRIP_STATUSES, TripStatus } from './trip-status.machine';

const { Draft, Submitted, Approved, Rejected, Booked, Completed, Cancelled } = TripStatus;
const { Traveller, Manager, Admin } = UserRole;

/** What whoever manages a trip (its traveller, or any manager or admin) may do in each status: docs/access.md, written out by hand. */
const MANAGING: Record<TripStatus, TripPermission[]> = {
  [Draft]: ['view', 'edit', 'edit_itinerary', 'submit', 'book_travel', 'cancel', 'delete', 'comment', 'share'],
  [Submitted]: ['view', 'edit_itinerary', 'book_travel', 'cancel', 'comment', 'share'],
  [Approved]: ['view', 'edit_itinerary', 'book', 'book_travel', 'complete', 'cancel', 'comment', 'share'],
  [Booked]: ['view', 'edit_itinerary', 'book_travel', 'complete', 'cancel', 'comment', 'share'],
  [Rejected]: ['view', 'revise', 'delete', 'comment', 'share'],
  [Completed]: ['view', 'comment', 'share'],
  [Cancelled]: ['view', 'delete', 'comment', 'share'],
};

/** An editor collaborator (a traveller by role): the itinerary while it is open, never the lifecycle. */
const EDITING = (status: TripStatus): TripPermission[] =>
  MANAGING[status].includes('edit_itinerary') ? ['view', 'edit_itinerary', 'comment'] : ['view', 'comment'];

type Relation = 'own' | 'co' | 'editor' | 'viewer' | 'other';

/** role × relation → what they may do in each status. */
const TABLE: [UserRole, Relation, (status: TripStatus) => TripPermission[]][] = [
  [Traveller, 'own', (status) => MANAGING[status]],
  // A colleague's trip does not exist for a traveller (404).
  [Traveller, 'other', () => []],
  // Travelling on a colleague's trip: seeing it and commenting, nothing that manages it.
  [Traveller, 'co', () => ['view', 'comment']],
  // An approver travelling on a colleague's trip manages it, but never decides on it.
  [Manager, 'co', (status) => MANAGING[status]],
  [Admin, 'co', (status) => MANAGING[status]],
  // An approver's own trip: everything but deciding on it.
  [Manager, 'own', (status) => MANAGING[status]],
  [Admin, 'own', (status) => MANAGING[status]],
  [Manager, 'other', (status) => (status === Submitted ? [...MANAGING[status], 'decide'] : MANAGING[status])],
  [Admin, 'other', (status) => (status === Submitted ? [...MANAGING[status], 'decide'] : MANAGING[status])],
  // Collaborators: a viewer sees and comments; an editor also plans the itinerary. Neither submits,
  // books, cancels or shares unless their role manages the trip anyway.
  [Traveller, 'viewer', () => ['view', 'comment']],
  [Traveller, 'editor', EDITING],
  // A manager who collaborates does not travel on the trip: their role still manages it and decides.
  [Manager, 'viewer', (status) => (status === Submitted ? [...MANAGING[status], 'decide'] : MANAGING[status])],
  [Admin, 'editor', (status) => (status === Submitted ? [...MANAGING[status], 'decide'] : MANAGING[status])],
];

const ORG = 'org-1';
const caller = (role: UserRole) => ({ userId: 'caller', organizationId: ORG, role });
const trip = (relation: Relation, status: TripStatus, organizationId = ORG) => ({
  travellerId: relation === 'own' ? 'caller' : 'colleague',
  coTravellerIds: relation === 'co' ? ['another', 'caller'] : ['another'],
  editorIds: relation === 'editor' ? ['caller'] : [],
  viewerIds: relation === 'viewer' ? ['caller'] : [],
  organizationId,
  status,
});

const cases = TABLE.flatMap(([role, relation, expected]) =>
  TRIP_STATUSES.map((status) => [role, relation, status, expected(status)] as const),
);

describe('trip access table', () => {
  it.each(cases)('%s on %s %s trip may: %j', (role, relation, status, expected) => {
    expect(tripAccess(caller(role), trip(relation, status))).toEqual(
      TRIP_PERMISSIONS.filter((permission) => expected.includes(permission)),
    );
  });

  it('refuses in the order the API answers: unseen 404, not yours 403, not now 409', () => {
    expect(tripRefusal(caller(Traveller), trip('other', Submitted), 'decide')).toBe('not_found');
    expect(tripRefusal(caller(Traveller), trip('own', Submitted), 'decide')).toBe('forbidden');
    expect(tripRefusal(caller(Admin), trip('own', Draft), 'decide')).toBe('forbidden');
    expect(tripRefusal(caller(Manager), trip('other', Draft), 'decide')).toBe('wrong_status');
    expect(tripRefusal(caller(Manager), trip('other', Approved), 'edit')).toBe('wrong_status');
    expect(tripRefusal(caller(Manager), trip('other', Submitted), 'decide')).toBeNull();
  });

  it('refuses a co-traveller what manages the trip with 403, not 404 (they see it)', () => {
    expect(tripRefusal(caller(Traveller), trip('co', Draft), 'edit')).toBe('forbidden');
    expect(tripRefusal(caller(Traveller), trip('co', Approved), 'book_travel')).toBe('forbidden');
    expect(tripRefusal(caller(Traveller), trip('co', Submitted), 'cancel')).toBe('forbidden');
    expect(tripRefusal(caller(Manager), trip('co', Submitted), 'decide')).toBe('forbidden');
  });

  it('refuses a collaborator the lifecycle with 403, and a viewer the itinerary', () => {
    expect(tripRefusal(caller(Traveller), trip('viewer', Draft), 'edit_itinerary')).toBe('forbidden');
    expect(tripRefusal(caller(Traveller), trip('editor', Draft), 'edit')).toBe('forbidden');
    expect(tripRefusal(caller(Traveller), trip('editor', Approved), 'book_travel')).toBe('forbidden');
    expect(tripRefusal(caller(Traveller), trip('editor', Draft), 'share')).toBe('forbidden');
    expect(tripRefusal(caller(Traveller), trip('editor', Completed), 'edit_itinerary')).toBe('wrong_status');
  });

  it('makes a co-traveller who is also an editor a co-traveller (travelling wins)', () => {
    const both = { ...trip('co', Submitted), editorIds: ['caller'] };
    expect(tripRefusal(caller(Manager), both, 'decide')).toBe('forbidden');
  });

  it('fails closed on a trip read without its co-travellers: the caller is then no co-traveller', () => {
    const { coTravellerIds: _, ...bare } = trip('co', Draft);
    expect(tripAccess(caller(Traveller), bare)).toEqual([]);
  });

  it("grants nothing on another organization's trip, whatever the role", () => {
    for (const role of [Traveller, Manager, Admin]) {
      expect(tripAccess(caller(role), trip('own', Draft, 'org-2'))).toEqual([]);
      expect(tripAccess(caller(role), trip('co', Draft, 'org-2'))).toEqual([]);
      expect(tripRefusal(caller(role), trip('other', Submitted, 'org-2'), 'view')).toBe('not_found');
    }
  });

  it('gives a role it does not know no more than a traveller', () => {
    const auditor = caller('auditor' as UserRole);
    expect(tripAccess(auditor, trip('other', Submitted))).toEqual([]);
    expect(tripAccess(auditor, trip('own', Submitted))).toEqual(tripAccess(caller(Traveller), trip('own', Submitted)));
    expect(visibleTravellerId(auditor)).toBe('caller');
  });

  it("filters lists by the same view rule: travellers their own trips, approvers the organization's", () => {
    expect(visibleTravellerId(caller(Traveller))).toBe('caller');
    expect(visibleTravellerId(caller(Manager))).toBeNull();
    expect(visibleTravellerId(caller(Admin))).toBeNull();
  });

  it('names a permission for every lifecycle step', () => {
    expect(Object.keys(STEP_PERMISSION).sort()).toEqual([...TRIP_ACTIONS].sort());
  });
});
