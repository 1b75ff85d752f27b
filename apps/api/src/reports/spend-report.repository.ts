import { Injectable } from '@nestjs/common';
import { Booking } from '../booking/booking.entity';
import type { AuthContext } from '../common/auth/auth-context';
import { TransactionRunner } from '../common/database/transaction-runner';
import { OrganizationScopedRepository } from '../common/tenancy/organization-scoped.repository';

/** The period as instants (`to` exclusive), the reporting currency and the filters, as validated. */
export interface SpendScope {
  from: string;
  to: string;
  currency: string;
  costCentre?: string | null;
  supplier?: string;
  travellerId?: string;
}

/** Net spend, refunds, confirmed bookings and kg CO2e of one group (amounts as decimal text). */
export interface FiguresRow {
  key: string | null;
  spend: string;
  refunds: string;
  bookings: number;
  emissions_kg: number;
}

export interface TravellerRow extends FiguresRow {
  name: string;
}

export interface PolicyRow {
  in_policy: number;
  in_policy_spend: string;
  out_of_policy: number;
  out_of_policy_spend: string;
}

export interface SavingsRow {
  bookings: number;
  paid: string;
  cheapest: string;
  missed: string;
}

/** One line of the CSV export: a booking confirmed, or the refund of its cancellation. */
export interface SpendEntryRow {
  at: Date;
  entry: 'booking' | 'refund';
  booking_id: string;
  booking_reference: string | null;
  trip_title: string;
  destination: string;
  cost_centre: string | null;
  supplier: string;
  travellers: string | null;
  booked_amount: string;
  booked_currency: string;
  rate: string;
  amount: string;
  emissions_kg: number;
  policy: 'in_policy' | 'out_of_policy';
  reason_code: string | null;
  cheapest_in_policy: string | null;
}

const FIGURES = `COALESCE(SUM(e.amount), 0)::numeric(14, 2)::text AS spend, COALESCE(SUM(e.refund), 0)::numeric(14, 2)::text AS refunds,
  COALESCE(SUM(e.confirmed), 0)::int AS bookings, COALESCE(SUM(e.kg), 0)::int AS emissions_kg`;

/** Out of policy: a rule was broken, whether a reason code or an approver let it through. */
const OUT_OF_POLICY = `(e.policy_verdict <> 'in_policy' OR e.policy_reason_code IS NOT NULL)`;

/**
 * The spend report's queries (docs/reports.md § Spend). Every figure is a sum over "spend events":
 * a booking counts its price when confirmed, and a cancellation subtracts its refund (and the
 * flight's CO2) when cancelled — each converted at the rate recorded with the booking. Both halves
 * read `idx_bookings_report_confirmed` / `_cancelled`. A future booking `kind` is one more column
 * in `events` and one more filter or grouping.
 */
@Injectable()
export class SpendReportRepository extends OrganizationScopedRepository<Booking> {
  protected readonly entity = Booking;
  protected readonly noun = 'Booking';

  constructor(db: TransactionRunner) {
    super(db);
  }

  byMonth(ctx: AuthContext, scope: SpendScope): Promise<FiguresRow[]> {
    return this.grouped(ctx, scope, `to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM')`);
  }

  bySupplier(ctx: AuthContext, scope: SpendScope): Promise<FiguresRow[]> {
    return this.grouped(ctx, scope, 'e.supplier');
  }

  byDestination(ctx: AuthContext, scope: SpendScope): Promise<FiguresRow[]> {
    return this.grouped(ctx, scope, 't.destination', true);
  }

  byCostCentre(ctx: AuthContext, scope: SpendScope): Promise<FiguresRow[]> {
    return this.grouped(ctx, scope, 't.cost_centre', true);
  }

  /** A booking's spend and CO2 shared equally by its passengers (rounded after summing). */
  async byTraveller(ctx: AuthContext, scope: SpendScope, limit: number): Promise<TravellerRow[]> {
    const { sql, parameters } = events(scope);
    return this.scopedSql<TravellerRow>(
      ctx,
      `${sql}
       SELECT p.id::text AS key, u.name,
              SUM(e.amount / cardinality(e.passenger_ids))::numeric(14, 2)::text AS spend,
              SUM(e.refund / cardinality(e.passenger_ids))::numeric(14, 2)::text AS refunds,
              SUM(e.confirmed)::int AS bookings,
              ROUND(SUM(e.kg::numeric / cardinality(e.passenger_ids)))::int AS emissions_kg
         FROM events e
        CROSS JOIN LATERAL unnest(e.passenger_ids) AS p(id)
         JOIN users u ON u.id = p.id AND u.organization_id = $organization
        GROUP BY p.id, u.name
        ORDER BY SUM(e.amount / cardinality(e.passenger_ids)) DESC, u.name
        LIMIT ${Math.trunc(limit)}`,
      parameters,
    );
  }

  async policy(ctx: AuthContext, scope: SpendScope): Promise<PolicyRow> {
    const { sql, parameters } = events(scope);
    const [row] = await this.scopedSql<PolicyRow>(
      ctx,
      `${sql}
       SELECT COUNT(*) FILTER (WHERE NOT ${OUT_OF_POLICY})::int AS in_policy,
              COALESCE(SUM(e.amount) FILTER (WHERE NOT ${OUT_OF_POLICY}), 0)::numeric(14, 2)::text AS in_policy_spend,
              COUNT(*) FILTER (WHERE ${OUT_OF_POLICY})::int AS out_of_policy,
              COALESCE(SUM(e.amount) FILTER (WHERE ${OUT_OF_POLICY}), 0)::numeric(14, 2)::text AS out_of_policy_spend
         FROM events e
        WHERE e.confirmed = 1`,
      parameters,
    );
    return row;
  }

  async reasonCodes(ctx: AuthContext, scope: SpendScope): Promise<FiguresRow[]> {
    const { sql, parameters } = events(scope);
    return this.scopedSql<FiguresRow>(
      ctx,
      `${sql}
       SELECT e.policy_reason_code AS key, ${FIGURES}
         FROM events e
        WHERE e.confirmed = 1 AND e.policy_reason_code IS NOT NULL
        GROUP BY e.policy_reason_code
        ORDER BY COUNT(*) DESC, e.policy_reason_code`,
      parameters,
    );
  }

  /** Bookings beside the cheapest in-policy offer of their search, recorded at booking, both at the booking's rate. */
  async savings(ctx: AuthContext, scope: SpendScope): Promise<SavingsRow> {
    const { sql, parameters } = events(scope);
    const [row] = await this.scopedSql<SavingsRow>(
      ctx,
      `${sql}
       SELECT COUNT(*)::int AS bookings, COALESCE(SUM(e.amount), 0)::numeric(14, 2)::text AS paid,
              COALESCE(SUM(c.amount), 0)::numeric(14, 2)::text AS cheapest,
              COALESCE(SUM(GREATEST(e.amount - c.amount, 0)), 0)::numeric(14, 2)::text AS missed
         FROM events e
        CROSS JOIN LATERAL (SELECT ROUND((e.cheapest_in_policy->>'amount')::numeric * e.report_rate, 2) AS amount) c
        WHERE e.confirmed = 1 AND e.cheapest_in_policy->>'currency' = e.total_currency
         `,
      parameters,
    );
    return row;
  }

  /** The net spend of the scope (budgets compare it with their amount). */
  async netSpend(ctx: AuthContext, scope: SpendScope): Promise<string> {
    const { sql, parameters } = events(scope);
    const [row] = await this.scopedSql<{ spend: string }>(
      ctx,
      `${sql} SELECT COALESCE(SUM(e.amount), 0)::numeric(14, 2)::text AS spend FROM events e`,
      parameters,
    );
    return row.spend;
  }

  /** Bookings confirmed in the period whose recorded currency is not the reporting one. */
  async unconverted(ctx: AuthContext, scope: SpendScope): Promise<number> {
    const { where, parameters } = bookingFilter(scope);
    const [row] = await this.scopedSql<{ count: number }>(
      ctx,
      `SELECT COUNT(*)::int AS count FROM bookings b
        WHERE b.organization_id = $organization AND b.confirmed_at >= $1 AND b.confirmed_at < $2
          AND b.report_currency IS DISTINCT FROM $3 ${where}`,
      parameters,
    );
    return row.count;
  }

  /** Every spend event of the period, oldest first, read through a cursor `batchSize` rows at a time. */
  async *entries(ctx: AuthContext, scope: SpendScope, batchSize: number): AsyncGenerator<SpendEntryRow[]> {
    const { sql, parameters } = events(scope);
    yield* this.scopedCursor<SpendEntryRow>(
      ctx,
      `${sql}
       SELECT e.at, CASE WHEN e.confirmed = 1 THEN 'booking' ELSE 'refund' END AS entry,
              e.id AS booking_id, e.booking_reference, t.title AS trip_title, t.destination, t.cost_centre,
              e.supplier,
              (SELECT string_agg(u.name, '; ' ORDER BY array_position(e.passenger_ids, u.id))
                 FROM users u WHERE u.organization_id = $organization AND u.id = ANY (e.passenger_ids)) AS travellers,
              CASE WHEN e.confirmed = 1 THEN e.total_amount ELSE -COALESCE(e.refund_amount, 0) END::text AS booked_amount,
              e.total_currency AS booked_currency, e.report_rate::text AS rate, e.amount::text AS amount,
              e.kg AS emissions_kg,
              CASE WHEN ${OUT_OF_POLICY} THEN 'out_of_policy' ELSE 'in_policy' END AS policy,
              e.policy_reason_code AS reason_code,
              CASE WHEN e.confirmed = 1 AND e.cheapest_in_policy->>'currency' = e.total_currency
                   THEN ROUND((e.cheapest_in_policy->>'amount')::numeric * e.report_rate, 2)::text END AS cheapest_in_policy
         FROM events e
         JOIN trips t ON t.id = e.trip_id AND t.organization_id = $organization
        ORDER BY e.at, e.id, e.confirmed DESC`,
      parameters,
      batchSize,
    );
  }

  private grouped(ctx: AuthContext, scope: SpendScope, key: string, joinTrips = false): Promise<FiguresRow[]> {
    const { sql, parameters } = events(scope);
    const trips = joinTrips ? 'JOIN trips t ON t.id = e.trip_id AND t.organization_id = $organization' : '';
    return this.scopedSql<FiguresRow>(
      ctx,
      `${sql}
       SELECT ${key} AS key, ${FIGURES}
         FROM events e ${trips}
        GROUP BY ${key}
        ORDER BY SUM(e.amount) DESC, ${key}`,
      parameters,
    );
  }
}

/** The filters on `bookings b`, after the period and currency ($1–$3). */
function bookingFilter(scope: SpendScope): { where: string; parameters: unknown[] } {
  const parameters: unknown[] = [scope.from, scope.to, scope.currency];
  const conditions: string[] = [];
  if (scope.supplier) {
    parameters.push(scope.supplier);
    conditions.push(`b.supplier = $${parameters.length}`);
  }
  if (scope.travellerId) {
    parameters.push(scope.travellerId);
    conditions.push(`$${parameters.length}::uuid = ANY (b.passenger_ids)`);
  }
  if (scope.costCentre !== undefined) {
    parameters.push(scope.costCentre);
    conditions.push(
      `b.trip_id IN (SELECT id FROM trips WHERE organization_id = $organization AND cost_centre IS NOT DISTINCT FROM $${parameters.length})`,
    );
  }
  return { where: conditions.map((condition) => `AND ${condition}`).join(' '), parameters };
}

/** The `events` CTE: bookings confirmed in the period (+ price) and cancellations in it (− refund). */
function events(scope: SpendScope): { sql: string; parameters: unknown[] } {
  const { where, parameters } = bookingFilter(scope);
  const columns = `b.id, b.trip_id, b.passenger_ids, b.supplier, b.booking_reference, b.policy_verdict,
    b.policy_reason_code, b.cheapest_in_policy, b.total_amount, b.total_currency, b.refund_amount, b.report_rate`;
  const sql = `WITH events AS (
    SELECT ${columns}, b.confirmed_at AS at, 1 AS confirmed, ROUND(b.total_amount * b.report_rate, 2) AS amount,
           0::numeric AS refund, COALESCE(b.emissions_kg, 0) AS kg
      FROM bookings b
     WHERE b.organization_id = $organization AND b.confirmed_at >= $1 AND b.confirmed_at < $2
       AND b.report_currency = $3 ${where}
    UNION ALL
    SELECT ${columns}, b.cancelled_at AS at, 0 AS confirmed, -ROUND(COALESCE(b.refund_amount, 0) * b.report_rate, 2),
           ROUND(COALESCE(b.refund_amount, 0) * b.report_rate, 2), -COALESCE(b.emissions_kg, 0)
      FROM bookings b
     WHERE b.organization_id = $organization AND b.cancelled_at >= $1 AND b.cancelled_at < $2
       AND b.confirmed_at IS NOT NULL AND b.report_currency = $3 ${where}
  )`;
  return { sql, parameters };
}
