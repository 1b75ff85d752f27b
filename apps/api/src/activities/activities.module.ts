import { Module } from '@nestjs/common';
import { TripsModule } from '../trips/trips.module';
import { ActivitiesController } from './activities.controller';
import { ActivitiesRepository } from './activities.repository';
import { ActivitiesService } from './activities.service';

@Module({
  imports: [TripsModule],
  controllers: [ActivitiesController],
  providers: [ActivitiesService, ActivitiesRepository],
  exports: [ActivitiesRepository, ActivitiesService],
})
export class ActivitiesModule {}
