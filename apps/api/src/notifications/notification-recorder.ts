import { Injectable, OnModuleInit } from '@nestjs/common';
import type { AuthContext } from '../common/auth/auth-context';
import { DomainEvents } from '../events/domain-events';
import { contextOf, type OneOf } from '../events/event-map';
import { EventHandlers } from '../events/event-handlers';
import { UsersRepository } from '../users/users.repository';
import type { NewNotification } from './notifications.repository';
import { NotificationsRepository } from './notifications.repository';

const EVENTS = [
  'trip.submitted',
  'trip.approved',
  'trip.rejected',
  'booking.requested',
  'booking.approved',
  'booking.rejected',
  'booking.changed_by_airline',
  'comment.created',
  'comment.updated',
  'checklist.updated',
  'collaborator.added',
] as const;

type Event = OneOf<(typeof EVENTS)[number]>;

const tripLink = (tripId: string) => `/trips/${tripId}`;

/**
 * The in-app notification centre's writer (docs/collaboration.md): turns the events that ask
 * someone to act or tell them of a decision into one notification per person, and publishes
 * `notification.created` for the realtime transport. The e-mails stay as they are (`TripNotifier`,
 * `BookingNotifier`): they reach people who are not online. Never notifies the actor themselves.
 */
@Injectable()
export class NotificationRecorder implements OnModuleInit {
  /** Stored in outbox rows: never rename. */
  readonly name = 'notifications.recorder';
  readonly events = EVENTS;

  constructor(
    private readonly handlers: EventHandlers,
    private readonly notifications: NotificationsRepository,
    private readonly users: UsersRepository,
    private readonly domainEvents: DomainEvents,
  ) {}

  onModuleInit(): void {
    this.handlers.subscribe(this);
  }

  async handle(event: Event): Promise<void> {
    const ctx = contextOf(event);
    const target = await this.targetOf(ctx, event);
    if (!target) return;
    const recipients = target.userIds.filter((userId) => userId !== event.actor.id);
    const written = await this.notifications.record(ctx, event.id, recipients, target.notification);
    for (const { id, userId } of written) {
      await this.domainEvents.publish(ctx, 'notification.created', {
        notificationId: id,
        userId,
        kind: target.notification.kind,
        tripId: target.notification.tripId,
      });
    }
  }

  private async targetOf(
    ctx: AuthContext,
    event: Event,
  ): Promise<{ userIds: string[]; notification: NewNotification } | null> {
    switch (event.type) {
      case 'trip.submitted': {
        const trip = event.payload;
        if (trip.automatic) return null;
        const approvers = (await this.users.listApprovers(ctx)).map((user) => user.id);
        return {
          userIds: approvers.filter((id) => id !== trip.travellerId),
          notification: onTrip('approval_requested', `"${trip.title}" waits for your approval`, trip.tripId),
        };
      }
      case 'trip.approved':
      case 'trip.rejected': {
        const trip = event.payload;
        const outcome = event.type === 'trip.approved' ? 'approved' : 'rejected';
        return {
          userIds: [trip.travellerId],
          notification: onTrip('decision', `Your trip "${trip.title}" was ${outcome}`, trip.tripId),
        };
      }
      case 'booking.requested': {
        const booking = event.payload;
        const flying = [booking.bookerId, ...booking.passengerIds];
        const approvers = (await this.users.listApprovers(ctx)).map((user) => user.id);
        return {
          userIds: approvers.filter((id) => !flying.includes(id)),
          notification: onTrip(
            'approval_requested',
            `A booking for "${booking.tripTitle}" waits for your approval`,
            booking.tripId,
          ),
        };
      }
      case 'booking.approved':
      case 'booking.rejected': {
        const booking = event.payload;
        const outcome = event.type === 'booking.approved' ? 'approved' : 'rejected';
        return {
          userIds: [booking.bookerId],
          notification: onTrip('decision', `Your booking for "${booking.tripTitle}" was ${outcome}`, booking.tripId),
        };
      }
      case 'booking.changed_by_airline': {
        const booking = event.payload;
        return {
          userIds: [booking.bookerId, ...booking.passengerIds],
          notification: onTrip(
            'airline_change',
            `The airline changed a flight of "${booking.tripTitle}"`,
            booking.tripId,
          ),
        };
      }
      case 'comment.created':
      case 'comment.updated': {
        const comment = event.payload;
        if (comment.newMentionIds.length === 0) return null;
        const author = await this.users.getById(ctx, comment.authorId);
        return {
          userIds: comment.newMentionIds,
          notification: onTrip('mention', `${author.name} mentioned you on "${comment.tripTitle}"`, comment.tripId),
        };
      }
      case 'checklist.updated': {
        const item = event.payload;
        if (!item.assignedTo) return null;
        return {
          userIds: [item.assignedTo],
          notification: onTrip('assignment', `You were assigned "${item.title}" on "${item.tripTitle}"`, item.tripId),
        };
      }
      case 'collaborator.added': {
        const added = event.payload;
        const role = added.role === 'editor' ? 'to plan with you' : 'with you';
        return {
          userIds: [added.userId],
          notification: onTrip('shared', `"${added.tripTitle}" was shared ${role}`, added.tripId),
        };
      }
    }
  }
}

function onTrip(kind: NewNotification['kind'], title: string, tripId: string): NewNotification {
  return { kind, title, link: tripLink(tripId), tripId };
}
