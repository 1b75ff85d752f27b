import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { drainAndClose } from './common/http/connection-drain';
import { initSentry } from './common/observability/sentry';
import { loadConfigOrExit } from './config/app-config';
import { resolveDatabase } from './database/resolve-database';
import { runMigrations } from './database/run-migrations';
import { createApp } from './main';

/**
 * Process entry (`dist/index.js`, also PM2's script): configuration, database, migrations on the
 * embedded default, then serve until SIGINT/SIGTERM, then drain: no request fails (`pm2 reload`).
 */
async function main(): Promise<void> {
  const { config, notices } = loadConfigOrExit();
  const logger = new Logger('Bootstrap');
  if (config.sentryDsn) {
    initSentry({ dsn: config.sentryDsn, environment: config.nodeEnv, release: config.release });
  }
  for (const notice of notices) logger.log(notice);

  const database = await resolveDatabase(config, (line) => logger.log(line));
  if (!config.databaseUrl) {
    const applied = await runMigrations(database.url);
    if (applied.length) logger.log(`Applied migrations: ${applied.join(', ')}`);
  }

  const app = await createApp(config, database.url);
  let stopping = false;
  // The only signal handlers (createApp does not enable Nest's): PM2 stops a worker with SIGINT,
  // and it must drain before anything closes.
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: draining, then finishing in-flight requests`);
    await drainAndClose(app);
    await database.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  logger.log(`NestMap API listening on http://${config.host}:${config.port}/api`);
  // PM2 `wait_ready`: a reload switches traffic only once this worker serves.
  process.send?.('ready');
}

main().catch((error: unknown) => {
  process.stderr.write(
    `nestmap: failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
