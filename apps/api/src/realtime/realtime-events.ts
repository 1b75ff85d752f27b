import type { DomainEvent, EventType } from '../events/event-map';

/** The room of everyone looking at a trip (joined through the trip's `view` check). */
export const tripRoom = (tripId: string) => `trip:${tripId}`;
/** Every connection of one user. */
export const userRoom = (userId: string) => `user:${userId}`;
/** Every connection made with one login session's access tokens. */
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;

/** What one domain event becomes on the wire: where it goes, and the ids (and version) it carries. */
export interface RealtimeMessage {
  rooms: string[];
  data: Record<string, string | number | null | undefined>;
}

type Mapper<K extends EventType> = (event: DomainEvent<K>) => RealtimeMessage;

/** To everyone looking at the trip: they may read the trip and so everything named here. */
const toTrip = (tripId: string, data: RealtimeMessage['data'] = {}): RealtimeMessage => ({
  rooms: [tripRoom(tripId)],
  data: { tripId, ...data },
});

const activity: Mapper<'activity.created' | 'activity.updated' | 'activity.deleted'> = ({ payload }) =>
  toTrip(payload.tripId, { activityId: payload.activityId, version: payload.version });
const tripStep: Mapper<
  `trip.${'submitted' | 'approved' | 'rejected' | 'revised' | 'cancelled' | 'completed' | 'booked' | 'unbooked'}`
> = ({ payload }) => toTrip(payload.tripId, { status: payload.to, version: payload.version });
const booking: Mapper<`booking.${string}` & EventType> = ({ payload }) =>
  toTrip(payload.tripId, { bookingId: payload.bookingId, status: payload.to });
const comment: Mapper<`comment.${'created' | 'updated' | 'deleted'}`> = ({ payload }) =>
  toTrip(payload.tripId, { commentId: payload.commentId, activityId: payload.activityId, version: payload.version });
/** The trip's viewers refresh its people; the colleague added or removed learns it on their own connections. */
const collaborator: Mapper<`collaborator.${'added' | 'updated' | 'removed'}`> = ({ payload }) => ({
  rooms: [tripRoom(payload.tripId), userRoom(payload.userId)],
  data: { tripId: payload.tripId, userId: payload.userId },
});

/**
 * The domain events pushed to clients, each mapped to its rooms and to ids only (clients refetch
 * what they show, through the API's own checks). The socket event's name is the domain event's
 * type. A module adds its events here, one line each (docs/realtime.md § Adding an event).
 */
export const REALTIME_EVENTS: { [K in EventType]?: Mapper<K> } = {
  'activity.created': activity,
  'activity.updated': activity,
  'activity.deleted': activity,
  'activity.reordered': ({ payload }) => toTrip(payload.tripId),
  'trip.updated': ({ payload }) => toTrip(payload.tripId, { version: payload.version }),
  'trip.submitted': tripStep,
  'trip.approved': tripStep,
  'trip.rejected': tripStep,
  'trip.revised': tripStep,
  'trip.cancelled': tripStep,
  'trip.completed': tripStep,
  'trip.booked': tripStep,
  'trip.unbooked': tripStep,
  'trip.deleted': ({ payload }) => toTrip(payload.tripId),
  'booking.requested': booking,
  'booking.approved': booking,
  'booking.rejected': booking,
  'booking.ordering': booking,
  'booking.confirmed': booking,
  'booking.failed': booking,
  'booking.cancellation_quoted': booking,
  'booking.cancelled': booking,
  'booking.changed_by_airline': booking,
  'comment.created': comment,
  'comment.updated': comment,
  'comment.deleted': comment,
  'checklist.updated': ({ payload }) => toTrip(payload.tripId, { itemId: payload.itemId, version: payload.version }),
  'notes.updated': ({ payload }) => toTrip(payload.tripId, { version: payload.version }),
  'collaborator.added': collaborator,
  'collaborator.updated': collaborator,
  'collaborator.removed': collaborator,
  // The recipient's bell refreshes: ids only, the notification itself is read through the API.
  'notification.created': ({ payload }) => ({
    rooms: [userRoom(payload.userId)],
    data: { notificationId: payload.notificationId, tripId: payload.tripId },
  }),
};

/** The message of an event, with what every message carries: the event's id (to drop repeats), who, when. */
export function realtimeMessageOf(event: DomainEvent): RealtimeMessage | undefined {
  const mapper = REALTIME_EVENTS[event.type] as Mapper<EventType> | undefined;
  if (!mapper) return undefined;
  const { rooms, data } = mapper(event);
  return {
    rooms,
    data: { ...data, id: event.id, actorId: event.actor.id, occurredAt: new Date(event.occurredAt).toISOString() },
  };
}
