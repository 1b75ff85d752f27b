import { createHmac } from 'node:crypto';
import { Duffel } from '@duffel/api';
import { Inject, Logger, Module, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { DuffelFlightSupplier } from './duffel/duffel-flight-supplier';
import { FLIGHT_SUPPLIER, type FlightSupplier } from './flight-supplier';
import { SandboxFlightOrder } from './sandbox/sandbox-flight-order.entity';
import { SandboxFlightSupplier } from './sandbox/sandbox-flight-supplier';

/**
 * The flight supplier chosen at boot, as the mail transport is: Duffel when DUFFEL_API_KEY is set,
 * else the built-in sandbox (docs/booking.md § Suppliers). Import this module where a supplier is
 * needed (search, booking); Nest makes one instance per process.
 */
@Module({
  providers: [{ provide: FLIGHT_SUPPLIER, inject: [APP_CONFIG, DataSource], useFactory: createFlightSupplier }],
  exports: [FLIGHT_SUPPLIER],
})
export class FlightSuppliersModule implements OnModuleInit {
  constructor(@Inject(FLIGHT_SUPPLIER) private readonly supplier: FlightSupplier) {}

  onModuleInit(): void {
    new Logger('FlightSuppliersModule').log(
      `flight supplier: ${this.supplier.name === 'duffel' ? 'Duffel' : 'built-in sandbox (no DUFFEL_API_KEY; no booking is real)'}`,
    );
  }
}

export function createFlightSupplier({ flights, sessionSecret }: AppConfig, dataSource: DataSource): FlightSupplier {
  if (flights.duffelApiKey) {
    return new DuffelFlightSupplier(duffelClient(flights), { timeoutMs: flights.supplierTimeoutMs });
  }
  // Sandbox offer ids are signed with a key of their own, derived from the secret every worker shares.
  const sandboxKey = createHmac('sha256', sessionSecret).update('nestmap sandbox flight offers').digest('base64url');
  return new SandboxFlightSupplier(dataSource.getRepository(SandboxFlightOrder), sandboxKey);
}

/** The Duffel SDK client for DUFFEL_API_KEY (flights and stays share it); DUFFEL_BASE_URL points it elsewhere. */
export function duffelClient(flights: AppConfig['flights']): Duffel {
  const base = flights.duffelBaseUrl;
  // The SDK resolves paths against basePath: without a trailing slash a path prefix would be dropped.
  const basePath = base && !base.endsWith('/') ? `${base}/` : base;
  return new Duffel({ token: flights.duffelApiKey!, basePath });
}
