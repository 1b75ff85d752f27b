import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { embeddedServerUrl } from './embedded-postgres';

/** Which PostgreSQL (postmaster pid) serves a data folder, and on which port. */
export interface EmbeddedServerRecord {
  pid: number;
  port: number;
}

/** `.data/embedded-postgres.json` for the cluster in `.data/postgres`. */
export function recordPath(clusterDir: string): string {
  return join(dirname(clusterDir), 'embedded-postgres.json');
}

export function writeRecord(clusterDir: string, record: EmbeddedServerRecord): void {
  writeFileSync(recordPath(clusterDir), `${JSON.stringify(record)}\n`);
}

export function removeRecord(clusterDir: string): void {
  rmSync(recordPath(clusterDir), { force: true });
}

/** The record when its server process still exists (a synchronous check, for ormconfig.ts). */
export function liveRecord(clusterDir: string): EmbeddedServerRecord | undefined {
  const record = readRecord(clusterDir);
  return record && processExists(record.pid) ? record : undefined;
}

/**
 * The embedded server already running on this data folder, if any: the recorded process must exist
 * and answer on the recorded port. A stale record (crash, reboot, reused pid) is deleted.
 */
export async function findRunningServer(clusterDir: string): Promise<EmbeddedServerRecord | undefined> {
  const record = liveRecord(clusterDir);
  if (record && (await answers(record.port))) return record;
  if (existsSync(recordPath(clusterDir))) removeRecord(clusterDir);
  return undefined;
}

function readRecord(clusterDir: string): EmbeddedServerRecord | undefined {
  try {
    const { pid, port } = JSON.parse(readFileSync(recordPath(clusterDir), 'utf8')) as Partial<EmbeddedServerRecord>;
    return Number.isInteger(pid) && Number.isInteger(port) ? { pid: pid!, port: port! } : undefined;
  } catch {
    return undefined;
  }
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user (the postgres user when we run as root).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function answers(port: number): Promise<boolean> {
  const client = new Client({ connectionString: embeddedServerUrl(port, 'postgres'), connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
