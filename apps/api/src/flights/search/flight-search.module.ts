import { Module } from '@nestjs/common';
import { CurrencyModule } from '../../currency/currency.module';
import { PolicyModule } from '../../policy/policy.module';
import { TripsModule } from '../../trips/trips.module';
import { FlightSuppliersModule } from '../supplier/flight-suppliers.module';
import { FlightSearchesController } from './flight-searches.controller';
import { FlightOffersRepository, FlightSearchesRepository } from './flight-searches.repository';
import { FlightSearchesService } from './flight-searches.service';

/** Flight search with a policy verdict per offer; exports the service the booking flow reads offers through. */
@Module({
  imports: [TripsModule, PolicyModule, CurrencyModule, FlightSuppliersModule],
  controllers: [FlightSearchesController],
  providers: [FlightSearchesService, FlightSearchesRepository, FlightOffersRepository],
  exports: [FlightSearchesService],
})
export class FlightSearchModule {}
