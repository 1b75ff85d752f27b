import { Global, Module } from '@nestjs/common';
import { DomainEvents } from './domain-events';
import { EventHandlers } from './event-handlers';
import { OutboxWorker } from './outbox.worker';

/** Domain events and the transactional outbox that delivers them (and e-mail): docs/events.md. */
@Global()
@Module({
  providers: [EventHandlers, DomainEvents, OutboxWorker],
  exports: [EventHandlers, DomainEvents, OutboxWorker],
})
export class EventsModule {}
