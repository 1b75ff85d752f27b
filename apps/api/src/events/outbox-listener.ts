import { Logger } from '@nestjs/common';
import { Client, type ClientConfig } from 'pg';
import { OUTBOX_CHANNEL } from './domain-events';

const RECONNECT_MS = 5_000;

/**
 * A connection of its own (outside the pool) that LISTENs for outbox NOTIFYs and calls `wake` on
 * each, so new work is picked up at its commit instead of at the next poll. When the connection
 * drops it reconnects every few seconds; meanwhile the poll keeps delivering.
 */
export class OutboxListener {
  private readonly logger = new Logger(OutboxListener.name);
  private client?: Client;
  private retry?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly connection: ClientConfig,
    private readonly wake: () => void,
  ) {}

  async start(): Promise<void> {
    const client = new Client({ ...this.connection, query_timeout: undefined, statement_timeout: undefined });
    this.client = client;
    client.on('notification', () => this.wake());
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      // Work committed while no one listened is picked up now, not at the next poll.
      this.wake();
    } catch (error) {
      this.lost(client, error);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    await this.client?.end().catch(() => undefined);
  }

  private lost(client: Client, error?: unknown): void {
    if (this.stopped || client !== this.client) return;
    this.client = undefined;
    this.logger.warn(
      { err: error instanceof Error ? error.message : undefined },
      'outbox LISTEN connection lost; polling until it is back',
    );
    void client.end().catch(() => undefined);
    this.retry = setTimeout(() => void this.start(), RECONNECT_MS);
    this.retry.unref();
  }
}
