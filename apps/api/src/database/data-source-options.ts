import type { ClientConfig } from 'pg';
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

const APPLICATION_NAME = 'nestmap-api';

/**
 * TypeORM options for serving requests. The pool never waits forever: acquiring a connection,
 * and every statement (server- and client-side), have timeouts, so a dead or frozen database
 * turns into a fast 503 instead of a hung request. Waiting for a lock ends sooner still
 * (`lock_timeout`), so requests stuck behind one locked table cannot hold the whole pool.
 */
export function dataSourceOptions(config: AppConfig, url: string): DataSourceOptions {
  const { database } = config;
  const extra = {
    max: database.poolSize,
    connectionTimeoutMillis: database.connectTimeoutMs,
    idleTimeoutMillis: 10_000,
    statement_timeout: database.statementTimeoutMs,
    lock_timeout: database.lockTimeoutMs,
    query_timeout: database.statementTimeoutMs + 500,
    application_name: APPLICATION_NAME,
  };
  const ssl = sslOptions(config);
  const common = {
    ...schema,
    migrationsRun: false,
    // TypeORM's logger would print failing queries with their parameters; errors are logged by the exception filter.
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

/**
 * How to reach the primary with a connection of its own, outside the pool (the health probe):
 * the same server, TLS and application name.
 */
export function primaryClientConfig(config: AppConfig, url: string): ClientConfig {
  return { connectionString: url, ssl: sslOptions(config), application_name: APPLICATION_NAME };
}

/**
 * Options for running migrations: no statement timeout (an index build may take minutes). Failing
 * queries are not logged (TypeORM would print their parameters); the thrown error reports them.
 */
export function migrationDataSourceOptions(url: string): DataSourceOptions {
  return { ...schema, url, migrationsTransactionMode: 'each', logging: ['migration'] };
}

function sslOptions(config: AppConfig): { rejectUnauthorized: true } | undefined {
  return config.database.ssl ? { rejectUnauthorized: true } : undefined;
}
