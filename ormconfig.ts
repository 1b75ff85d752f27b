import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfigOrExit } from './apps/api/src/config/app-config';
import { migrationDataSourceOptions } from './apps/api/src/database/data-source-options';

/**
 * The DataSource of the TypeORM CLI (`npm run typeorm -- migration:show`, `… migration:revert`).
 * It connects to DATABASE_URL, or to the embedded development PostgreSQL (started by `npm start`).
 * Generating migrations has its own command, `npm run migration:generate -- <Name>`, which diffs
 * against a scratch database instead of your data.
 */
const { config } = loadConfigOrExit();
const embeddedUrl = `postgres://postgres:postgres@127.0.0.1:${config.embeddedPostgres.port}/nestmap`;

export default new DataSource(migrationDataSourceOptions(config.databaseUrl ?? embeddedUrl));
