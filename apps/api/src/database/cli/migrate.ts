import { loadConfigOrExit } from '../../config/app-config';
import { resolveDatabase } from '../resolve-database';
import { runMigrations } from '../run-migrations';
import { runCli } from './run-cli';

/** `npm run db:push`: applies pending migrations to DATABASE_URL (or the embedded database). */
async function main(): Promise<void> {
  const { config } = loadConfigOrExit();
  const database = await resolveDatabase(config, (line) => process.stderr.write(`${line}\n`));
  try {
    const applied = await runMigrations(database.url);
    process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'No pending migrations.\n');
  } finally {
    await database.stop();
  }
}

runCli('db:push', main);
