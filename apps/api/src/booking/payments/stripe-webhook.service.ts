import { Inject, Injectable, Logger } from '@nestjs/common';
import Stripe from 'stripe';
import type { AuthContext } from '../../common/auth/auth-context';
import { DomainError } from '../../common/errors/domain-error';
import { BookingErrorCode } from '../../common/errors/error-codes';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { toScaled } from '../../currency/decimal';
import type { Booking } from '../booking.entity';
import { type BookingChanges, BookingsRepository } from '../bookings.repository';
import { CardPayments, stripeIdempotencyKey } from './card-payments';
import { fromMinorUnits } from './minor-units';
import { PaymentMethodsService } from './payment-methods.service';
import {
  FINAL_PAYMENT_STATUSES,
  type PaymentAction,
  paymentMovesForward,
  PaymentStatus,
} from './payment-status.machine';
import { PreAuthPayments } from './pre-auth-payments.repository';
import { STRIPE } from './stripe-client';

export interface StripeWebhookAnswer {
  received: true;
  /** What it did: the payment's new status, or why nothing. */
  outcome: string;
}

/**
 * Stripe's webhooks (docs/payments.md § Webhooks): verified over the raw body with
 * `stripe.webhooks.constructEvent` (300 s tolerance), delivered at least once and in no particular
 * order. An event id handled before is acknowledged and ignored; a payment moves only forward
 * through the state machine's compare-and-sets, so a late or repeated event changes nothing.
 */
@Injectable()
export class StripeWebhookService {
  private readonly logger = new Logger(StripeWebhookService.name);

  constructor(
    @Inject(STRIPE) private readonly stripe: Stripe | null,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly lookups: PreAuthPayments,
    private readonly bookings: BookingsRepository,
    private readonly payments: CardPayments,
    private readonly methods: PaymentMethodsService,
  ) {}

  async receive(rawBody: string | undefined, signature: string | string[] | undefined): Promise<StripeWebhookAnswer> {
    const event = this.verified(rawBody, signature);
    if (await this.lookups.seen(event.id)) return { received: true, outcome: 'duplicate' };
    const outcome = await this.handle(event);
    // Recorded after handling: a failure is retried by Stripe; concurrent deliveries both apply the same forward-only step.
    const first = await this.lookups.record(event.id, event.type, outcome);
    this.logger.log({ eventId: event.id, type: event.type, outcome }, 'Stripe webhook handled');
    return { received: true, outcome: first ? outcome : 'duplicate' };
  }

  private verified(rawBody: string | undefined, signature: string | string[] | undefined): Stripe.Event {
    const secret = this.config.stripe.webhookSecret;
    if (this.stripe && secret && typeof signature === 'string' && signature !== '' && rawBody !== undefined) {
      try {
        return this.stripe.webhooks.constructEvent(rawBody, signature, secret);
      } catch (error) {
        this.logger.warn(
          { problem: (error as Error).message },
          'Stripe webhook refused: bad signature; nothing changed',
        );
      }
    } else {
      this.logger.warn(
        { problem: !this.stripe || !secret ? 'not_configured' : 'missing' },
        'Stripe webhook refused; nothing changed',
      );
    }
    throw new DomainError(
      BookingErrorCode.WebhookSignatureInvalid,
      'The webhook signature is missing, invalid or too old',
    );
  }

  private async handle(event: Stripe.Event): Promise<string> {
    switch (event.type) {
      case 'checkout.session.completed':
        return this.checkoutCompleted(event.data.object);
      case 'setup_intent.succeeded':
        return this.setupSucceeded(event.data.object);
      case 'payment_intent.amount_capturable_updated':
        return this.intentEvent(event.data.object, 'authorised');
      case 'payment_intent.succeeded':
        return this.intentEvent(event.data.object, 'capture');
      case 'payment_intent.payment_failed':
        return this.intentEvent(event.data.object, 'fail');
      case 'payment_intent.canceled':
        return this.intentEvent(event.data.object, 'cancel');
      case 'charge.refunded':
        return this.chargeRefunded(event.data.object);
      default:
        return 'ignored';
    }
  }

  /** Checkout (setup mode) finished: the card of its SetupIntent, as Stripe has it, becomes the organization's. */
  private async checkoutCompleted(session: Stripe.Checkout.Session): Promise<string> {
    if (session.mode !== 'setup' || !session.setup_intent) return 'ignored';
    const customerId = idOf(session.customer);
    const ctx = customerId ? await this.lookups.findCustomer(customerId) : null;
    if (!ctx || !customerId || session.client_reference_id !== ctx.organizationId) return 'unknown_customer';
    const setupIntent = await this.stripe!.setupIntents.retrieve(idOf(session.setup_intent)!, {
      expand: ['payment_method'],
    });
    return this.recordCard(ctx, customerId, setupIntent);
  }

  private async setupSucceeded(setupIntent: Stripe.SetupIntent): Promise<string> {
    const customerId = idOf(setupIntent.customer);
    const ctx = customerId ? await this.lookups.findCustomer(customerId) : null;
    if (!ctx || !customerId) return 'unknown_customer';
    return this.recordCard(ctx, customerId, setupIntent);
  }

  private async recordCard(ctx: AuthContext, customerId: string, setupIntent: Stripe.SetupIntent): Promise<string> {
    if (setupIntent.status !== 'succeeded' || !setupIntent.payment_method) return 'setup_incomplete';
    const method =
      typeof setupIntent.payment_method === 'string'
        ? await this.stripe!.paymentMethods.retrieve(setupIntent.payment_method)
        : setupIntent.payment_method;
    return (await this.methods.saveCard(ctx, customerId, method)) ? 'card_saved' : 'not_a_card';
  }

  /**
   * A PaymentIntent changed at Stripe: the booking's payment follows, forward only, and then is
   * settled against the booking (a capture that failed earlier is retried, a hold for a failed
   * booking released). A hold that turns up for a booking whose authorisation had already failed
   * (its request timed out) is released, once Stripe confirms it is still held.
   */
  private async intentEvent(intent: Stripe.PaymentIntent, action: PaymentAction): Promise<string> {
    const found = await this.lookups.findBooking(intent.id, intent.metadata?.booking_id ?? null);
    if (!found) return 'unknown_payment';
    const booking = await this.bookings.getById(found.ctx, found.id);
    if (action === 'authorised' && FINAL_PAYMENT_STATUSES.includes(booking.paymentStatus)) {
      return this.releaseStray(booking.id, intent.id);
    }
    const forward = paymentMovesForward(booking.paymentStatus, action);
    if (forward) await this.bookings.movePayment(found.ctx, booking.id, action, changesFor(intent, action));
    const settled = await this.payments.settle(found.ctx, await this.bookings.getById(found.ctx, booking.id));
    return forward ? settled.paymentStatus : `stale:${settled.paymentStatus}`;
  }

  /** Cancels a PaymentIntent nobody will capture (its booking's payment had failed), if Stripe still holds it. */
  private async releaseStray(bookingId: string, intentId: string): Promise<string> {
    const current = await this.stripe!.paymentIntents.retrieve(intentId);
    if (current.status !== 'requires_capture') return `stale:${current.status}`;
    await this.stripe!.paymentIntents.cancel(
      intentId,
      {},
      { idempotencyKey: stripeIdempotencyKey(bookingId, 'cancel') },
    );
    return 'hold_released';
  }

  private async chargeRefunded(charge: Stripe.Charge): Promise<string> {
    const intentId = idOf(charge.payment_intent);
    if (!intentId) return 'unknown_payment';
    const found = await this.lookups.findBooking(intentId, charge.metadata?.booking_id ?? null);
    if (!found) return 'unknown_payment';
    const booking = await this.bookings.getById(found.ctx, found.id);
    const full = charge.refunded || charge.amount_refunded >= charge.amount_captured;
    const action: PaymentAction = full ? 'refund' : 'refund_partially';
    const refunded = fromMinorUnits(charge.amount_refunded, charge.currency);
    const more = booking.paymentStatus === PaymentStatus.PartiallyRefunded && !full && larger(refunded, booking);
    if (!more && !paymentMovesForward(booking.paymentStatus, action)) return `stale:${booking.paymentStatus}`;
    const moved = await this.bookings.movePayment(found.ctx, booking.id, action, { paymentRefundedAmount: refunded });
    return moved ? (full ? PaymentStatus.Refunded : PaymentStatus.PartiallyRefunded) : 'stale';
  }
}

function larger(refunded: string, booking: Booking): boolean {
  return toScaled(refunded, 3) > toScaled(booking.paymentRefundedAmount ?? '0', 3);
}

function changesFor(intent: Stripe.PaymentIntent, action: PaymentAction): BookingChanges {
  if (action === 'capture') {
    return {
      paymentIntentId: intent.id,
      paymentCapturedAmount: fromMinorUnits(intent.amount_received, intent.currency),
    };
  }
  if (action === 'fail') return { paymentIntentId: intent.id, paymentFailureCode: failureOf(intent) };
  return { paymentIntentId: intent.id };
}

function failureOf(intent: Stripe.PaymentIntent): string {
  const error = intent.last_payment_error;
  return (error?.decline_code ?? error?.code ?? 'payment_failed').slice(0, 60);
}

function idOf(value: string | { id: string } | null | undefined): string | null {
  if (!value) return null;
  return typeof value === 'string' ? value : value.id;
}
