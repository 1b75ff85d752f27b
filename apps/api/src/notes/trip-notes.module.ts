import { Module } from '@nestjs/common';
import { TripsModule } from '../trips/trips.module';
import { TripNotesController } from './trip-notes.controller';
import { TripNotesRepository } from './trip-notes.repository';
import { TripNotesService } from './trip-notes.service';

@Module({
  imports: [TripsModule],
  controllers: [TripNotesController],
  providers: [TripNotesService, TripNotesRepository],
})
export class TripNotesModule {}
