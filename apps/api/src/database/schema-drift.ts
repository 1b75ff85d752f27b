import { DataSource } from 'typeorm';
import { migrationDataSourceOptions } from './data-source-options';

export interface SchemaDrift {
  up: string[];
  down: string[];
}

/**
 * Runs the committed migrations, then asks TypeORM what SQL would make the database match the
 * entities. Empty means entities and migrations agree.
 */
export async function schemaDrift(url: string): Promise<SchemaDrift> {
  const dataSource = await new DataSource({ ...migrationDataSourceOptions(url), logging: false }).initialize();
  try {
    await dataSource.runMigrations();
    const sql = await dataSource.driver.createSchemaBuilder().log();
    const render = (q: { query: string; parameters?: unknown[] }) =>
      q.parameters?.length ? `${q.query} -- ${JSON.stringify(q.parameters)}` : q.query;
    return { up: sql.upQueries.map(render), down: sql.downQueries.map(render).reverse() };
  } finally {
    await dataSource.destroy();
  }
}
