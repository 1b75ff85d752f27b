import { loadConfig } from '../config/app-config';
import { dataSourceOptions, migrationDataSourceOptions } from './data-source-options';

const URL = 'postgres://nestmap@db:5432/nestmap';
const { config } = loadConfig({
  NODE_ENV: 'test',
  DATABASE_URL: URL,
  JWT_SECRET: 'x'.repeat(32),
  SESSION_SECRET: 'y'.repeat(32),
  DATA_ENCRYPTION_KEY: 'z'.repeat(32),
});

describe('data source options', () => {
  it('end a lock wait before the statement timeout, so one locked table cannot hold the whole pool', () => {
    const { extra } = dataSourceOptions(config, URL) as { extra: Record<string, number> };
    expect(extra.lock_timeout).toBe(1000);
    expect(extra.lock_timeout).toBeLessThan(extra.statement_timeout);
  });

  it("never let TypeORM's logger print queries or failing queries, which it prints with their parameters (S23)", () => {
    for (const { logging } of [dataSourceOptions(config, URL), migrationDataSourceOptions(URL)]) {
      const levels = logging === true ? ['all'] : typeof logging === 'string' ? [logging] : logging || [];
      expect(levels).not.toEqual(expect.arrayContaining([expect.stringMatching(/^(all|query|error)$/)]));
    }
  });
});
