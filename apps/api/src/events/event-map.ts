import type { AuthContext } from '../common/auth/auth-context';
import type { UserRole } from '../common/auth/user-role';

/** What a trip lifecycle event says: the step, and the trip as it was when it happened. */
export interface TripStepPayload {
  tripId: string;
  travellerId: string;
  title: string;
  destination: string;
  startDate: string;
  endDate: string;
  from: string;
  to: string;
  /** A rejection's reason, an approval's comment, a cancellation's note. */
  reason?: string;
  /** A submission's travel-policy verdict and the policy version it was judged against. */
  policy?: string;
  policyVersion?: number;
  /**
   * The policy approved it (in-policy trip, organization approves those at once): set on that
   * `trip.approved` and on the `trip.submitted` before it, which then waits for no approver.
   */
  automatic?: boolean;
  /** The trip's version after the step (absent on events queued before it was added). */
  version?: number;
}

export interface ActivityPayload {
  tripId: string;
  activityId: string;
  title: string;
  /** The activity's version after the change; none on a deletion. */
  version?: number;
}

/** A collaborator added, changed or removed (`role`: the new one; on removal, the one they had). */
export interface CollaboratorPayload {
  tripId: string;
  tripTitle: string;
  userId: string;
  role: 'viewer' | 'editor';
}

/** A comment as it is after the change; `newMentionIds`: those mentioned by this change, to notify. */
export interface CommentPayload {
  tripId: string;
  tripTitle: string;
  commentId: string;
  activityId: string | null;
  authorId: string;
  version: number;
  newMentionIds: string[];
}

/** A to-do created, changed or deleted; `assignedTo`: set when this change assigned it to someone new. */
export interface ChecklistPayload {
  tripId: string;
  tripTitle: string;
  itemId: string;
  change: 'created' | 'updated' | 'deleted';
  /** The to-do's version after the change (on deletion, the last one). */
  version: number;
  title: string;
  assignedTo?: string;
}

/** What a booking event says: the booking as it was at the step, with what its e-mails and audit row show. */
export interface BookingPayload {
  bookingId: string;
  tripId: string;
  tripTitle: string;
  bookerId: string;
  /** The travellers flying (user ids). */
  passengerIds: string[];
  supplier: string;
  from: string | null;
  to: string;
  /** The booking's total (or, on a cancellation, the refund). */
  amount: string;
  currency: string;
  bookingReference: string | null;
  /** One line per flight, e.g. "LH400 FRA 2027-03-01 10:05 → JFK 2027-03-01 12:55"; empty for a stay. */
  flights: string[];
  /** A stay booking (absent: a flight; events stored before stays had no kind). */
  kind?: 'stay';
  /** A stay's line: "Hotel Opera Paris, 12 rue Pasteur, 75009 Paris, FR: 2027-03-01 → 2027-03-04, 1 room". */
  stay?: string;
  /** A failure's, a rejection's or an airline change's explanation. */
  reason?: string;
  policy?: string;
}

/**
 * Every domain event and its payload. The envelope (DomainEvent) carries the organization and the
 * actor; payloads carry the ids and what handlers need, as it was at the time (a handler never has
 * to read back a row that may have changed since). Payloads are stored as JSON: plain values only.
 */
export interface EventMap {
  'trip.created': { tripId: string; title: string };
  'trip.submitted': TripStepPayload;
  'trip.approved': TripStepPayload;
  'trip.rejected': TripStepPayload;
  'trip.revised': TripStepPayload;
  'trip.cancelled': TripStepPayload;
  'trip.completed': TripStepPayload;
  'trip.booked': TripStepPayload;
  /** The last booking holding an order was cancelled: the trip is approved again (and may be booked anew). */
  'trip.unbooked': TripStepPayload;
  /** A draft's fields (title, dates, budget, travellers) were edited. */
  'trip.updated': { tripId: string; title: string; version: number };
  'trip.deleted': { tripId: string; title: string };
  'activity.created': ActivityPayload;
  'activity.updated': ActivityPayload;
  'activity.deleted': ActivityPayload;
  /** The manual order of activities starting at the same time changed. */
  'activity.reordered': { tripId: string };
  /** Access tokens were revoked: one session (logout), or every session when `sessionId` is absent. */
  'user.signed_out': { userId: string; sessionId?: string };
  'member.role_changed': { userId: string; name: string; from: UserRole; to: UserRole };
  'member.deactivated': { userId: string; name: string };
  'member.reactivated': { userId: string; name: string };
  'invitation.created': { invitationId: string; email: string; role: UserRole };
  'invitation.accepted': { invitationId: string; email: string; role: UserRole; userId: string };
  'invitation.revoked': { invitationId: string; email: string };
  'policy.updated': { version: number; changed: string[] };
  'booking.requested': BookingPayload;
  'booking.approved': BookingPayload;
  'booking.rejected': BookingPayload;
  'booking.ordering': BookingPayload;
  'booking.confirmed': BookingPayload;
  'booking.failed': BookingPayload;
  'booking.cancellation_quoted': BookingPayload;
  'booking.cancelled': BookingPayload;
  'booking.changed_by_airline': BookingPayload;
  'collaborator.added': CollaboratorPayload;
  'collaborator.updated': CollaboratorPayload;
  'collaborator.removed': CollaboratorPayload;
  'comment.created': CommentPayload;
  'comment.updated': CommentPayload;
  'comment.deleted': CommentPayload;
  'checklist.updated': ChecklistPayload;
  'notes.updated': { tripId: string; version: number };
  'share_link.created': { tripId: string; shareLinkId: string; expiresAt: string };
  'share_link.revoked': { tripId: string; shareLinkId: string };
  /** To the one user it is for (the realtime transport sends it to their room). */
  'notification.created': { notificationId: string; userId: string; kind: string; tripId: string | null };
}

export type EventType = keyof EventMap;

/** Who caused an event: the caller of the use case (for `invitation.accepted`, the new member). */
export interface EventActor {
  id: string;
  role: UserRole;
}

export interface DomainEvent<T extends EventType = EventType> {
  id: string;
  type: T;
  organizationId: string;
  actor: EventActor;
  occurredAt: Date;
  payload: EventMap[T];
}

/** Any one event of `types`, narrowed by `type` (`switch (event.type)` sees the right payload). */
export type OneOf<T extends EventType> = { [K in T]: DomainEvent<K> }[T];

/** The caller a handler acts for: the event's actor within the event's organization. */
export function contextOf(event: DomainEvent): AuthContext {
  return { userId: event.actor.id, organizationId: event.organizationId, role: event.actor.role };
}
