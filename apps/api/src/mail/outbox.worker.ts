import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { loggableDatabaseError } from '../common/http/database-error';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { OutboxMessage, OutboxStatus } from './outbox-message.entity';
import { MAIL_TRANSPORT, MailTransport } from './transports/mail-transport';

const BATCH_SIZE = 20;
/** How long a claimed message stays invisible to other workers while it is being sent. */
const LEASE_SECONDS = 60;
const MAX_BACKOFF_MS = 60 * 60 * 1000;
/** A provider call that hangs longer than this counts as failed (and is retried later). */
const SEND_TIMEOUT_MS = 15_000;

/**
 * Polling publisher for the transactional outbox. Every API process runs one; a batch is claimed
 * with `FOR UPDATE SKIP LOCKED` plus a lease, so two workers never send the same message at once,
 * and a worker that dies mid-send leaves a lease that expires and the message is sent again
 * (at least once). A failed send is retried with exponential backoff and never deleted.
 */
@Injectable()
export class OutboxWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxWorker.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.logger.log(`e-mail delivery: ${this.transport.name === 'sendgrid' ? 'SendGrid' : 'local outbox (no SENDGRID_API_KEY)'}`);
    this.timer = setInterval(() => void this.deliverDue(), this.config.mail.pollIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Delivers what is due now; returns how many messages were attempted. Never throws. */
  deliverDue(): Promise<number> {
    this.running ??= this.deliverBatch()
      .catch((error: unknown) => {
        this.logger.warn({ err: loggableDatabaseError(error) ?? error }, 'outbox poll failed; will retry');
        return 0;
      })
      .finally(() => (this.running = undefined));
    return this.running;
  }

  private async deliverBatch(): Promise<number> {
    const batch = await this.claim();
    for (const message of batch) await this.deliver(message);
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
        RETURNING id, organization_id, "to", subject, text, html, attempts`,
      [BATCH_SIZE, LEASE_SECONDS],
    );
    return rows.map((row) =>
      Object.assign(new OutboxMessage(), {
        id: row.id,
        organizationId: row.organization_id,
        to: row.to,
        subject: row.subject,
        text: row.text,
        html: row.html,
        attempts: row.attempts,
      }),
    );
  }

  private async deliver(message: OutboxMessage): Promise<void> {
    const repository = this.dataSource.getRepository(OutboxMessage);
    try {
      await withTimeout(this.transport.send(message), SEND_TIMEOUT_MS);
      await repository.update(message.id, {
        status: OutboxStatus.Delivered,
        deliveredAt: new Date(),
        deliveredVia: this.transport.name,
        lockedUntil: null,
        lastError: null,
      });
    } catch (error) {
      const exhausted = message.attempts >= this.config.mail.maxAttempts;
      const backoff = Math.min(this.config.mail.retryBaseMs * 2 ** (message.attempts - 1), MAX_BACKOFF_MS);
      this.logger.warn({ outboxId: message.id, attempts: message.attempts, err: describe(error) }, 'e-mail delivery failed');
      await repository.update(message.id, {
        status: exhausted ? OutboxStatus.Failed : OutboxStatus.Pending,
        nextAttemptAt: new Date(Date.now() + backoff),
        lockedUntil: null,
        lastError: describe(error),
      });
    }
  }
}

/** A provider error as one line: status and message, never the request (it carries the API key). */
function describe(error: unknown): string {
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
