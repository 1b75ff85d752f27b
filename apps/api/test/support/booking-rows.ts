import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import type { Session } from './factories';

export interface BookingRow {
  tripId: string;
  passengerIds: string[];
  amount: string;
  currency: string;
  rate: string | null;
  reportCurrency?: string;
  confirmedAt: string | null;
  kg?: number | null;
  supplier?: string;
  verdict?: string;
  reasonCode?: string | null;
  cheapest?: { amount: string; currency: string } | null;
  cancelledAt?: string;
  refund?: string;
  /** A flight's offer (default `{}`), or a stay booking's `stay` column instead (statements describe both). */
  offer?: object;
  stay?: object;
  bookingReference?: string;
}

/** A booking as the booking flow stores it, with chosen amounts, rates and instants (reports and budgets). */
export async function insertBookingRow(sql: Client, session: Session, row: BookingRow): Promise<string> {
  const id = randomUUID();
  const status = row.cancelledAt ? 'cancelled' : row.confirmedAt ? 'confirmed' : 'pending_approval';
  await sql.query(
    `INSERT INTO bookings (id, organization_id, trip_id, booker_id, passenger_ids, status, supplier, offer_id,
         supplier_offer_id, offer, total_amount, total_currency, policy_verdict, policy_version, policy_reasons,
         policy_reason_code, cheapest_in_policy, supplier_order_id, booking_reference, idempotency_key,
         request_fingerprint, report_currency, report_rate, emissions_kg, confirmed_at, cancelled_at, refund_amount,
         refund_currency, kind, stay)
       VALUES ($1, $2, $3, $4, $5, $6, $7, gen_random_uuid(), $8, $22, $9, $10, $11, 1, '[]', $12, $13, $14, $23,
         $15, repeat('0', 64), $16, $17, $18, $19, $20, $21, $10, $24, $25)`,
    [
      id,
      session.user.organizationId,
      row.tripId,
      session.user.id,
      row.passengerIds,
      status,
      row.supplier ?? 'sandbox',
      `offer-${id}`,
      row.amount,
      row.currency,
      row.verdict ?? 'in_policy',
      row.reasonCode ?? null,
      row.cheapest ? JSON.stringify({ offerId: randomUUID(), ...row.cheapest }) : null,
      row.confirmedAt ? `order-${id}` : null,
      `key-${id}`,
      row.rate === null ? null : (row.reportCurrency ?? 'EUR'),
      row.rate,
      row.kg ?? null,
      row.confirmedAt,
      row.cancelledAt ?? null,
      row.refund ?? null,
      row.stay ? null : JSON.stringify(row.offer ?? {}),
      row.bookingReference ?? 'SBX-TEST01',
      row.stay ? 'stay' : 'flight',
      row.stay ? JSON.stringify(row.stay) : null,
    ],
  );
  return id;
}
