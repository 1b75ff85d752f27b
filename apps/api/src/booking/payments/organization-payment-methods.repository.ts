import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../../common/auth/auth-context';
import { TransactionRunner } from '../../common/database/transaction-runner';
import { OrganizationScopedRepository } from '../../common/tenancy/organization-scoped.repository';
import { OrganizationPaymentMethod } from './organization-payment-method.entity';

/** A saved card as the webhook reads it from Stripe: no number, ever. */
export interface SavedCard {
  stripePaymentMethodId: string;
  cardBrand: string;
  cardLast4: string;
  cardExpMonth: number | null;
  cardExpYear: number | null;
}

const NO_CARD = {
  stripePaymentMethodId: null,
  cardBrand: null,
  cardLast4: null,
  cardExpMonth: null,
  cardExpYear: null,
};

/** The organization's Stripe customer and card (one row per organization). */
@Injectable()
export class OrganizationPaymentMethodsRepository extends OrganizationScopedRepository<OrganizationPaymentMethod> {
  protected readonly entity = OrganizationPaymentMethod;
  protected readonly noun = 'Payment method';

  constructor(db: TransactionRunner) {
    super(db);
  }

  async find(ctx: AuthContext): Promise<OrganizationPaymentMethod | null> {
    const [row] = await this.findWhere(ctx, {});
    return row ?? null;
  }

  /** Records the organization's Stripe customer; false when one was recorded first (keep that one). */
  async recordCustomer(ctx: AuthContext, stripeCustomerId: string): Promise<boolean> {
    const rows = await this.scopedSql(
      ctx,
      `INSERT INTO organization_payment_methods (organization_id, stripe_customer_id) VALUES ($organization, $1)
       ON CONFLICT (organization_id) DO NOTHING RETURNING id`,
      [stripeCustomerId],
    );
    return rows.length === 1;
  }

  async recordCheckoutSession(ctx: AuthContext, sessionId: string): Promise<void> {
    await this.updateWhere(ctx, {}, { checkoutSessionId: sessionId });
  }

  async saveCard(ctx: AuthContext, stripeCustomerId: string, card: SavedCard): Promise<boolean> {
    return (await this.updateWhere(ctx, { stripeCustomerId }, card)) === 1;
  }

  async removeCard(ctx: AuthContext): Promise<void> {
    await this.updateWhere(ctx, {}, NO_CARD);
  }

  /** The currency of the organization's travel policy (Checkout's setup mode wants one), if it has a policy. */
  async policyCurrency(ctx: AuthContext): Promise<string | null> {
    const [row] = await this.scopedSql<{ currency: string }>(
      ctx,
      'SELECT currency FROM travel_policies WHERE organization_id = $organization',
      [],
    );
    return row?.currency ?? null;
  }
}
