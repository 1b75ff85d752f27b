/**
 * Every action the audit log records: the admin area's action filter is this list, so a filter
 * can never name an action that does not exist.
 */
export const AUDIT_ACTIONS = [
  'trip.created',
  'trip.submitted',
  'trip.approved',
  'trip.rejected',
  'trip.revised',
  'trip.booked',
  'trip.unbooked',
  'trip.completed',
  'trip.cancelled',
  'trip.deleted',
  'member.role_changed',
  'member.deactivated',
  'member.reactivated',
  'invitation.created',
  'invitation.accepted',
  'invitation.revoked',
  'policy.updated',
  'booking.requested',
  'booking.approved',
  'booking.rejected',
  'booking.ordering',
  'booking.confirmed',
  'booking.failed',
  'booking.cancellation_quoted',
  'booking.cancelled',
  'booking.changed_by_airline',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The kinds of object an audit event is about. */
export const AUDIT_ENTITY_TYPES = ['trip', 'user', 'invitation', 'policy', 'booking'] as const;

export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];
