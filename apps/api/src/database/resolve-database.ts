import type { AppConfig } from '../config/app-config';
import { createDatabaseIfMissing, embeddedServerUrl, startEmbeddedPostgres } from './embedded-postgres';
import { findRunningServer, liveRecord, recordPath, removeRecord, writeRecord } from './embedded-server-record';
import { choosePort } from './ports';

export interface ResolvedDatabase {
  url: string;
  /** Stops the embedded server when this process started one; a no-op otherwise. */
  stop(): Promise<void>;
}

const DATABASE = 'nestmap';

/**
 * DATABASE_URL when set; otherwise the embedded PostgreSQL in the git-ignored data folder: the one
 * already running there (`npm start` while `npm run db:seed`), or a new one on the configured port,
 * or on a free port when that is taken. The port in use is recorded beside the data folder.
 */
export async function resolveDatabase(
  config: AppConfig,
  log: (line: string) => void = () => undefined,
): Promise<ResolvedDatabase> {
  if (config.databaseUrl) return { url: config.databaseUrl, stop: async () => undefined };
  const { dataDir, port: preferredPort } = config.embeddedPostgres;
  const running = await findRunningServer(dataDir);
  if (running) {
    log(`Using the embedded PostgreSQL already running on 127.0.0.1:${running.port} (pid ${running.pid})`);
    await createDatabaseIfMissing(embeddedServerUrl(running.port, 'postgres'), DATABASE);
    return { url: embeddedServerUrl(running.port, DATABASE), stop: async () => undefined };
  }
  const port = await choosePort(preferredPort);
  const embedded = await startEmbeddedPostgres({ dataDir, port, database: DATABASE, persistent: true });
  writeRecord(dataDir, { pid: embedded.pid, port });
  const taken = port === preferredPort ? '' : ` (port ${preferredPort} is taken)`;
  log(`Embedded PostgreSQL on 127.0.0.1:${port}${taken}, data in ${dataDir}, port recorded in ${recordPath(dataDir)}`);
  return {
    url: embedded.url,
    stop: async () => {
      removeRecord(dataDir);
      await embedded.stop();
    },
  };
}

/** For tools that cannot wait (ormconfig.ts): the URL of the embedded server running now. */
export function runningEmbeddedDatabaseUrl(config: AppConfig): string {
  const record = liveRecord(config.embeddedPostgres.dataDir);
  if (!record) {
    throw new Error(
      `No embedded PostgreSQL is running for ${config.embeddedPostgres.dataDir}: start it with "npm start", or set DATABASE_URL`,
    );
  }
  return embeddedServerUrl(record.port, DATABASE);
}
