import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { ClientConfig } from 'pg';
import { DataSource } from 'typeorm';
import { PRIMARY_CLIENT_CONFIG } from '../common/database/database.module';
import { TransactionRunner } from '../common/database/transaction-runner';
import { loggableDatabaseError } from '../common/database/database-error';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { DomainEvent, EventActor, EventType, OneOf } from './event-map';
import { EventHandlers } from './event-handlers';
import { OutboxListener } from './outbox-listener';
import { MAIL_TOPIC, OutboxMessage, OutboxStatus } from './outbox-message.entity';

const BATCH_SIZE = 20;
/** Rows of a batch worked on at once: a slow e-mail provider or handler holds up only its own lane. */
const LANES = 4;
/** How long a claimed row stays invisible to other workers while it is being worked on. */
const LEASE_SECONDS = 60;
const MAX_BACKOFF_MS = 60 * 60 * 1000;
/** A provider call that hangs longer than this counts as failed (and is retried later). */
const SEND_TIMEOUT_MS = 15_000;

/** The row was claimed again by another worker after this one's lease ran out: its result is void. */
class LeaseLostError extends Error {}

/**
 * Delivers the transactional outbox: e-mail through the mail sender, domain events to their
 * handlers. Every API process runs one; a batch is claimed with `FOR UPDATE SKIP LOCKED` plus a
 * lease, so two workers never work on the same row at once, and a worker that dies mid-work leaves
 * a lease that expires and the row is worked on again (at least once). Each row belongs to one
 * handler, so a failing handler is retried with exponential backoff on its own rows and never holds
 * up another's; rows are never deleted (`failed` after MAIL_MAX_ATTEMPTS). The worker wakes on the
 * NOTIFY sent at commit (`OutboxListener`) and polls every MAIL_POLL_INTERVAL_MS as a fallback.
 */
@Injectable()
export class OutboxWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxWorker.name);
  private timer?: NodeJS.Timeout;
  private listener?: OutboxListener;
  private running?: Promise<number>;
  /** Woken while a batch ran: run again once it ends, the new rows may not have been claimed. */
  private wokenMeanwhile = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly db: TransactionRunner,
    private readonly handlers: EventHandlers,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PRIMARY_CLIENT_CONFIG) private readonly connection: ClientConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.wake(), this.config.mail.pollIntervalMs);
    this.timer.unref();
    if (this.config.outbox.listen) {
      this.listener = new OutboxListener(this.connection, () => this.wake());
      void this.listener.start();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.listener?.stop();
    await this.running;
  }

  /** Delivers one batch of what is due now; returns how many rows were attempted. Never throws. */
  deliverDue(): Promise<number> {
    this.running ??= this.deliverBatch()
      .catch((error: unknown) => {
        this.logger.warn({ err: loggableDatabaseError(error) ?? error }, 'outbox poll failed; will retry');
        return 0;
      })
      .finally(() => (this.running = undefined));
    return this.running;
  }

  /** Delivers batches until the outbox has nothing due (or a batch fails). */
  private wake(): void {
    if (this.running) {
      this.wokenMeanwhile = true;
      return;
    }
    this.wokenMeanwhile = false;
    void this.deliverDue().then((attempted) => {
      if (attempted === BATCH_SIZE || this.wokenMeanwhile) this.wake();
    });
  }

  private async deliverBatch(): Promise<number> {
    const batch = await this.claim();
    let next = 0;
    const lane = async () => {
      while (next < batch.length) await this.deliver(batch[next++]);
    };
    await Promise.all(Array.from({ length: Math.min(LANES, batch.length) }, lane));
    return batch.length;
  }

  private async claim(): Promise<OutboxMessage[]> {
    // TypeORM returns [rows, affectedCount] for an UPDATE … RETURNING.
    const [rows]: [Record<string, unknown>[], number] = await this.dataSource.query(
      `UPDATE outbox_messages SET locked_until = now() + make_interval(secs => $2), attempts = attempts + 1
        WHERE id IN (
          SELECT id FROM outbox_messages
           WHERE status = 'pending' AND next_attempt_at <= now() AND (locked_until IS NULL OR locked_until < now())
           ORDER BY next_attempt_at
           LIMIT $1
           FOR UPDATE SKIP LOCKED)
        RETURNING id, organization_id, topic, handler, event_id, payload, "to", subject, text, html, attempts, created_at`,
      [BATCH_SIZE, LEASE_SECONDS],
    );
    return rows.map((row) =>
      Object.assign(new OutboxMessage(), {
        id: row.id,
        organizationId: row.organization_id,
        topic: row.topic,
        handler: row.handler,
        eventId: row.event_id,
        payload: row.payload,
        to: row.to,
        subject: row.subject,
        text: row.text,
        html: row.html,
        attempts: row.attempts,
        createdAt: row.created_at,
      }),
    );
  }

  private async deliver(message: OutboxMessage): Promise<void> {
    try {
      if (message.topic === MAIL_TOPIC) await this.send(message);
      else await this.handle(message);
    } catch (error) {
      if (error instanceof LeaseLostError) {
        this.logger.warn(
          { outboxId: message.id, handler: message.handler },
          'outbox lease ran out mid-work; the row was claimed again',
        );
        return;
      }
      await this.failed(message, error);
    }
  }

  private async send(message: OutboxMessage): Promise<void> {
    const sender = this.handlers.mailSender;
    const { id, to, subject, text, html } = message;
    await withTimeout(
      sender.send({ id, to: to as string, subject: subject as string, text: text as string, html }),
      SEND_TIMEOUT_MS,
    );
    await this.markDelivered(this.dataSource.manager, message, sender.name);
  }

  /**
   * Runs the handler in a transaction that also marks its row delivered, so what the handler
   * writes through the TransactionRunner commits exactly once with that mark.
   */
  private async handle(message: OutboxMessage): Promise<void> {
    const handler = this.handlers.get(message.handler);
    if (!handler) throw new Error(`No event handler named ${message.handler} is subscribed`);
    await this.db.run(async (manager) => {
      await handler.handle(eventOf(message));
      await this.markDelivered(manager, message, null);
    });
  }

  /** Fenced by the attempt count the claim set: a row claimed again since is not ours to mark. */
  private async markDelivered(
    manager: DataSource['manager'],
    message: OutboxMessage,
    deliveredVia: string | null,
  ): Promise<void> {
    const [, affected]: [unknown, number] = await manager.query(
      `UPDATE outbox_messages SET status = 'delivered', delivered_at = now(), delivered_via = $3, locked_until = NULL, last_error = NULL
        WHERE id = $1 AND attempts = $2 AND status = 'pending'`,
      [message.id, message.attempts, deliveredVia],
    );
    if (affected !== 1) throw new LeaseLostError();
  }

  private async failed(message: OutboxMessage, error: unknown): Promise<void> {
    const exhausted = message.attempts >= this.config.mail.maxAttempts;
    const backoff = Math.min(this.config.mail.retryBaseMs * 2 ** (message.attempts - 1), MAX_BACKOFF_MS);
    const what =
      message.topic === MAIL_TOPIC
        ? 'e-mail delivery failed'
        : `event handler ${message.handler} failed on ${message.topic}`;
    this.logger.warn({ outboxId: message.id, attempts: message.attempts, err: describe(error) }, what);
    try {
      await this.dataSource.query(
        `UPDATE outbox_messages SET status = $3, next_attempt_at = now() + make_interval(secs => $4), locked_until = NULL, last_error = $5
          WHERE id = $1 AND attempts = $2 AND status = 'pending'`,
        [
          message.id,
          message.attempts,
          exhausted ? OutboxStatus.Failed : OutboxStatus.Pending,
          backoff / 1000,
          describe(error),
        ],
      );
    } catch (recordError) {
      // The lease runs out and the row is tried again: nothing is lost.
      this.logger.warn(
        { outboxId: message.id, err: loggableDatabaseError(recordError) ?? recordError },
        'could not record an outbox failure',
      );
    }
  }
}

function eventOf(message: OutboxMessage): OneOf<EventType> {
  const { actor, data } = message.payload as { actor: EventActor; data: never };
  return {
    id: message.eventId as string,
    type: message.topic as EventType,
    organizationId: message.organizationId as string,
    actor,
    occurredAt: message.createdAt,
    payload: data,
  } satisfies DomainEvent as OneOf<EventType>;
}

/**
 * An error as one line: status and message, never a provider's request (it carries the API key),
 * and for a database error only its SQLSTATE, table, column and constraint (messages quote values).
 */
function describe(error: unknown): string {
  const database = loggableDatabaseError(error);
  if (database) return `database error ${Object.values(database).join(' ')}`;
  const status = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  return (typeof status === 'number' ? `${status} ` : '') + message.slice(0, 500);
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
