import { Module } from '@nestjs/common';
import { TripsModule } from '../trips/trips.module';
import { ChecklistController } from './checklist.controller';
import { ChecklistRepository } from './checklist.repository';
import { ChecklistService } from './checklist.service';

@Module({
  imports: [TripsModule],
  controllers: [ChecklistController],
  providers: [ChecklistService, ChecklistRepository],
})
export class ChecklistModule {}
