import { createHmac } from 'node:crypto';
import { Inject, Logger, Module, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { duffelClient } from '../../flights/supplier/flight-suppliers.module';
import { DuffelStaySupplier } from './duffel/duffel-stay-supplier';
import { SandboxStayBooking } from './sandbox/sandbox-stay-booking.entity';
import { SandboxStaySupplier } from './sandbox/sandbox-stay-supplier';
import { STAY_SUPPLIER, type StaySupplier } from './stay-supplier';

/**
 * The stay supplier chosen at boot, as the flight supplier is and from the same variables: Duffel
 * Stays when DUFFEL_API_KEY is set, else the built-in sandbox (docs/stays.md § Suppliers). Import
 * this module where a stay supplier is needed; Nest makes one instance per process.
 */
@Module({
  providers: [{ provide: STAY_SUPPLIER, inject: [APP_CONFIG, DataSource], useFactory: createStaySupplier }],
  exports: [STAY_SUPPLIER],
})
export class StaySuppliersModule implements OnModuleInit {
  constructor(@Inject(STAY_SUPPLIER) private readonly supplier: StaySupplier) {}

  onModuleInit(): void {
    new Logger('StaySuppliersModule').log(
      `stay supplier: ${this.supplier.name === 'duffel' ? 'Duffel Stays' : 'built-in sandbox (no DUFFEL_API_KEY; no booking is real)'}`,
    );
  }
}

export function createStaySupplier({ flights, sessionSecret }: AppConfig, dataSource: DataSource): StaySupplier {
  if (flights.duffelApiKey) {
    return new DuffelStaySupplier(duffelClient(flights), { timeoutMs: flights.supplierTimeoutMs });
  }
  // Sandbox ids are signed with a key of their own, derived from the secret every worker shares.
  const sandboxKey = createHmac('sha256', sessionSecret).update('nestmap sandbox stays').digest('base64url');
  return new SandboxStaySupplier(dataSource.getRepository(SandboxStayBooking), sandboxKey);
}
