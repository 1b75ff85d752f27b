import { Injectable } from '@nestjs/common';
import { Booking, type BookingKind } from '../booking/booking.entity';
import type { AuthContext } from '../common/auth/auth-context';
import { TransactionRunner } from '../common/database/transaction-runner';
import { OrganizationScopedRepository } from '../common/tenancy/organization-scoped.repository';

/**
 * The bookings invoiced to the organization (docs/statements.md § Which bookings): confirmed ones
 * not paid by card. The one place that says so: a booking paid by the organization's card
 * (docs/payments.md) is settled by the charge and must not be invoiced again.
 */
const INVOICED = `b.confirmed_at IS NOT NULL AND b.payment_method = 'invoice'`;

/** One line of a statement as read: a booking confirmed (`charge`) or the refund of its cancellation. */
export interface StatementLineRow {
  at: Date;
  entry: 'charge' | 'refund';
  booking_id: string;
  kind: BookingKind;
  supplier: string;
  booking_reference: string | null;
  trip_title: string;
  travellers: string | null;
  /** Signed: a refund is negative. */
  amount: string;
  currency: string;
  /** A flight's slices as "LHR–JFK", its carrier and first departure (local); a stay's property, city and dates. */
  route: string | null;
  carrier: string | null;
  departs: string | null;
  property: string | null;
  city: string | null;
  check_in: string | null;
  check_out: string | null;
}

/** A month's sums in one currency (amounts as decimal text; refunds positive). */
export interface MonthTotalsRow {
  month: string;
  currency: string;
  charges: string;
  refunds: string;
  net: string;
  lines: number;
}

/**
 * The statement's half-open period [$1, $2) as `lines`: bookings confirmed in it (+ price, in the
 * booking's currency) and cancellations of confirmed bookings in it (− refund, in the refund's
 * currency). Both halves read `idx_bookings_report_confirmed` / `_cancelled` (organization, instant).
 */
const LINES = `WITH lines AS (
    SELECT b.id, b.confirmed_at AS at, 'charge' AS entry, b.total_amount AS amount, b.total_currency AS currency
      FROM bookings b
     WHERE b.organization_id = $organization AND b.confirmed_at >= $1 AND b.confirmed_at < $2 AND ${INVOICED}
    UNION ALL
    SELECT b.id, b.cancelled_at, 'refund', -COALESCE(b.refund_amount, 0), COALESCE(b.refund_currency, b.total_currency)
      FROM bookings b
     WHERE b.organization_id = $organization AND b.cancelled_at >= $1 AND b.cancelled_at < $2 AND ${INVOICED}
  )`;

/** Monthly statements' reads (docs/statements.md): every query compares organization_id with the caller's. */
@Injectable()
export class StatementsRepository extends OrganizationScopedRepository<Booking> {
  protected readonly entity = Booking;
  protected readonly noun = 'Booking';

  constructor(db: TransactionRunner) {
    super(db);
  }

  /** Per month and currency, every month of the period that has a line, newest first. */
  monthTotals(ctx: AuthContext, from: string, to: string): Promise<MonthTotalsRow[]> {
    return this.scopedSql<MonthTotalsRow>(
      ctx,
      `${LINES}
       SELECT to_char(l.at AT TIME ZONE 'UTC', 'YYYY-MM') AS month, l.currency,
              COALESCE(SUM(l.amount) FILTER (WHERE l.entry = 'charge'), 0)::numeric(14, 2)::text AS charges,
              COALESCE(-SUM(l.amount) FILTER (WHERE l.entry = 'refund'), 0)::numeric(14, 2)::text AS refunds,
              SUM(l.amount)::numeric(14, 2)::text AS net, COUNT(*)::int AS lines
         FROM lines l
        GROUP BY 1, 2
        ORDER BY 1 DESC, 2`,
      [from, to],
    );
  }

  /** The period's lines, oldest first, read through a cursor `batchSize` rows at a time. */
  async *lines(ctx: AuthContext, from: string, to: string, batchSize: number): AsyncGenerator<StatementLineRow[]> {
    yield* this.scopedCursor<StatementLineRow>(
      ctx,
      `${LINES}
       SELECT l.at, l.entry, b.id AS booking_id, b.kind, b.supplier, b.booking_reference, t.title AS trip_title,
              (SELECT string_agg(u.name, '; ' ORDER BY array_position(b.passenger_ids, u.id))
                 FROM users u WHERE u.organization_id = $organization AND u.id = ANY (b.passenger_ids)) AS travellers,
              l.amount::text AS amount, l.currency,
              (SELECT string_agg((s->'origin'->>'iataCode') || '–' || (s->'destination'->>'iataCode'), ', ')
                 FROM jsonb_array_elements(b.offer->'slices') s) AS route,
              b.offer->'owner'->>'name' AS carrier,
              b.offer->'slices'->0->'segments'->0->>'departingAt' AS departs,
              b.stay->'quote'->'property'->>'name' AS property,
              b.stay->'quote'->'property'->'address'->>'cityName' AS city,
              b.stay->'quote'->>'checkInDate' AS check_in, b.stay->'quote'->>'checkOutDate' AS check_out
         FROM lines l
         JOIN bookings b ON b.id = l.id AND b.organization_id = $organization
         JOIN trips t ON t.id = b.trip_id AND t.organization_id = $organization
        ORDER BY l.at, l.entry, b.id`,
      [from, to],
      batchSize,
    );
  }
}
