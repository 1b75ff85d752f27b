import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createDatabaseIfMissing, quoteIdent } from '../../src/database/embedded-postgres';

/** Set by the global setup for every test worker. */
export const ADMIN_URL_ENV = 'NESTMAP_TEST_ADMIN_URL';
export const TEMPLATE_ENV = 'NESTMAP_TEST_TEMPLATE';

export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * A fresh database for one test file, copied from the migrated template: every file starts from
 * the schema the migrations produce, with no rows, in a few milliseconds.
 */
export async function createTestDatabase(): Promise<{ url: string; name: string }> {
  const adminUrl = process.env[ADMIN_URL_ENV];
  const template = process.env[TEMPLATE_ENV];
  if (!adminUrl || !template) throw new Error('e2e global setup did not run (NESTMAP_TEST_ADMIN_URL missing)');
  const name = `${template.replace(/_tpl$/, '')}_${randomBytes(4).toString('hex')}`;
  await createDatabaseIfMissing(adminUrl, name, template);
  return { url: databaseUrl(adminUrl, name), name };
}

export async function dropDatabases(adminUrl: string, prefix: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [
      `${prefix}%`,
    ]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(datname)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
