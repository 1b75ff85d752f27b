import { Module } from '@nestjs/common';
import { ActivitiesModule } from '../activities/activities.module';
import { TripsModule } from '../trips/trips.module';
import { CommentsController } from './comments.controller';
import { CommentsRepository } from './comments.repository';
import { CommentsService } from './comments.service';

@Module({
  imports: [TripsModule, ActivitiesModule],
  controllers: [CommentsController],
  providers: [CommentsService, CommentsRepository],
})
export class CommentsModule {}
