import { Module } from '@nestjs/common';
import { CurrencyModule } from '../currency/currency.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { TripPolicyService } from './trip-policy.service';

/** The travel-policy engine's use by the API: judging trips (and, in later issues, offers and rates). */
@Module({
  imports: [OrganizationsModule, CurrencyModule],
  providers: [TripPolicyService],
  exports: [TripPolicyService],
})
export class PolicyModule {}
