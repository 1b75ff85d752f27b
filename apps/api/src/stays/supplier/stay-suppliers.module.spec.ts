import { Global, Logger, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../config/app-config';
import { ConfigModule } from '../../config/config.module';
import { SandboxStaySupplier } from './sandbox/sandbox-stay-supplier';
import { STAY_SUPPLIER } from './stay-supplier';
import { StaySuppliersModule, createStaySupplier } from './stay-suppliers.module';

const BASE_ENV = {
  NODE_ENV: 'test',
  JWT_SECRET: 'j'.repeat(40),
  SESSION_SECRET: 's'.repeat(40),
  DATA_ENCRYPTION_KEY: 'd'.repeat(44),
};
const dataSource = { getRepository: () => ({}) } as unknown as DataSource;

describe('createStaySupplier', () => {
  it('chooses Duffel Stays when DUFFEL_API_KEY is set, the sandbox otherwise, and logs which without the key', () => {
    const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    const duffel = createStaySupplier(
      loadConfig({ ...BASE_ENV, DUFFEL_API_KEY: 'duffel_test_secret_key' }).config,
      dataSource,
    );
    const sandbox = createStaySupplier(loadConfig(BASE_ENV).config, dataSource);
    expect(duffel.name).toBe('duffel');
    expect(sandbox.name).toBe('sandbox');
    new StaySuppliersModule(duffel).onModuleInit();
    new StaySuppliersModule(sandbox).onModuleInit();
    const lines = log.mock.calls.map(([message]) => String(message));
    expect(lines).toEqual([
      'stay supplier: Duffel Stays',
      'stay supplier: built-in sandbox (no DUFFEL_API_KEY; no booking is real)',
    ]);
    expect(lines.join()).not.toContain('duffel_test_secret_key');
    log.mockRestore();
  });
});

describe('StaySuppliersModule', () => {
  it('provides STAY_SUPPLIER to whoever imports it, from the app config and data source', async () => {
    @Global()
    @Module({ providers: [{ provide: DataSource, useValue: dataSource }], exports: [DataSource] })
    class FakeDatabaseModule {}
    const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(loadConfig(BASE_ENV).config), FakeDatabaseModule, StaySuppliersModule],
    }).compile();
    await moduleRef.init();
    expect(moduleRef.get(STAY_SUPPLIER)).toBeInstanceOf(SandboxStaySupplier);
    await moduleRef.close();
    log.mockRestore();
  });
});

describe('partner stay keys without an adapter (docs/stays.md § Other stay suppliers)', () => {
  it('accepts BOOKING_COM_* and AMADEUS_* and says once, at boot, that they are not used; never the keys', () => {
    const keys = {
      BOOKING_COM_API_KEY: 'bcom_key_value',
      BOOKING_COM_API_SECRET: 'bcom_secret_value',
      AMADEUS_CLIENT_ID: 'amadeus_id_value',
      AMADEUS_CLIENT_SECRET: 'amadeus_secret_value',
    };
    const { config, notices } = loadConfig({ ...BASE_ENV, ...keys });
    expect(notices.filter((notice) => notice.includes('Booking.com'))).toEqual([
      'BOOKING_COM_API_KEY/BOOKING_COM_API_SECRET set, but NestMap has no Booking.com adapter yet (docs/stays.md § Other stay suppliers): they are not used',
    ]);
    expect(notices.filter((notice) => notice.includes('Amadeus'))).toHaveLength(1);
    expect(notices.join()).not.toMatch(/_value/);
    expect(createStaySupplier(config, dataSource).name).toBe('sandbox');
    expect(loadConfig(BASE_ENV).notices.join()).not.toMatch(/Booking\.com|Amadeus/);
  });
});
