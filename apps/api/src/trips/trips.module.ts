import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CurrencyModule } from '../currency/currency.module';
import { UsersModule } from '../users/users.module';
import { TripBudget } from './trip-budget';
import { TripAccessService } from './trip-access.service';
import { TripCostsRepository } from './trip-costs.repository';
import { TripsController } from './trips.controller';
import { TripsRepository } from './trips.repository';
import { TripsService } from './trips.service';

@Module({
  imports: [UsersModule, AuditModule, CurrencyModule],
  controllers: [TripsController],
  providers: [TripsService, TripsRepository, TripAccessService, TripBudget, TripCostsRepository],
  exports: [TripsRepository, TripAccessService, TripBudget],
})
export class TripsModule {}
