import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { AuthContext } from '../common/auth/auth-context';
import { TransactionRunner } from '../common/database/transaction-runner';
import { OrganizationScopedRepository } from '../common/tenancy/organization-scoped.repository';
import { Booking } from './booking.entity';
import { type PaymentAction, paymentSources, paymentTarget } from './payments/payment-status.machine';
import type { BookingStatus } from './booking-status.machine';

export type BookingChanges = QueryDeepPartialEntity<Booking>;

export interface BookingFilter {
  status?: BookingStatus[];
  tripId?: string;
  bookerId?: string;
  from?: string;
  to?: string;
}

@Injectable()
export class BookingsRepository extends OrganizationScopedRepository<Booking> {
  protected readonly entity = Booking;
  protected readonly noun = 'Booking';

  constructor(db: TransactionRunner) {
    super(db);
  }

  /** The booking the caller made with this `Idempotency-Key` (keys are the booker's own). */
  async findByKey(ctx: AuthContext, idempotencyKey: string): Promise<Booking | null> {
    const [booking] = await this.findWhere(ctx, { bookerId: ctx.userId, idempotencyKey });
    return booking ?? null;
  }

  listForTrip(ctx: AuthContext, tripId: string): Promise<Booking[]> {
    return this.findWhere(ctx, { tripId }, { createdAt: 'ASC', id: 'ASC' });
  }

  /** A page of the organization's bookings, newest first, and how many match. */
  list(ctx: AuthContext, filter: BookingFilter, page: { limit: number; offset: number }): Promise<[Booking[], number]> {
    const query = this.query(ctx, 'b');
    if (filter.status?.length) query.andWhere('b.status IN (:...status)', { status: filter.status });
    if (filter.tripId) query.andWhere('b.tripId = :tripId', { tripId: filter.tripId });
    if (filter.bookerId) query.andWhere('b.bookerId = :bookerId', { bookerId: filter.bookerId });
    if (filter.from) query.andWhere('b.createdAt >= :from', { from: filter.from });
    if (filter.to) query.andWhere("b.createdAt < (:to::date + interval '1 day')", { to: filter.to });
    return query
      .orderBy('b.createdAt', 'DESC')
      .addOrderBy('b.id', 'DESC')
      .take(page.limit)
      .skip(page.offset)
      .getManyAndCount();
  }

  /**
   * Moves the booking from `from` to `to` with `changes`, only if it is still in `from` (one
   * statement: of two concurrent writers, one wins). False when the status had moved on.
   */
  async transition(
    ctx: AuthContext,
    id: string,
    from: BookingStatus,
    to: BookingStatus,
    changes: BookingChanges = {},
  ): Promise<boolean> {
    return (
      (await this.updateWhere(ctx, { id, status: from }, { ...changes, status: to, version: () => 'version + 1' })) ===
      1
    );
  }

  /**
   * Moves the booking's payment by `action` (payment-status.machine.ts), only if its payment is
   * still in one of the action's source statuses: a late webhook and the request cannot both win,
   * and nothing moves a payment backwards. False when it had moved on.
   */
  async movePayment(
    ctx: AuthContext,
    id: string,
    action: PaymentAction,
    changes: BookingChanges = {},
  ): Promise<boolean> {
    const where = { id, paymentMethod: 'card' as const, paymentStatus: In([...paymentSources(action)]) };
    return (
      (await this.updateWhere(ctx, where, {
        ...changes,
        paymentStatus: paymentTarget(action),
        version: () => 'version + 1',
      })) === 1
    );
  }

  /**
   * Serialises the caller's booking claims (a transaction-scoped advisory lock on the booker), so
   * the daily count below cannot be passed by concurrent requests.
   */
  async lockBooker(ctx: AuthContext): Promise<void> {
    await this.scopedSql(
      ctx,
      `SELECT pg_advisory_xact_lock(hashtextextended('booking:' || $1 || ':' || $organization, 0))`,
      [ctx.userId],
    );
  }

  /** Bookings the caller made in the last 24 hours that hold (or held) seats: failed and rejected ones do not count. */
  async countRecent(ctx: AuthContext): Promise<number> {
    const [row] = await this.scopedSql<{ n: number }>(
      ctx,
      `SELECT count(*)::int AS n FROM bookings
        WHERE organization_id = $organization AND booker_id = $1 AND created_at > now() - interval '1 day'
          AND status NOT IN ('failed', 'rejected')`,
      [ctx.userId],
    );
    return row.n;
  }

  /** Frees an expired key for a new request: the old booking keeps it with its id appended (unique, never sent by a client: too long or not matching). */
  async retireKey(ctx: AuthContext, id: string): Promise<void> {
    await this.scopedSql(
      ctx,
      `UPDATE bookings SET idempotency_key = left(idempotency_key, 200) || ' retired ' || id
        WHERE id = $1 AND organization_id = $organization AND idempotency_key NOT LIKE '% retired %'`,
      [id],
    );
  }

  /** The booking request's answer, replayed to retries with its key (only the first is kept). */
  async recordAnswer(ctx: AuthContext, id: string, status: number, body: unknown): Promise<void> {
    await this.scopedSql(
      ctx,
      `UPDATE bookings SET response_status = $2, response_body = $3 WHERE id = $1 AND organization_id = $organization AND response_status IS NULL`,
      [id, status, JSON.stringify(body)],
    );
  }

  /** Writes columns that do not change the status (a new price while waiting, the replayed response). */
  async change(ctx: AuthContext, id: string, changes: BookingChanges): Promise<void> {
    await this.updateWhere(ctx, { id }, { ...changes, version: () => 'version + 1' });
  }
}
