import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../common/auth/auth-context';
import { TransactionRunner } from '../common/database/transaction-runner';
import { preAuthSql } from '../common/tenancy/pre-auth';

/**
 * Look-ups of a supplier's webhook, which arrives with no caller: the booking a Duffel order belongs
 * to, by the order id (or our booking id in its metadata), across organizations. The booking is
 * then acted on through the scoped repository, in its organization, as its booker (docs/access.md).
 */
@Injectable()
export class PreAuthBookings {
  constructor(private readonly db: TransactionRunner) {}

  /** The booking of the order, and the context to act in: its organization and booker. */
  async findByOrder(
    supplierOrderId: string,
    bookingId: string | null,
  ): Promise<{ id: string; ctx: AuthContext } | null> {
    const byId = bookingId && /^[0-9a-f-]{36}$/i.test(bookingId) ? bookingId : null;
    const [row] = await this.db.manager.query(
      preAuthSql(`SELECT b.id, b.organization_id AS "organizationId", b.booker_id AS "userId", u.role
        FROM bookings b JOIN users u ON u.id = b.booker_id
       WHERE b.supplier = 'duffel' AND b.kind = 'flight' AND (b.supplier_order_id = $1 OR b.id = $2::uuid)
       ORDER BY (b.supplier_order_id = $1) DESC NULLS LAST LIMIT 1`),
      [supplierOrderId, byId],
    );
    return row ? { id: row.id, ctx: { organizationId: row.organizationId, userId: row.userId, role: row.role } } : null;
  }

  async seen(eventId: string): Promise<boolean> {
    const rows = await this.db.manager.query(preAuthSql('SELECT 1 FROM duffel_webhook_events WHERE id = $1'), [
      eventId,
    ]);
    return rows.length > 0;
  }

  /** Records a handled event; false when another delivery recorded it first. */
  async record(eventId: string, type: string, outcome: string): Promise<boolean> {
    const rows = await this.db.manager.query(
      preAuthSql(
        `INSERT INTO duffel_webhook_events (id, type, outcome) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING RETURNING id`,
      ),
      [eventId, type.slice(0, 80), outcome],
    );
    return rows.length === 1;
  }
}
