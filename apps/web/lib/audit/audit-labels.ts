import type { AuditAction, AuditEntityType } from '../api/organization';
import { addDays } from '../time/zoned-time';

/** Every action the API records, in words; typed against the API's list, so none can be missing. */
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  'trip.created': 'Trip created',
  'trip.submitted': 'Trip submitted',
  'trip.approved': 'Trip approved',
  'trip.rejected': 'Trip rejected',
  'trip.revised': 'Trip reopened to revise',
  'trip.booked': 'Trip booked',
  'trip.unbooked': 'Trip back to approved (bookings cancelled)',
  'trip.completed': 'Trip completed',
  'trip.cancelled': 'Trip cancelled',
  'trip.deleted': 'Trip deleted',
  'member.role_changed': 'Member’s role changed',
  'member.deactivated': 'Member deactivated',
  'member.reactivated': 'Member reactivated',
  'invitation.created': 'Invitation sent',
  'invitation.accepted': 'Invitation accepted',
  'invitation.revoked': 'Invitation revoked',
  'policy.updated': 'Travel policy updated',
  'booking.requested': 'Flight booking awaiting approval',
  'booking.approved': 'Flight booking approved',
  'booking.rejected': 'Flight booking rejected',
  'booking.ordering': 'Flight ordered from the supplier',
  'booking.confirmed': 'Flight booking confirmed',
  'booking.failed': 'Flight booking failed',
  'booking.cancellation_quoted': 'Flight cancellation quoted',
  'booking.cancelled': 'Flight booking cancelled',
  'booking.changed_by_airline': 'Flight changed by the airline',
};

export const AUDIT_ENTITY_LABELS: Record<AuditEntityType, string> = {
  trip: 'Trips',
  user: 'Members',
  invitation: 'Invitations',
  policy: 'Travel policy',
  booking: 'Bookings',
};

/** An action the API added after this build: its machine name, readable. */
export function describeAction(action: string): string {
  return AUDIT_ACTION_LABELS[action as AuditAction] ?? action.replace(/[._]/g, ' ');
}

/** The event's data in one line: "submitted → rejected · reason: …" (names are shown elsewhere). */
export function summariseData(data: Record<string, unknown>): string {
  const parts: string[] = [];
  if (typeof data.from === 'string' && typeof data.to === 'string') parts.push(`${data.from} → ${data.to}`);
  for (const [key, value] of Object.entries(data)) {
    if (['from', 'to', 'title', 'name', 'email'].includes(key) || value === null || value === undefined) continue;
    parts.push(`${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`);
  }
  return parts.join(' · ');
}

/**
 * A date range picked as calendar days in the user's zone → the API's instants: from the start
 * of the first day to the start of the day after the last (both days included).
 */
export function dayRangeToInstants(fromDay: string, toDay: string): { from?: string; to?: string } {
  const startOf = (day: string) => new Date(`${day}T00:00:00`).toISOString();
  return {
    ...(fromDay ? { from: startOf(fromDay) } : {}),
    ...(toDay ? { to: startOf(addDays(toDay, 1)) } : {}),
  };
}
