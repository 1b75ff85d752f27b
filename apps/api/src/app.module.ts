import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { ActivitiesModule } from './activities/activities.module';
import { AiModule } from './ai/ai.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { BookingModule } from './booking/booking.module';
import { BudgetsModule } from './budgets/budgets.module';
import { CalendarModule } from './calendar/calendar.module';
import { ChecklistModule } from './checklist/checklist.module';
import { CollaboratorsModule } from './collaborators/collaborators.module';
import { CommentsModule } from './comments/comments.module';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { RolesGuard } from './common/auth/roles.guard';
import { DatabaseModule } from './common/database/database.module';
import { AllExceptionsFilter } from './common/http/all-exceptions.filter';
import { loggerOptions } from './common/http/logger.options';
import { apiValidationPipe } from './common/http/validation.pipes';
import { AppThrottlerGuard } from './common/throttling/throttling';
import { ThrottlingModule } from './common/throttling/throttling.module';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { HealthModule } from './health/health.module';
import { EventsModule } from './events/events.module';
import { FlightSearchModule } from './flights/search/flight-search.module';
import { StaySearchModule } from './stays/search/stay-search.module';
import { MailModule } from './mail/mail.module';
import { MetricsModule } from './metrics/metrics.module';
import { TripNotesModule } from './notes/trip-notes.module';
import { NotificationsModule } from './notifications/notifications.module';
import { OrganizationsModule } from './organizations/organizations.module';
import { PassengersModule } from './passengers/passengers.module';
import { PlacesModule } from './places/places.module';
import { RealtimeModule } from './realtime/realtime.module';
import { ShareLinksModule } from './share-links/share-links.module';
import { ReportsModule } from './reports/reports.module';
import { StatementsModule } from './statements/statements.module';
import { TripsModule } from './trips/trips.module';
import { UsersModule } from './users/users.module';

/** Wires the modules; the guards run in order: rate limit, authentication, role. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerOptions(config)),
        DatabaseModule.forRoot(config, databaseUrl),
        ThrottlingModule,
        EventsModule,
        MailModule,
        UsersModule,
        AuthModule,
        OrganizationsModule,
        AuditModule,
        TripsModule,
        PassengersModule,
        FlightSearchModule,
        StaySearchModule,
        ActivitiesModule,
        BookingModule,
        ReportsModule,
        StatementsModule,
        BudgetsModule,
        CalendarModule,
        CollaboratorsModule,
        CommentsModule,
        ChecklistModule,
        TripNotesModule,
        ShareLinksModule,
        NotificationsModule,
        PlacesModule,
        RealtimeModule,
        AiModule,
        HealthModule,
        MetricsModule,
      ],
      providers: [
        { provide: APP_GUARD, useClass: AppThrottlerGuard },
        { provide: APP_GUARD, useExisting: JwtAuthGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        { provide: APP_PIPE, useValue: apiValidationPipe() },
      ],
    };
  }
}
