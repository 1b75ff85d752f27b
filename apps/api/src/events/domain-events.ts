import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuthContext } from '../common/auth/auth-context';
import { TransactionRunner } from '../common/database/transaction-runner';
import type { EventMap, EventType } from './event-map';
import { EventHandlers } from './event-handlers';

/** Channel the outbox worker LISTENs on; a NOTIFY sent in a transaction is delivered at its commit. */
export const OUTBOX_CHANNEL = 'nestmap_outbox';

/** Wakes the outbox workers when the surrounding transaction commits (nothing if it rolls back). */
export async function notifyOutbox(manager: EntityManager): Promise<void> {
  await manager.query("SELECT pg_notify($1, '')", [OUTBOX_CHANNEL]);
}

/**
 * Publishes domain events from a use case. It must run inside the use case's transaction
 * (TransactionRunner.run): the event is one outbox row per subscribed handler, written with the
 * change, so it exists exactly when the change committed — never for a rolled-back change, never
 * lost after a committed one. An event nobody subscribes to writes nothing.
 */
@Injectable()
export class DomainEvents {
  constructor(
    private readonly db: TransactionRunner,
    private readonly handlers: EventHandlers,
  ) {}

  async publish<T extends EventType>(ctx: AuthContext, type: T, payload: EventMap[T]): Promise<void> {
    const manager = this.db.manager;
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error(`${type} was published outside a transaction; publish inside TransactionRunner.run`);
    }
    const handlers = this.handlers.namesFor(type);
    if (handlers.length === 0) return;
    // One statement: a row per handler, and the NOTIFY (PostgreSQL folds repeats within a transaction).
    await manager.query(
      `WITH queued AS (
         INSERT INTO outbox_messages (organization_id, topic, handler, event_id, payload)
         SELECT $1, $2, handler, $3, $4 FROM unnest($5::varchar[]) AS handler
         RETURNING 1)
       SELECT pg_notify($6, '') FROM queued LIMIT 1`,
      [
        ctx.organizationId,
        type,
        randomUUID(),
        { actor: { id: ctx.userId, role: ctx.role }, data: payload },
        handlers,
        OUTBOX_CHANNEL,
      ],
    );
  }
}
