import { rmSync } from 'node:fs';
import { ADMIN_URL_ENV, dropDatabases, TEMPLATE_ENV } from './test-database';

export default async function globalTeardown(): Promise<void> {
  const embedded = globalThis.__NESTMAP_TEST_PG__;
  if (embedded) {
    await embedded.stop();
    if (embedded.dataDir) rmSync(embedded.dataDir, { recursive: true, force: true });
    return;
  }
  const adminUrl = process.env[ADMIN_URL_ENV];
  const template = process.env[TEMPLATE_ENV];
  if (adminUrl && template) await dropDatabases(adminUrl, template.replace(/_tpl$/, ''));
}
