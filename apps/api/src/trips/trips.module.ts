import { Module } from '@nestjs/common';
import { CurrencyModule } from '../currency/currency.module';
import { PolicyModule } from '../policy/policy.module';
import { UsersModule } from '../users/users.module';
import { TripAccessService } from './trip-access.service';
import { TripBudget } from './trip-budget';
import { TripCostsRepository } from './trip-costs.repository';
import { TripNotifier } from './trip-notifier';
import { TripsController } from './trips.controller';
import { TripsRepository } from './trips.repository';
import { TripsService } from './trips.service';

@Module({
  imports: [UsersModule, CurrencyModule, PolicyModule],
  controllers: [TripsController],
  providers: [TripsService, TripsRepository, TripAccessService, TripBudget, TripCostsRepository, TripNotifier],
  exports: [TripsRepository, TripAccessService, TripBudget, TripCostsRepository],
})
export class TripsModule {}
