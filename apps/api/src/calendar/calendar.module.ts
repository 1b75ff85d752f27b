import { Module } from '@nestjs/common';
import { ActivitiesModule } from '../activities/activities.module';
import { TripsModule } from '../trips/trips.module';
import { UsersModule } from '../users/users.module';
import { CalendarFeedsRepository } from './calendar-feeds.repository';
import { PreAuthCalendarFeeds } from './pre-auth-calendar-feeds.repository';
import { CalendarController } from './calendar.controller';
import { CalendarService } from './calendar.service';

@Module({
  imports: [TripsModule, ActivitiesModule, UsersModule],
  controllers: [CalendarController],
  providers: [CalendarService, CalendarFeedsRepository, PreAuthCalendarFeeds],
})
export class CalendarModule {}
