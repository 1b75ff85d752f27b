import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { ConfigError, loadConfig } from '../../config/app-config';
import { FlightSuppliersModule, createFlightSupplier } from './flight-suppliers.module';

const BASE_ENV = {
  NODE_ENV: 'test',
  JWT_SECRET: 'j'.repeat(40),
  SESSION_SECRET: 's'.repeat(40),
  DATA_ENCRYPTION_KEY: 'd'.repeat(44),
};
const dataSource = { getRepository: () => ({}) } as unknown as DataSource;

describe('flight supplier configuration', () => {
  it('reads DUFFEL_API_KEY, DUFFEL_BASE_URL and the supplier timeout', () => {
    const { config } = loadConfig({
      ...BASE_ENV,
      DUFFEL_API_KEY: 'duffel_test_abc',
      DUFFEL_BASE_URL: 'http://127.0.0.1:9999/duffel',
      FLIGHT_SUPPLIER_TIMEOUT_MS: '4000',
    });
    expect(config.flights).toEqual({
      duffelApiKey: 'duffel_test_abc',
      duffelBaseUrl: 'http://127.0.0.1:9999/duffel',
      supplierTimeoutMs: 4000,
    });
    expect(loadConfig(BASE_ENV).config.flights).toEqual({
      duffelApiKey: undefined,
      duffelBaseUrl: undefined,
      supplierTimeoutMs: 30_000,
    });
  });

  it('refuses a DUFFEL_BASE_URL that is not http(s), and a timeout that is not a number', () => {
    expect(() => loadConfig({ ...BASE_ENV, DUFFEL_BASE_URL: 'ftp://duffel.example' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...BASE_ENV, DUFFEL_BASE_URL: 'not a url' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...BASE_ENV, FLIGHT_SUPPLIER_TIMEOUT_MS: 'soon' })).toThrow(ConfigError);
  });

  it('warns at a production boot without a key that no booking is real', () => {
    const production = {
      ...BASE_ENV,
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://db/nestmap',
      DATA_ENCRYPTION_KEY: 'k'.repeat(44),
    };
    expect(loadConfig(production).notices).toContain(
      'DUFFEL_API_KEY not set: flights come from the built-in sandbox, and no booking is real',
    );
    expect(loadConfig({ ...production, DUFFEL_API_KEY: 'duffel_live_x' }).notices.join()).not.toMatch(/DUFFEL/);
  });
});

describe('createFlightSupplier', () => {
  it('chooses Duffel when a key is set, the sandbox otherwise, and logs which without the key', () => {
    const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    const duffel = createFlightSupplier(
      loadConfig({ ...BASE_ENV, DUFFEL_API_KEY: 'duffel_test_secret_key' }).config,
      dataSource,
    );
    const sandbox = createFlightSupplier(loadConfig(BASE_ENV).config, dataSource);
    expect(duffel.name).toBe('duffel');
    expect(sandbox.name).toBe('sandbox');
    new FlightSuppliersModule(duffel).onModuleInit();
    new FlightSuppliersModule(sandbox).onModuleInit();
    const lines = log.mock.calls.map(([message]) => String(message));
    expect(lines).toEqual([
      'flight supplier: Duffel',
      'flight supplier: built-in sandbox (no DUFFEL_API_KEY; no booking is real)',
    ]);
    expect(lines.join()).not.toContain('duffel_test_secret_key');
    log.mockRestore();
  });
});
