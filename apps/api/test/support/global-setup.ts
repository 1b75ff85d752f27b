import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../src/database/cli/with-database';
import { createDatabaseIfMissing, startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { runMigrations } from '../../src/database/run-migrations';
import { ADMIN_URL_ENV, databaseUrl, TEMPLATE_ENV } from './test-database';

declare global {
  var __NESTMAP_TEST_PG__: { stop(): Promise<void>; dataDir?: string } | undefined;
}

/**
 * Once per `jest` run: a PostgreSQL (DATABASE_URL's server, or an embedded one in a temp folder on
 * a free port) and a template database migrated with the committed migrations.
 */
export default async function globalSetup(): Promise<void> {
  const runId = `nm_e2e_${process.pid}_${Date.now().toString(36)}`;
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const dataDir = mkdtempSync(join(tmpdir(), 'nestmap-test-pg-'));
    const embedded = await startEmbeddedPostgres({
      dataDir,
      port: await freePort(),
      database: 'postgres',
      persistent: false,
    });
    adminUrl = embedded.adminUrl;
    globalThis.__NESTMAP_TEST_PG__ = { stop: embedded.stop, dataDir };
  }
  const template = `${runId}_tpl`;
  await createDatabaseIfMissing(adminUrl, template);
  await runMigrations(databaseUrl(adminUrl, template));
  process.env[ADMIN_URL_ENV] = adminUrl;
  process.env[TEMPLATE_ENV] = template;
}
