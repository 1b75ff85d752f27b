import type { AuthContext } from '../common/auth/auth-context';
import { UserRole } from '../common/auth/user-role';
import { FINAL_STATUSES, statusesFor, TRIP_STATUSES, type TripAction, TripStatus } from './trip-status.machine';

/**
 * The one access table for trips: what a caller may do with a trip, from their role, their relation
 * to it and its status. Services check through `TripAccessService`; responses carry the result as
 * `allowedActions`, so clients show exactly what the API accepts.
 *
 * What a caller may do with a trip. `decide` is approve and reject; `book` is the lifecycle step
 * approved → booked; `book_travel` is searching for and booking travel (flights) for the trip;
 * `comment` is reading and writing comments; `share` is managing the trip's collaborators and share links.
 */
export const TRIP_PERMISSIONS = [
  'view',
  'edit',
  'edit_itinerary',
  'submit',
  'decide',
  'revise',
  'book',
  'book_travel',
  'complete',
  'cancel',
  'delete',
  'comment',
  'share',
] as const;
export type TripPermission = (typeof TRIP_PERMISSIONS)[number];

/**
 * The caller's relation to a trip: its lead traveller (`own`), one of its other travellers (`co`),
 * a colleague it was shared with (`editor` or `viewer`, docs/collaboration.md), or anyone else in
 * the organization (`other`). Travelling on the trip wins over being a collaborator.
 */
export type TripRelation = 'own' | 'co' | 'editor' | 'viewer' | 'other';

export type AccessCaller = Pick<AuthContext, 'userId' | 'organizationId' | 'role'>;
/**
 * `coTravellerIds`: the trip's travellers besides the lead; `editorIds`, `viewerIds`: its
 * collaborators. Left out, the caller cannot be one (fails closed).
 */
export type AccessTrip = {
  organizationId: string;
  travellerId: string;
  status: TripStatus;
  coTravellerIds?: readonly string[];
  editorIds?: readonly string[];
  viewerIds?: readonly string[];
};

const APPROVERS: readonly UserRole[] = [UserRole.Manager, UserRole.Admin];

/** Who manages a trip: its lead traveller, and the organization's managers and admins. */
const manages = (role: UserRole, relation: TripRelation) => relation === 'own' || APPROVERS.includes(role);

/** Whoever travels on the trip, as its lead or a co-traveller. */
const travels = (relation: TripRelation) => relation === 'own' || relation === 'co';

/**
 * Who: by role and relation, whatever the status. Whoever manages a trip may do everything with it
 * but decide on it, which needs someone who does not travel on it. A co-traveller (who does not
 * otherwise manage it) sees the trip and may comment, as Navan and TravelPerk show a colleague's
 * group trip to everyone on it; planning, submitting, booking and cancelling stay with the lead.
 */
const WHO: Record<TripPermission, (role: UserRole, relation: TripRelation) => boolean> = {
  view: (role, relation) => manages(role, relation) || relation !== 'other',
  edit: manages,
  // An editor collaborator plans the itinerary (and its checklist and notes) with whoever manages it.
  edit_itinerary: (role, relation) => manages(role, relation) || relation === 'editor',
  submit: manages,
  // A collaborator does not travel: a manager or admin who is one still decides, as their role allows.
  decide: (role, relation) => !travels(relation) && APPROVERS.includes(role),
  revise: manages,
  book: manages,
  // Whoever manages the trip books for it: its traveller, or a manager or admin on their behalf.
  book_travel: manages,
  complete: manages,
  cancel: manages,
  delete: manages,
  comment: (role, relation) => WHO.view(role, relation),
  share: manages,
};

/** When: the statuses in which each permission applies; lifecycle steps follow the state machine. */
const WHEN: Record<TripPermission, readonly TripStatus[]> = {
  view: TRIP_STATUSES,
  edit: [TripStatus.Draft],
  // The itinerary is closed once the trip is rejected (reopened only by `revise`), completed or cancelled.
  edit_itinerary: TRIP_STATUSES.filter((status) => !FINAL_STATUSES.includes(status)),
  submit: statusesFor('submit'),
  decide: statusesFor('approve'),
  revise: statusesFor('revise'),
  book: statusesFor('book'),
  // Searching and booking fill the itinerary: open while it is (not once rejected, completed or cancelled).
  book_travel: TRIP_STATUSES.filter((status) => !FINAL_STATUSES.includes(status)),
  complete: statusesFor('complete'),
  cancel: statusesFor('cancel'),
  // Nothing was decided, or it is over before it began.
  delete: [TripStatus.Draft, TripStatus.Rejected, TripStatus.Cancelled],
  comment: TRIP_STATUSES,
  share: TRIP_STATUSES,
};

export function relationOf(caller: AccessCaller, trip: AccessTrip): TripRelation {
  if (trip.travellerId === caller.userId) return 'own';
  if (trip.coTravellerIds?.includes(caller.userId)) return 'co';
  if (trip.editorIds?.includes(caller.userId)) return 'editor';
  return trip.viewerIds?.includes(caller.userId) ? 'viewer' : 'other';
}

/** Why a permission is refused, in the order the API answers: unseen (404), not yours to do (403), not now (409). */
export type TripRefusal = 'not_found' | 'forbidden' | 'wrong_status';

export function tripRefusal(caller: AccessCaller, trip: AccessTrip, permission: TripPermission): TripRefusal | null {
  const relation = relationOf(caller, trip);
  if (trip.organizationId !== caller.organizationId || !WHO.view(caller.role, relation)) return 'not_found';
  if (!WHO[permission](caller.role, relation)) return 'forbidden';
  if (!WHEN[permission].includes(trip.status)) return 'wrong_status';
  return null;
}

/** Every permission the caller has on the trip now: what its buttons may offer (`allowedActions`). */
export function tripAccess(caller: AccessCaller, trip: AccessTrip): TripPermission[] {
  return TRIP_PERMISSIONS.filter((permission) => tripRefusal(caller, trip, permission) === null);
}

/**
 * The `view` rule as a filter for list queries: a traveller sees only the trips they travel on, as
 * the lead or a co-traveller, and the trips shared with them (null: the whole organization).
 */
export function visibleTravellerId(caller: AccessCaller): string | null {
  return APPROVERS.includes(caller.role) ? null : caller.userId;
}

/** The permission each lifecycle step needs. */
export const STEP_PERMISSION: Record<TripAction, TripPermission> = {
  submit: 'submit',
  approve: 'decide',
  reject: 'decide',
  revise: 'revise',
  book: 'book',
  complete: 'complete',
  cancel: 'cancel',
};
