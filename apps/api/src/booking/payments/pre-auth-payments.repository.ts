import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../../common/auth/auth-context';
import type { UserRole } from '../../common/auth/user-role';
import { TransactionRunner } from '../../common/database/transaction-runner';
import { preAuthSql } from '../../common/tenancy/pre-auth';

/**
 * Look-ups of Stripe's webhook, which arrives with no caller: the booking a PaymentIntent belongs
 * to, and the organization a Stripe customer belongs to, across organizations. What they find is
 * then changed through the scoped repositories, in its organization (docs/access.md).
 */
@Injectable()
export class PreAuthPayments {
  constructor(private readonly db: TransactionRunner) {}

  /** The card-paid booking of the PaymentIntent (by its id, or by our booking id in its metadata), as its booker. */
  async findBooking(
    paymentIntentId: string,
    bookingId: string | null,
  ): Promise<{ id: string; ctx: AuthContext } | null> {
    const byId = bookingId && /^[0-9a-f-]{36}$/i.test(bookingId) ? bookingId : null;
    const [row] = await this.db.manager.query(
      preAuthSql(`SELECT b.id, b.organization_id AS "organizationId", b.booker_id AS "userId", u.role
        FROM bookings b JOIN users u ON u.id = b.booker_id
       WHERE b.payment_method = 'card' AND (b.payment_intent_id = $1 OR b.id = $2::uuid)
       ORDER BY (b.payment_intent_id = $1) DESC NULLS LAST LIMIT 1`),
      [paymentIntentId, byId],
    );
    return row ? { id: row.id, ctx: contextOf(row) } : null;
  }

  /** The organization of a Stripe customer, acting as one of its admins (the card is an admin's business). */
  async findCustomer(stripeCustomerId: string): Promise<AuthContext | null> {
    const [row] = await this.db.manager.query(
      preAuthSql(`SELECT m.organization_id AS "organizationId", u.id AS "userId", u.role
        FROM organization_payment_methods m JOIN users u ON u.organization_id = m.organization_id AND u.role = 'admin'
       WHERE m.stripe_customer_id = $1 ORDER BY u.created_at LIMIT 1`),
      [stripeCustomerId],
    );
    return row ? contextOf(row) : null;
  }

  async seen(eventId: string): Promise<boolean> {
    const rows = await this.db.manager.query(preAuthSql('SELECT 1 FROM stripe_webhook_events WHERE id = $1'), [
      eventId,
    ]);
    return rows.length > 0;
  }

  /** Records a handled event; false when another delivery recorded it first. */
  async record(eventId: string, type: string, outcome: string): Promise<boolean> {
    const rows = await this.db.manager.query(
      preAuthSql(
        `INSERT INTO stripe_webhook_events (id, type, outcome) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING RETURNING id`,
      ),
      [eventId, type.slice(0, 80), outcome.slice(0, 40)],
    );
    return rows.length === 1;
  }
}

function contextOf(row: { organizationId: string; userId: string; role: UserRole }): AuthContext {
  return { organizationId: row.organizationId, userId: row.userId, role: row.role };
}
