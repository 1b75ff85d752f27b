import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfigOrExit } from './apps/api/src/config/app-config';
import { migrationDataSourceOptions } from './apps/api/src/database/data-source-options';
import { runningEmbeddedDatabaseUrl } from './apps/api/src/database/resolve-database';

/**
 * The DataSource of the TypeORM CLI (`npm run typeorm -- migration:show`, `… migration:revert`).
 * It connects to DATABASE_URL, or to the embedded development PostgreSQL that is running now
 * (started by `npm start`; its port is recorded in .data/embedded-postgres.json).
 * Generating migrations has its own command, `npm run migration:generate -- <Name>`, which diffs
 * against a scratch database instead of your data.
 */
const { config } = loadConfigOrExit();

export default new DataSource(migrationDataSourceOptions(config.databaseUrl ?? runningEmbeddedDatabaseUrl(config)));
