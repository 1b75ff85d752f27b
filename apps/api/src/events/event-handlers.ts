import { Injectable } from '@nestjs/common';
import type { EventType, OneOf } from './event-map';
import type { QueuedMail } from './outbox-message.entity';

/**
 * Reacts to domain events. The outbox worker calls `handle` at least once per event, inside a
 * transaction that also marks the handler's outbox row done: side effects written through the
 * TransactionRunner (repositories) commit exactly when the row is marked, so a redelivery after a
 * crash repeats nothing that was committed. Side effects outside the database (a push to clients)
 * may repeat: make them idempotent on `event.id`.
 */
export interface EventHandler<T extends EventType = EventType> {
  /** Stored in every outbox row queued for this handler: renaming it orphans the pending ones. */
  readonly name: string;
  readonly events: readonly T[];
  handle(event: OneOf<T>): Promise<void>;
}

/** Sends a queued e-mail, outside any transaction (a provider call must not hold one open). */
export interface MailSender {
  /** Recorded as `delivered_via`. */
  readonly name: string;
  send(mail: QueuedMail): Promise<void>;
}

/**
 * The subscription point for domain events: any module registers its handlers here at start-up
 * (`onModuleInit`), and from then on every published event of their types is queued for them.
 * Today: the audit recorder (audit/), the trip and booking e-mail notifiers, the realtime publisher
 * (realtime/).
 */
@Injectable()
export class EventHandlers {
  private readonly byName = new Map<string, EventHandler>();
  private readonly byType = new Map<EventType, string[]>();
  private sender?: MailSender;

  subscribe<T extends EventType>(handler: EventHandler<T>): void {
    if (this.byName.has(handler.name)) throw new Error(`An event handler named ${handler.name} is already subscribed`);
    this.byName.set(handler.name, handler as unknown as EventHandler);
    for (const type of handler.events) this.byType.set(type, [...(this.byType.get(type) ?? []), handler.name]);
  }

  /** The names of the handlers an event of `type` is queued for. */
  namesFor(type: EventType): readonly string[] {
    return this.byType.get(type) ?? [];
  }

  get(name: string): EventHandler | undefined {
    return this.byName.get(name);
  }

  useMailSender(sender: MailSender): void {
    this.sender = sender;
  }

  get mailSender(): MailSender {
    if (!this.sender) throw new Error('No mail sender registered (MailModule registers one)');
    return this.sender;
  }
}
