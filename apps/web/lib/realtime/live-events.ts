import { bookingKeys } from '../api/bookings';
import { collaborationKeys } from '../api/collaboration';
import { tripKeys } from '../api/trips';

/** What the API pushes for a domain event (docs/realtime.md): ids and versions, never content. */
export interface LiveEvent {
  id: string;
  tripId: string;
  actorId: string;
  occurredAt: string;
  activityId?: string;
  bookingId?: string;
  commentId?: string;
  itemId?: string;
  version?: number;
  status?: string;
}

export interface Viewer {
  id: string;
  name: string;
}

/** The queries an event makes stale: the page refetches them (through the API's own checks). */
export function staleQueriesOf(name: string, event: LiveEvent): (readonly unknown[])[] {
  const [kind] = name.split('.');
  if (kind === 'activity') return [tripKeys.itinerary(event.tripId)];
  // A booking's confirmation also adds its flights to the itinerary and may book the trip.
  if (kind === 'booking')
    return [bookingKeys.trip(event.tripId), tripKeys.detail(event.tripId), tripKeys.itinerary(event.tripId)];
  if (kind === 'trip') return [tripKeys.detail(event.tripId)];
  if (kind === 'comment') return [collaborationKeys.comments(event.tripId)];
  if (kind === 'checklist') return [collaborationKeys.checklist(event.tripId)];
  if (kind === 'notes') return [collaborationKeys.notes(event.tripId)];
  if (kind === 'collaborator') return [collaborationKeys.collaborators(event.tripId), tripKeys.detail(event.tripId)];
  return [];
}

/** Reconnection: 1 s, doubling up to 30 s, ±50 % so a restarted server is not hit by every tab at once. */
export const RECONNECT = { reconnectionDelay: 1000, reconnectionDelayMax: 30_000, randomizationFactor: 0.5 };

/** Initials for a presence avatar: "Ada Lovelace" → "AL". */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  return ((words[0]?.[0] ?? '') + (words.length > 1 ? (words.at(-1)?.[0] ?? '') : '')).toUpperCase() || '?';
}
