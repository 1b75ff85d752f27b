import { Injectable, OnModuleInit } from '@nestjs/common';
import { EventHandlers, type EventHandler } from '../events/event-handlers';
import type { EventType, OneOf } from '../events/event-map';
import { REALTIME_EVENTS, realtimeMessageOf, sessionRoom, userRoom } from './realtime-events';
import { RealtimeGateway } from './realtime.gateway';

const EVENTS = [...(Object.keys(REALTIME_EVENTS) as EventType[]), 'user.signed_out'] as const;

/**
 * Pushes domain events to the sockets that may see them, from the outbox (docs/events.md): so only
 * after the change's transaction committed, from whichever API process claimed the event, through the
 * socket.io adapter to every process. At least once: messages carry the event id and clients drop
 * repeats. `user.signed_out` closes the connections of the revoked tokens; a collaborator removed
 * or the travellers edited make the trip's room check who may still be in it.
 */
@Injectable()
export class RealtimePublisher implements EventHandler, OnModuleInit {
  readonly name = 'realtime.publisher'; // stored in outbox rows: never rename
  readonly events = EVENTS;

  constructor(
    private readonly handlers: EventHandlers,
    private readonly gateway: RealtimeGateway,
  ) {}

  onModuleInit(): void {
    this.handlers.subscribe(this);
  }

  async handle(event: OneOf<EventType>): Promise<void> {
    const server = this.gateway.server;
    if (event.type === 'user.signed_out') {
      const { userId, sessionId } = event.payload;
      // The client sees the server close it ("io server disconnect"); its token refresh then fails.
      server.in(sessionId ? sessionRoom(sessionId) : userRoom(userId)).disconnectSockets(true);
      return;
    }
    const message = realtimeMessageOf(event);
    if (message) server.to(message.rooms).emit(event.type, message.data);
    if (event.type === 'collaborator.removed' || event.type === 'trip.updated')
      await this.gateway.recheckTripRoom(event.payload.tripId);
  }
}
