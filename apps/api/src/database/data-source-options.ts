import type { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from 'typeorm-naming-strategies';
import type { AppConfig } from '../config/app-config';
import { entities } from './entities';
import { migrations } from './migrations';

const schema = {
  type: 'postgres' as const,
  entities,
  migrations,
  namingStrategy: new SnakeNamingStrategy(),
  // gen_random_uuid() is built into PostgreSQL 13+: no extension (and no superuser) needed.
  uuidExtension: 'pgcrypto' as const,
  installExtensions: false,
  synchronize: false,
};

/**
 * TypeORM options for serving requests. The pool never waits forever: acquiring a connection,
 * and every statement (server- and client-side), have timeouts, so a dead or frozen database
 * turns into a fast 503 instead of a hung request.
 */
export function dataSourceOptions(config: AppConfig, url: string): DataSourceOptions {
  const { database } = config;
  const extra = {
    max: database.poolSize,
    connectionTimeoutMillis: database.connectTimeoutMs,
    idleTimeoutMillis: 10_000,
    statement_timeout: database.statementTimeoutMs,
    query_timeout: database.statementTimeoutMs + 500,
    application_name: 'nestmap-api',
  };
  const ssl = database.ssl ? { rejectUnauthorized: true } : undefined;
  const common = {
    ...schema,
    migrationsRun: false,
    logging: false,
    extra,
    ssl,
  };
  if (database.replicaUrls.length === 0) return { ...common, url };
  return {
    ...common,
    replication: {
      master: { url },
      slaves: database.replicaUrls.map((replica) => ({ url: replica })),
    },
  };
}

/** Options for running migrations: no statement timeout (an index build may take minutes). */
export function migrationDataSourceOptions(url: string): DataSourceOptions {
  return { ...schema, url, migrationsTransactionMode: 'each', logging: ['error', 'migration'] };
}
