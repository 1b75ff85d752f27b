import { Module } from '@nestjs/common';
import { CurrencyModule } from '../currency/currency.module';
import { TravelPoliciesRepository } from './travel-policies.repository';
import { TripPolicyService } from './trip-policy.service';

/** The travel-policy engine's use by the API: judging trips (and, in later issues, offers and rates). */
@Module({
  imports: [CurrencyModule],
  providers: [TravelPoliciesRepository, TripPolicyService],
  exports: [TravelPoliciesRepository, TripPolicyService],
})
export class PolicyModule {}
