import { Inject, Injectable } from '@nestjs/common';
import { Client, type ClientConfig } from 'pg';
import { PRIMARY_CLIENT_CONFIG } from '../common/database/database.module';

/**
 * Asks whether PostgreSQL answers, over a connection of the probe's own. Through the shared pool a
 * probe would wait in the pool's queue and report "down" whenever requests keep the pool busy
 * (say, behind a locked table) while PostgreSQL itself answers fine.
 */
@Injectable()
export class DatabaseProbe {
  constructor(@Inject(PRIMARY_CLIENT_CONFIG) private readonly connection: ClientConfig) {}

  /** True when a new connection opens and `SELECT 1` answers within `timeoutMs`; never throws. */
  async answers(timeoutMs: number): Promise<boolean> {
    const client = new Client({ ...this.connection, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs });
    // A connection lost mid-probe is a failed probe, not an unhandled 'error' event.
    client.on('error', () => undefined);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => (timer = setTimeout(resolve, timeoutMs, false)));
    const answered = client
      .connect()
      .then(() => client.query('SELECT 1'))
      .then(
        () => true,
        () => false,
      );
    try {
      return await Promise.race([answered, timedOut]);
    } finally {
      clearTimeout(timer);
      // end() closes a hung socket at once rather than waiting for it.
      void client.end().catch(() => undefined);
    }
  }
}
