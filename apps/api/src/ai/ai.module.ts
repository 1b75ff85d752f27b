import { Module } from '@nestjs/common';
import { ActivitiesModule } from '../activities/activities.module';
import { BookingModule } from '../booking/booking.module';
import { FlightSearchModule } from '../flights/search/flight-search.module';
import { PolicyModule } from '../policy/policy.module';
import { TripsModule } from '../trips/trips.module';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { AiClient } from './ai-client';
import { AiMeter } from './ai-meter';
import { AiSettingsRepository } from './ai-settings.repository';
import { AiUsageController } from './ai-usage.controller';
import { AiUsageRepository } from './ai-usage.repository';
import { AiUsageService } from './ai-usage.service';
import { AssistantController } from './assistant.controller';
import { AssistantStatusService } from './assistant-status.service';
import { DayOptimisationService } from './day-optimisation/day-optimisation.service';
import { BriefingsService } from './briefings/briefings.service';
import { ModelCalls } from './model-calls';
import { TripPlansService } from './trip-plans/trip-plans.service';
import { VerdictExplanationsService } from './verdicts/verdict-explanations.service';
import { SuggestionsService } from './suggestions/suggestions.service';

/** The AI assistant (docs/ai.md): drafts and explanations from a model, checked by our own rules. */
@Module({
  imports: [TripsModule, ActivitiesModule, PolicyModule, BookingModule, FlightSearchModule],
  controllers: [AssistantController, AiUsageController],
  providers: [
    { provide: AiClient, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new AiClient(config.ai) },
    AiMeter,
    AiSettingsRepository,
    AiUsageRepository,
    AiUsageService,
    AssistantStatusService,
    ModelCalls,
    SuggestionsService,
    DayOptimisationService,
    TripPlansService,
    BriefingsService,
    VerdictExplanationsService,
  ],
})
export class AiModule {}
