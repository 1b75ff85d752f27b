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
      'stay supplier: built-in sandbox (no stay supplier keys; no booking is real)',
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

const BOOKING_COM = {
  BOOKING_COM_API_KEY: 'bcom_key_value',
  BOOKING_COM_AFFILIATE_ID: '1234567',
};
const AMADEUS = { AMADEUS_CLIENT_ID: 'amadeus_id_value', AMADEUS_CLIENT_SECRET: 'amadeus_secret_value' };

describe('choosing the stay supplier (docs/stays.md § Which supplier)', () => {
  const chosen = (env: Record<string, string>) =>
    createStaySupplier(loadConfig({ ...BASE_ENV, ...env }).config, dataSource).name;

  it('unset STAY_SUPPLIER: Duffel, else Booking.com, else the sandbox, by the keys present; Amadeus only when named', () => {
    expect(chosen({ DUFFEL_API_KEY: 'duffel_test_x', ...BOOKING_COM, ...AMADEUS })).toBe('duffel');
    expect(chosen({ ...BOOKING_COM, ...AMADEUS })).toBe('booking_com');
    expect(chosen(AMADEUS)).toBe('sandbox');
    expect(chosen({})).toBe('sandbox');
  });

  it('STAY_SUPPLIER names one, whose keys must be set', () => {
    expect(chosen({ STAY_SUPPLIER: 'amadeus', ...AMADEUS, ...BOOKING_COM })).toBe('amadeus');
    expect(chosen({ STAY_SUPPLIER: 'sandbox', DUFFEL_API_KEY: 'duffel_test_x' })).toBe('sandbox');
    expect(chosen({ STAY_SUPPLIER: 'booking_com', DUFFEL_API_KEY: 'duffel_test_x', ...BOOKING_COM })).toBe(
      'booking_com',
    );
    expect(() => loadConfig({ ...BASE_ENV, STAY_SUPPLIER: 'booking_com' })).toThrow(
      'STAY_SUPPLIER=booking_com needs BOOKING_COM_API_KEY',
    );
    expect(() => loadConfig({ ...BASE_ENV, STAY_SUPPLIER: 'expedia' })).toThrow(
      'STAY_SUPPLIER must be one of sandbox, duffel, booking_com, amadeus (got "expedia")',
    );
  });

  it('fails fast, in one line, on a Booking.com key without its affiliate id, or half the Amadeus credentials', () => {
    expect(() => loadConfig({ ...BASE_ENV, BOOKING_COM_API_KEY: 'bcom_key_value' })).toThrow(
      'BOOKING_COM_AFFILIATE_ID is required with BOOKING_COM_API_KEY',
    );
    expect(() => loadConfig({ ...BASE_ENV, AMADEUS_CLIENT_ID: 'amadeus_id_value' })).toThrow(
      'AMADEUS_CLIENT_ID and AMADEUS_CLIENT_SECRET go together',
    );
  });

  it('reads Booking.com’s settings (production URL by default) and says once that its secret is not used; never the keys', () => {
    const { config, notices } = loadConfig({
      ...BASE_ENV,
      ...BOOKING_COM,
      BOOKING_COM_API_SECRET: 'bcom_secret_value',
    });
    expect(config.stays.bookingCom).toEqual({
      apiKey: 'bcom_key_value',
      affiliateId: '1234567',
      baseUrl: 'https://demandapi.booking.com/3.1',
      bookerCountry: 'gb',
      timeoutMs: 30_000,
    });
    expect(notices.filter((notice) => notice.includes('BOOKING_COM'))).toEqual([
      'BOOKING_COM_API_SECRET set: the Demand API authenticates with BOOKING_COM_API_KEY (a bearer token) and BOOKING_COM_AFFILIATE_ID only, so it is not used (docs/stays.md § Booking.com)',
    ]);
    expect(notices.join()).not.toMatch(/_value/);
    expect(loadConfig({ ...BASE_ENV, ...AMADEUS }).notices.join()).not.toMatch(/Amadeus|AMADEUS/);
  });

  it('logs which partner supplier is used, never its keys', () => {
    const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    for (const env of [{ ...BOOKING_COM }, { STAY_SUPPLIER: 'amadeus', ...AMADEUS }]) {
      new StaySuppliersModule(
        createStaySupplier(loadConfig({ ...BASE_ENV, ...env }).config, dataSource),
      ).onModuleInit();
    }
    const lines = log.mock.calls.map(([message]) => String(message));
    expect(lines).toEqual([
      'stay supplier: Booking.com Demand API (paid at the property)',
      'stay supplier: Amadeus hotel search (search and policy only: booking is refused)',
    ]);
    expect(lines.join()).not.toMatch(/_value/);
    log.mockRestore();
  });
});
