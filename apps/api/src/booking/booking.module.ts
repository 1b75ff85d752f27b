import { Module } from '@nestjs/common';
import { ActivitiesModule } from '../activities/activities.module';
import { CurrencyModule } from '../currency/currency.module';
import { FlightSearchModule } from '../flights/search/flight-search.module';
import { FlightSuppliersModule } from '../flights/supplier/flight-suppliers.module';
import { PassengersModule } from '../passengers/passengers.module';
import { PolicyModule } from '../policy/policy.module';
import { TripsModule } from '../trips/trips.module';
import { StaySearchModule } from '../stays/search/stay-search.module';
import { StaySuppliersModule } from '../stays/supplier/stay-suppliers.module';
import { UsersModule } from '../users/users.module';
import { BookingApprovalLinks, BookingApprovalLinksRepository } from './booking-approval-links';
import { BookingApprovalsController } from './booking-approvals.controller';
import { BookingNotifier } from './booking-notifier';
import { BookingOrders } from './booking-orders';
import { BookingPolicy } from './booking-policy';
import { BookingReconciler } from './booking-reconciler';
import { BookingsController } from './bookings.controller';
import { BookingsRepository } from './bookings.repository';
import { BookingsService } from './bookings.service';
import { DuffelWebhookController } from './duffel-webhook.controller';
import { DuffelWebhookService } from './duffel-webhook.service';
import { PreAuthBookings } from './pre-auth-bookings.repository';
import { TripBookedStatus } from './trip-booked-status';

/** Flight and stay bookings (issues 10, 11): idempotent orders, the booking lifecycle, approvals, cancellations and the reconciler. */
@Module({
  imports: [
    TripsModule,
    ActivitiesModule,
    FlightSearchModule,
    FlightSuppliersModule,
    StaySearchModule,
    StaySuppliersModule,
    PassengersModule,
    PolicyModule,
    CurrencyModule,
    UsersModule,
  ],
  controllers: [BookingsController, BookingApprovalsController, DuffelWebhookController],
  providers: [
    BookingsService,
    BookingsRepository,
    BookingOrders,
    BookingPolicy,
    BookingReconciler,
    BookingNotifier,
    DuffelWebhookService,
    PreAuthBookings,
    BookingApprovalLinks,
    BookingApprovalLinksRepository,
    TripBookedStatus,
  ],
  exports: [BookingsService],
})
export class BookingModule {}
