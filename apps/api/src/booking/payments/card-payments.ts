import { Inject, Injectable, Logger } from '@nestjs/common';
import Stripe from 'stripe';
import type { AuthContext } from '../../common/auth/auth-context';
import { TransactionRunner } from '../../common/database/transaction-runner';
import { type ErrorCode, PaymentErrorCode } from '../../common/errors/error-codes';
import { fromScaled, toScaled } from '../../currency/decimal';
import type { Booking } from '../booking.entity';
import { BookingStatus } from '../booking-status.machine';
import { BookingsRepository } from '../bookings.repository';
import { fromMinorUnits, toMinorUnits } from './minor-units';
import { OrganizationPaymentMethodsRepository } from './organization-payment-methods.repository';
import { PaymentStatus } from './payment-status.machine';
import { STRIPE } from './stripe-client';

/** A refused authorisation, as the booking request answers it (and its retries replay it). */
export interface PaymentRefusal {
  code: ErrorCode;
  message: string;
}

/** The booking statuses in which the supplier holds the order: the payment is captured. */
const ORDERED: readonly BookingStatus[] = [
  BookingStatus.Confirmed,
  BookingStatus.CancellationQuoted,
  BookingStatus.ChangedByAirline,
];

/**
 * Our booking id names every Stripe request about it: the authorisation's key is the booking's
 * alone, so however often it is retried (by us or the SDK) one PaymentIntent is made per booking.
 * Later steps add what tells their tries apart (docs/payments.md § Idempotency).
 */
export function stripeIdempotencyKey(
  bookingId: string,
  step: 'authorise' | 'capture' | 'cancel' | 'refund',
  attempt?: string,
): string {
  return `nestmap-booking-${bookingId}-${step}${attempt === undefined ? '' : `-${attempt}`}`;
}

/**
 * Paying bookings with the organization's saved card (docs/payments.md): a PaymentIntent with
 * `capture_method: 'manual'` authorised off-session before the supplier is called; captured once
 * the supplier confirms; cancelled (the hold released) when the order fails; refunded by the
 * cancellation's refund. Every step is a compare-and-set of the booking's payment status, committed
 * on its own, and Stripe is called with no transaction open and with an idempotency key derived from
 * the booking id. Without Stripe (no STRIPE_SECRET_KEY) every booking is invoiced and nothing here
 * calls anything.
 */
@Injectable()
export class CardPayments {
  private readonly logger = new Logger(CardPayments.name);

  constructor(
    @Inject(STRIPE) private readonly stripe: Stripe | null,
    private readonly db: TransactionRunner,
    private readonly bookings: BookingsRepository,
    private readonly methods: OrganizationPaymentMethodsRepository,
  ) {}

  get enabled(): boolean {
    return this.stripe !== null;
  }

  /** How a booking ordered now is paid: by the organization's card when Stripe is on and one is saved, else invoiced. */
  async planFor(
    ctx: AuthContext,
  ): Promise<Pick<Booking, 'paymentMethod' | 'stripePaymentMethodId' | 'paymentCardBrand' | 'paymentCardLast4'>> {
    const saved = this.stripe ? await this.methods.find(ctx) : null;
    if (!saved?.stripePaymentMethodId) {
      return { paymentMethod: 'invoice', stripePaymentMethodId: null, paymentCardBrand: null, paymentCardLast4: null };
    }
    return {
      paymentMethod: 'card',
      stripePaymentMethodId: saved.stripePaymentMethodId,
      paymentCardBrand: saved.cardBrand,
      paymentCardLast4: saved.cardLast4,
    };
  }

  /**
   * Holds the booking's price on the organization's card, before the supplier is called. Null when
   * the hold is in place (or the booking is invoiced); otherwise the payment is `failed` and the
   * refusal says why: declined, authentication required, or Stripe unreachable (nothing is ordered
   * in every case).
   */
  async authorise(ctx: AuthContext, booking: Booking): Promise<PaymentRefusal | null> {
    if (booking.paymentMethod !== 'card') return null;
    assertNoTransaction(this.db);
    const stripe = this.stripe;
    const saved = await this.methods.find(ctx);
    if (!stripe || !saved?.stripePaymentMethodId || !booking.stripePaymentMethodId) {
      await this.bookings.movePayment(ctx, booking.id, 'authorise');
      await this.bookings.movePayment(ctx, booking.id, 'fail', { paymentFailureCode: 'no_card' });
      return {
        code: PaymentErrorCode.CardDeclined,
        message: "The organization's card was removed while the booking was placed: nothing was booked. Try again",
      };
    }
    if (!(await this.bookings.movePayment(ctx, booking.id, 'authorise'))) {
      // Already started (the approval path re-placing a booking): go on only from a hold in place.
      const current = await this.bookings.getById(ctx, booking.id);
      return current.paymentStatus === PaymentStatus.Authorised ? null : unavailable();
    }
    const card = `ending ${booking.paymentCardLast4 ?? '····'}`;
    let intent: Stripe.PaymentIntent;
    try {
      intent = await stripe.paymentIntents.create(
        {
          amount: toMinorUnits(booking.totalAmount, booking.totalCurrency),
          currency: booking.totalCurrency.toLowerCase(),
          customer: saved.stripeCustomerId,
          payment_method: booking.stripePaymentMethodId,
          capture_method: 'manual',
          confirm: true,
          off_session: true,
          // v23: no payment_method_types; an off-session confirmation cannot follow a redirect.
          automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
          description: `NestMap booking ${booking.id}`,
          metadata: { booking_id: booking.id, organization_id: ctx.organizationId },
        },
        { idempotencyKey: stripeIdempotencyKey(booking.id, 'authorise') },
      );
    } catch (error) {
      return this.refused(ctx, booking, error, card);
    }
    if (intent.status === 'requires_capture') {
      await this.bookings.movePayment(ctx, booking.id, 'authorised', { paymentIntentId: intent.id });
      return null;
    }
    // Anything else holds nothing we can capture: release it and refuse.
    await this.bookings.movePayment(ctx, booking.id, 'fail', {
      paymentIntentId: intent.id,
      paymentFailureCode: intent.status === 'requires_action' ? 'authentication_required' : intent.status,
    });
    await this.call('cancel', ctx, booking, () =>
      stripe.paymentIntents.cancel(
        intent.id,
        {},
        { idempotencyKey: stripeIdempotencyKey(booking.id, 'cancel', 'action') },
      ),
    );
    return intent.status === 'requires_action' ? authenticationRequired() : declined(card, intent.status);
  }

  /**
   * Brings the payment in line with the booking, after the booking's own write committed: ordered →
   * captured (the final price); failed or rejected → hold released; cancelled → the cancellation's
   * refund refunded (or, if never captured, the rest captured). Idempotent and safe to repeat: a
   * Stripe failure leaves the payment where it was for a later call (the webhook, the next settle).
   * Returns the booking as it is afterwards. `as` `status` settles for the status the booking is about to
   * take (the supplier confirmed: the capture comes before the confirmation is written).
   */
  async settle(ctx: AuthContext, booking: Booking, status: BookingStatus = booking.status): Promise<Booking> {
    if (booking.paymentMethod !== 'card' || !this.stripe || !booking.paymentIntentId) return booking;
    assertNoTransaction(this.db);
    const { paymentStatus: payment } = booking;
    const total = toScaled(booking.totalAmount, 2);
    const refund = refundOf(booking);
    let done = false;
    if (payment === PaymentStatus.Authorised && ORDERED.includes(status)) {
      done = await this.capture(ctx, booking, total);
    } else if (payment === PaymentStatus.Authorised && status === BookingStatus.Cancelled) {
      const kept = total - (refund ?? 0n);
      done = kept > 0n ? await this.capture(ctx, booking, kept) : await this.release(ctx, booking);
    } else if (payment === PaymentStatus.Authorised || payment === PaymentStatus.Authorising) {
      if (status === BookingStatus.Failed || status === BookingStatus.Rejected) done = await this.release(ctx, booking);
    } else if (payment === PaymentStatus.Captured && status === BookingStatus.Cancelled && refund) {
      done = await this.refund(ctx, booking, refund);
    }
    return done ? this.bookings.getById(ctx, booking.id) : booking;
  }

  /**
   * Captures `cents` of the hold. The PaymentIntent is read first: a capture that went through
   * before (its answer lost) is recorded, not repeated; the key names the booking's version (see
   * `call`), and a second capture of one PaymentIntent is refused by Stripe itself.
   */
  private async capture(ctx: AuthContext, booking: Booking, cents: bigint): Promise<boolean> {
    const stripe = this.stripe!;
    const captured = await this.call('capture', ctx, booking, async () => {
      const intent = await stripe.paymentIntents.retrieve(booking.paymentIntentId!);
      if (intent.status !== 'requires_capture') return intent;
      return stripe.paymentIntents.capture(
        intent.id,
        { amount_to_capture: toMinorUnits(fromScaled(cents, 2), booking.totalCurrency) },
        { idempotencyKey: stripeIdempotencyKey(booking.id, 'capture', `v${booking.version}`) },
      );
    });
    if (captured?.status !== 'succeeded') return false;
    const received = fromMinorUnits(captured.amount_received, booking.totalCurrency);
    return this.bookings.movePayment(ctx, booking.id, 'capture', { paymentCapturedAmount: received });
  }

  /** Cancels the PaymentIntent (read first, as for the capture): the hold on the card is released, nothing is charged. */
  private async release(ctx: AuthContext, booking: Booking): Promise<boolean> {
    const stripe = this.stripe!;
    const cancelled = await this.call('cancel', ctx, booking, async () => {
      const intent = await stripe.paymentIntents.retrieve(booking.paymentIntentId!);
      if (intent.status === 'canceled' || intent.status === 'succeeded') return intent;
      return stripe.paymentIntents.cancel(
        intent.id,
        {},
        { idempotencyKey: stripeIdempotencyKey(booking.id, 'cancel', `v${booking.version}`) },
      );
    });
    return cancelled?.status === 'canceled' && this.bookings.movePayment(ctx, booking.id, 'cancel');
  }

  /**
   * Refunds `cents` of the charge. What the charge has had refunded already is read first, and the
   * key names it and the booking's version: a retry after a lost answer finds the refund made (and
   * records it), concurrent tries of one refund share one key, and no refund is made twice.
   */
  private async refund(ctx: AuthContext, booking: Booking, cents: bigint): Promise<boolean> {
    const stripe = this.stripe!;
    const currency = booking.totalCurrency;
    const target = toMinorUnits(fromScaled(cents, 2), currency);
    const refunded = await this.call('refund', ctx, booking, async () => {
      const intent = await stripe.paymentIntents.retrieve(booking.paymentIntentId!, { expand: ['latest_charge'] });
      const charge = intent.latest_charge as Stripe.Charge | null;
      if (!charge) return null;
      if (charge.amount_refunded >= target) return charge;
      await stripe.refunds.create(
        { payment_intent: intent.id, amount: target - charge.amount_refunded, metadata: { booking_id: booking.id } },
        { idempotencyKey: stripeIdempotencyKey(booking.id, 'refund', `${charge.amount_refunded}-v${booking.version}`) },
      );
      return { ...charge, amount_refunded: target };
    });
    if (!refunded) return false;
    const full = refunded.amount_refunded >= refunded.amount_captured;
    return this.bookings.movePayment(ctx, booking.id, full ? 'refund' : 'refund_partially', {
      paymentRefundedAmount: fromMinorUnits(refunded.amount_refunded, currency),
    });
  }

  /**
   * A Stripe call whose failure must not undo what the booking already is: logged, null, tried
   * again later. The failure bumps the booking's version, which the step's idempotency key names:
   * Stripe replays a stored 500 to every retry with the same key, so the next try needs a new one
   * (concurrent tries of one version share theirs, and Stripe makes one of them).
   */
  private async call<T>(
    step: string,
    ctx: AuthContext,
    booking: Booking,
    request: () => Promise<T>,
  ): Promise<T | null> {
    try {
      return await request();
    } catch (error) {
      this.logger.warn(
        { bookingId: booking.id, step, err: describe(error) },
        'Stripe call failed; the payment stays as it is',
      );
      await this.bookings.change(ctx, booking.id, {});
      return null;
    }
  }

  /** The authorisation threw: a card error is the card's answer; anything else means Stripe did not answer. */
  private async refused(ctx: AuthContext, booking: Booking, error: unknown, card: string): Promise<PaymentRefusal> {
    if (error instanceof Stripe.errors.StripeCardError) {
      const reason = error.decline_code ?? error.code ?? 'card_declined';
      await this.bookings.movePayment(ctx, booking.id, 'fail', {
        paymentIntentId: error.payment_intent?.id ?? null,
        paymentFailureCode: reason.slice(0, 60),
      });
      const needsAuthentication = error.code === 'authentication_required' || reason === 'authentication_required';
      return needsAuthentication ? authenticationRequired() : declined(card, reason);
    }
    // Rate limited, 5xx, timeout or a lost connection: any hold Stripe made is released when its webhook arrives.
    this.logger.warn({ bookingId: booking.id, err: describe(error) }, 'Stripe did not authorise; nothing ordered');
    await this.bookings.movePayment(ctx, booking.id, 'fail', { paymentFailureCode: stripeFailure(error) });
    return unavailable();
  }
}

function refundOf(booking: Booking): bigint | null {
  if (booking.refundAmount === null || booking.refundCurrency !== booking.totalCurrency) return null;
  const refund = toScaled(booking.refundAmount, 2);
  return refund > 0n ? refund : null;
}

function assertNoTransaction(db: TransactionRunner): void {
  if (db.manager.queryRunner?.isTransactionActive) throw new Error('Stripe must not be called inside a transaction');
}

function stripeFailure(error: unknown): string {
  if (error instanceof Stripe.errors.StripeRateLimitError) return 'rate_limit';
  if (error instanceof Stripe.errors.StripeConnectionError) return 'connection_error';
  if (error instanceof Stripe.errors.StripeAPIError) return 'api_error';
  if (error instanceof Stripe.errors.StripeError) return (error.code ?? error.type).slice(0, 60);
  return 'unknown_error';
}

/** For the log: Stripe's type, code and request id, never the request (it carries no card data, but keep logs small). */
function describe(error: unknown): Record<string, unknown> {
  if (error instanceof Stripe.errors.StripeError) {
    return { type: error.type, code: error.code, statusCode: error.statusCode, requestId: error.requestId };
  }
  return { message: error instanceof Error ? error.message : String(error) };
}

function declined(card: string, reason: string): PaymentRefusal {
  return {
    code: PaymentErrorCode.CardDeclined,
    message: `The organization's card ${card} was declined (${reason}); nothing was booked. An admin can replace the card under Admin → Payment method`,
  };
}

function authenticationRequired(): PaymentRefusal {
  return {
    code: PaymentErrorCode.AuthenticationRequired,
    message:
      "The card's bank wants the cardholder to authenticate this payment, which cannot happen while booking: an admin must re-save the card under Admin → Payment method. Nothing was booked",
  };
}

function unavailable(): PaymentRefusal {
  return {
    code: PaymentErrorCode.ProviderUnavailable,
    message: 'The payment provider did not answer; nothing was booked or charged. Try again in a minute',
  };
}
