import { Inject, Injectable, Logger } from '@nestjs/common';
import Stripe from 'stripe';
import type { AuthContext } from '../../common/auth/auth-context';
import { DomainError } from '../../common/errors/domain-error';
import { PaymentErrorCode } from '../../common/errors/error-codes';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import type { CheckoutSessionResponse, PaymentMethodResponse } from './dto/payment-method.dto';
import { OrganizationPaymentMethodsRepository, type SavedCard } from './organization-payment-methods.repository';
import { STRIPE } from './stripe-client';

/** Where the web app shows the organization's card (Checkout sends the admin back there). */
export const PAYMENT_METHOD_PAGE = '/admin/payment-method';

/**
 * The organization's card (docs/payments.md § Saving the card): saved through Stripe Checkout in
 * setup mode, so no card number reaches NestMap. The Stripe customer is made once per
 * organization; the card itself is recorded by the webhook (`checkout.session.completed`,
 * `setup_intent.succeeded`), not by the browser's return.
 */
@Injectable()
export class PaymentMethodsService {
  private readonly logger = new Logger(PaymentMethodsService.name);

  constructor(
    @Inject(STRIPE) private readonly stripe: Stripe | null,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly methods: OrganizationPaymentMethodsRepository,
  ) {}

  async get(ctx: AuthContext): Promise<PaymentMethodResponse> {
    const saved = this.stripe ? await this.methods.find(ctx) : null;
    return {
      cardPayments: this.stripe !== null,
      publishableKey: this.config.stripe.publishableKey ?? null,
      card:
        saved?.stripePaymentMethodId && saved.cardLast4
          ? {
              brand: saved.cardBrand ?? 'card',
              last4: saved.cardLast4,
              expMonth: saved.cardExpMonth,
              expYear: saved.cardExpYear,
            }
          : null,
    };
  }

  /** A Checkout Session in setup mode for the organization's customer (made once), back to the admin page. */
  async startCheckout(ctx: AuthContext): Promise<CheckoutSessionResponse> {
    const stripe = this.requireStripe();
    const customer = await this.customerOf(ctx, stripe);
    const page = new URL(PAYMENT_METHOD_PAGE, this.config.webUrl).toString();
    const currency = ((await this.methods.policyCurrency(ctx)) ?? 'EUR').toLowerCase();
    const session = await this.stripeCall(() =>
      stripe.checkout.sessions.create({
        mode: 'setup',
        customer,
        currency,
        client_reference_id: ctx.organizationId,
        metadata: { organization_id: ctx.organizationId },
        setup_intent_data: { metadata: { organization_id: ctx.organizationId } },
        success_url: `${page}?checkout=success&session_id={CHECKOUT_SESSION_ID}`,
        cancel_url: `${page}?checkout=cancelled`,
      }),
    );
    await this.methods.recordCheckoutSession(ctx, session.id);
    if (!session.url) throw unavailable();
    return { url: session.url, sessionId: session.id };
  }

  /** Forgets the card (and detaches it from the customer at Stripe): bookings are invoiced from now on. */
  async remove(ctx: AuthContext): Promise<void> {
    const saved = await this.methods.find(ctx);
    if (!saved?.stripePaymentMethodId) return;
    await this.methods.removeCard(ctx);
    if (!this.stripe) return;
    try {
      await this.stripe.paymentMethods.detach(saved.stripePaymentMethodId);
    } catch (error) {
      // Forgotten here already: a card Stripe still lists is never used again by NestMap.
      this.logger.warn({ err: (error as Error).message }, 'could not detach the removed card at Stripe');
    }
  }

  /** Records the card Stripe says the customer saved (from the webhook): brand, last four, expiry only. */
  async saveCard(ctx: AuthContext, stripeCustomerId: string, paymentMethod: Stripe.PaymentMethod): Promise<boolean> {
    if (paymentMethod.type !== 'card' || !paymentMethod.card) return false;
    const card: SavedCard = {
      stripePaymentMethodId: paymentMethod.id,
      cardBrand: paymentMethod.card.brand.slice(0, 20),
      cardLast4: paymentMethod.card.last4,
      cardExpMonth: paymentMethod.card.exp_month ?? null,
      cardExpYear: paymentMethod.card.exp_year ?? null,
    };
    return this.methods.saveCard(ctx, stripeCustomerId, card);
  }

  private async customerOf(ctx: AuthContext, stripe: Stripe): Promise<string> {
    const saved = await this.methods.find(ctx);
    if (saved) return saved.stripeCustomerId;
    // One customer per organization even under concurrent clicks: Stripe answers the same key with the same customer.
    const customer = await this.stripeCall(() =>
      stripe.customers.create(
        { description: 'NestMap organization', metadata: { organization_id: ctx.organizationId } },
        { idempotencyKey: `nestmap-organization-${ctx.organizationId}-customer` },
      ),
    );
    await this.methods.recordCustomer(ctx, customer.id);
    return (await this.methods.find(ctx))!.stripeCustomerId;
  }

  private requireStripe(): Stripe {
    if (!this.stripe) {
      throw new DomainError(
        PaymentErrorCode.NotConfigured,
        'Card payments are not configured (no STRIPE_SECRET_KEY): bookings are invoiced to the organization',
      );
    }
    return this.stripe;
  }

  private async stripeCall<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'Stripe call failed');
      throw unavailable();
    }
  }
}

function unavailable(): DomainError {
  return new DomainError(
    PaymentErrorCode.ProviderUnavailable,
    'The payment provider did not answer; nothing changed. Try again in a minute',
  );
}
