import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfigOrExit } from '../../config/app-config';
import { startEmbeddedPostgres } from '../embedded-postgres';
import { freePort } from '../ports';

// Kept here for the benchmark script and the e2e set-up, which import it from this module.
export { freePort };

/**
 * Runs `work` against DATABASE_URL when set, else against a throwaway embedded PostgreSQL
 * (fresh folder, free port), so tooling never touches a developer's data by surprise.
 */
export async function withScratchDatabase<T>(work: (url: string) => Promise<T>): Promise<T> {
  const { config } = loadConfigOrExit();
  if (config.databaseUrl) return work(config.databaseUrl);
  const dataDir = mkdtempSync(join(tmpdir(), 'nestmap-pg-'));
  const embedded = await startEmbeddedPostgres({
    dataDir,
    port: await freePort(),
    database: 'nestmap',
    persistent: false,
  });
  try {
    return await work(embedded.url);
  } finally {
    await embedded.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
