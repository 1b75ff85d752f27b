import { DataSource } from 'typeorm';
import { migrationDataSourceOptions } from './data-source-options';

/** Runs pending migrations with a short-lived connection; returns the names it applied. */
export async function runMigrations(url: string): Promise<string[]> {
  const dataSource = await new DataSource(migrationDataSourceOptions(url)).initialize();
  try {
    const applied = await dataSource.runMigrations();
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}
