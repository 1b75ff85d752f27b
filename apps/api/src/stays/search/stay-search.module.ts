import { Module } from '@nestjs/common';
import { CurrencyModule } from '../../currency/currency.module';
import { PolicyModule } from '../../policy/policy.module';
import { TripsModule } from '../../trips/trips.module';
import { StaySuppliersModule } from '../supplier/stay-suppliers.module';
import { StaySearchesController } from './stay-searches.controller';
import { StayRatesRepository, StaySearchesRepository } from './stay-searches.repository';
import { StaySearchesService } from './stay-searches.service';

/** Stay search with a policy verdict per rate; exports the service the booking flow reads rates through. */
@Module({
  imports: [TripsModule, PolicyModule, CurrencyModule, StaySuppliersModule],
  controllers: [StaySearchesController],
  providers: [StaySearchesService, StaySearchesRepository, StayRatesRepository],
  exports: [StaySearchesService],
})
export class StaySearchModule {}
