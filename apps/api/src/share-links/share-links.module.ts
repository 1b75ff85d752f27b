import { Module } from '@nestjs/common';
import { ActivitiesModule } from '../activities/activities.module';
import { TripsModule } from '../trips/trips.module';
import { PreAuthShareLinks } from './pre-auth-share-links.repository';
import { ShareLinksController } from './share-links.controller';
import { ShareLinksRepository } from './share-links.repository';
import { ShareLinksService } from './share-links.service';

@Module({
  imports: [TripsModule, ActivitiesModule],
  controllers: [ShareLinksController],
  providers: [ShareLinksService, ShareLinksRepository, PreAuthShareLinks],
})
export class ShareLinksModule {}
