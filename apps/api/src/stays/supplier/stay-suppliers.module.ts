import { createHmac } from 'node:crypto';
import { Inject, Logger, Module, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { duffelClient } from '../../flights/supplier/flight-suppliers.module';
import { AmadeusStaySupplier, amadeusClient } from './amadeus/amadeus-stay-supplier';
import { BookingComStaySupplier } from './booking-com/booking-com-stay-supplier';
import { DuffelStaySupplier } from './duffel/duffel-stay-supplier';
import { SandboxStayBooking } from './sandbox/sandbox-stay-booking.entity';
import { SandboxStaySupplier } from './sandbox/sandbox-stay-supplier';
import { STAY_SUPPLIER, type StaySupplier } from './stay-supplier';

/**
 * The stay supplier chosen at boot (docs/stays.md § Which supplier): `STAY_SUPPLIER`, or when unset
 * Duffel Stays when DUFFEL_API_KEY is set, else Booking.com when BOOKING_COM_API_KEY is, else the
 * built-in sandbox (Amadeus, search only, is used only when named). Import this module where a stay
 * supplier is needed; Nest makes one instance per process.
 */
@Module({
  providers: [{ provide: STAY_SUPPLIER, inject: [APP_CONFIG, DataSource], useFactory: createStaySupplier }],
  exports: [STAY_SUPPLIER],
})
export class StaySuppliersModule implements OnModuleInit {
  constructor(@Inject(STAY_SUPPLIER) private readonly supplier: StaySupplier) {}

  onModuleInit(): void {
    new Logger('StaySuppliersModule').log(`stay supplier: ${DESCRIPTIONS[this.supplier.name]}`);
  }
}

const DESCRIPTIONS: Record<StaySupplier['name'], string> = {
  duffel: 'Duffel Stays',
  booking_com: 'Booking.com Demand API (paid at the property)',
  amadeus: 'Amadeus hotel search (search and policy only: booking is refused)',
  sandbox: 'built-in sandbox (no stay supplier keys; no booking is real)',
};

/** `STAY_SUPPLIER`, else the first supplier whose keys are set (app-config checked the named one has its keys). */
export function chosenStaySupplier({ stays, flights }: AppConfig): StaySupplier['name'] {
  return stays.supplier ?? (flights.duffelApiKey ? 'duffel' : stays.bookingCom ? 'booking_com' : 'sandbox');
}

export function createStaySupplier(config: AppConfig, dataSource: DataSource): StaySupplier {
  const { flights, stays, sessionSecret } = config;
  const chosen = chosenStaySupplier(config);
  if (chosen === 'duffel') {
    return new DuffelStaySupplier(duffelClient(flights), { timeoutMs: flights.supplierTimeoutMs });
  }
  if (chosen === 'booking_com') return new BookingComStaySupplier(stays.bookingCom!);
  if (chosen === 'amadeus') {
    return new AmadeusStaySupplier(amadeusClient(stays.amadeus!), { timeoutMs: stays.amadeus!.timeoutMs });
  }
  // Sandbox ids are signed with a key of their own, derived from the secret every worker shares.
  const sandboxKey = createHmac('sha256', sessionSecret).update('nestmap sandbox stays').digest('base64url');
  return new SandboxStaySupplier(dataSource.getRepository(SandboxStayBooking), sandboxKey);
}
