import { Module } from '@nestjs/common';
import { BookingsRepository } from '../bookings.repository';
import { APP_CONFIG } from '../../config/app-config';
import { CardPayments } from './card-payments';
import { OrganizationPaymentMethodsRepository } from './organization-payment-methods.repository';
import { PaymentMethodsController } from './payment-methods.controller';
import { PaymentMethodsService } from './payment-methods.service';
import { PreAuthPayments } from './pre-auth-payments.repository';
import { createStripeClient, STRIPE } from './stripe-client';
import { StripeWebhookController } from './stripe-webhook.controller';
import { StripeWebhookService } from './stripe-webhook.service';

/**
 * Card payments through Stripe (issue 11, docs/payments.md): the organization's card, the booking
 * payments (CardPayments, used by the booking module) and Stripe's webhook. Without
 * STRIPE_SECRET_KEY the client is null and bookings are invoiced.
 */
@Module({
  controllers: [PaymentMethodsController, StripeWebhookController],
  providers: [
    { provide: STRIPE, inject: [APP_CONFIG], useFactory: createStripeClient },
    BookingsRepository,
    CardPayments,
    OrganizationPaymentMethodsRepository,
    PaymentMethodsService,
    PreAuthPayments,
    StripeWebhookService,
  ],
  exports: [CardPayments],
})
export class PaymentsModule {}
