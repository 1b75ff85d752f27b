import { DataSource } from 'typeorm';
import { type AppConfig, loadConfig } from '../../src/config/app-config';
import { migrationDataSourceOptions } from '../../src/database/data-source-options';
import { createTestDatabase } from './test-database';

/**
 * Suppliers as PM2 workers build them at boot, each on its own connection pool to one fresh test
 * database: two stand for two workers, one made later for a restart (the sandbox suppliers keep
 * their orders and bookings in PostgreSQL). Call in a describe block; it registers its hooks.
 */
export function supplierWorkers<T>(create: (config: AppConfig, dataSource: DataSource) => T): {
  worker: () => Promise<T>;
  /** Every worker's data source, in order of creation (the first for direct SQL). */
  dataSources: DataSource[];
} {
  const dataSources: DataSource[] = [];
  let url: string;
  const config = loadConfig({
    NODE_ENV: 'test',
    JWT_SECRET: 'j'.repeat(40),
    SESSION_SECRET: 's'.repeat(40),
    DATA_ENCRYPTION_KEY: 'd'.repeat(44),
  }).config;

  beforeAll(async () => {
    ({ url } = await createTestDatabase());
  });
  afterAll(async () => {
    await Promise.all(dataSources.map((dataSource) => dataSource.destroy()));
  });

  const worker = async () => {
    const dataSource = await new DataSource({ ...migrationDataSourceOptions(url), logging: false }).initialize();
    dataSources.push(dataSource);
    return create(config, dataSource);
  };
  return { worker, dataSources };
}
