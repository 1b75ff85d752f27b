import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { AuthContext } from '../common/auth/auth-context';
import type { UserRole } from '../common/auth/user-role';
import { loggableDatabaseError } from '../common/database/database-error';
import { TransactionRunner } from '../common/database/transaction-runner';
import { BookingErrorCode } from '../common/errors/error-codes';
import { preAuthSql } from '../common/tenancy/pre-auth';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { BookingKind } from './booking.entity';
import { BookingOrders } from './booking-orders';
import { codeFor, wordsFor } from './booking-kind';
import { BookingStatus } from './booking-status.machine';
import { BookingsRepository } from './bookings.repository';
import { CardPayments } from './payments/card-payments';

/** How long a claimed booking stays invisible to other reconcilers (both API processes run one). */
const LEASE_SECONDS = 120;
const BATCH_SIZE = 20;
/** Orders made this long before `ordering` was written still count (clocks differ). */
const CLOCK_MARGIN_MS = 5 * 60_000;

interface Stuck {
  id: string;
  organizationId: string;
  bookerId: string;
  role: UserRole;
  kind: BookingKind;
  orderingStartedAt: Date;
}

export interface ReconcileResult {
  confirmed: number;
  failed: number;
  /** No order yet, before the deadline: looked at again later. */
  waiting: number;
}

/**
 * Finishes bookings stuck in `ordering`: the request that placed the order died (or lost its
 * connection) between the supplier's answer and our write. The supplier is asked for the order that
 * carries the booking's id in its metadata; found → confirmed as the request would have; none after
 * BOOKING_ORDERING_DEADLINE_MS → failed. Runs every BOOKING_RECONCILE_INTERVAL_MS in every API
 * process; a booking is claimed with `FOR UPDATE SKIP LOCKED` and a lease, so two processes never
 * work on one at once, and the supplier is called with no transaction open.
 */
@Injectable()
export class BookingReconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(BookingReconciler.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<ReconcileResult>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: TransactionRunner,
    private readonly orders: BookingOrders,
    private readonly payments: CardPayments,
    private readonly bookings: BookingsRepository,
  ) {}

  onApplicationBootstrap(): void {
    const interval = this.config.booking.reconcileIntervalMs;
    if (interval <= 0) return;
    this.timer = setInterval(() => {
      this.running ??= Promise.all([this.reconcile(), this.expireWaiting(), this.settlePayments()])
        .then(([result]) => result)
        .catch((error: unknown) => {
          this.logger.warn({ err: loggableDatabaseError(error) ?? error }, 'booking reconciliation failed; will retry');
          return { confirmed: 0, failed: 0, waiting: 0 };
        })
        .finally(() => (this.running = undefined));
    }, interval);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass over the bookings stuck at `now` (tests call it with their own clock and thresholds). */
  async reconcile(
    now = new Date(),
    thresholds: Pick<AppConfig['booking'], 'orderingStaleMs' | 'orderingDeadlineMs'> = this.config.booking,
  ): Promise<ReconcileResult> {
    const result: ReconcileResult = { confirmed: 0, failed: 0, waiting: 0 };
    const stuck = await this.claim(new Date(now.getTime() - thresholds.orderingStaleMs));
    for (const booking of stuck) {
      const ctx: AuthContext = { organizationId: booking.organizationId, userId: booking.bookerId, role: booking.role };
      try {
        result[await this.finish(ctx, booking, now, thresholds)]++;
      } catch (error) {
        // One booking's failure (the supplier down, say) leaves the others to finish; its lease lapses and it is tried again.
        this.logger.warn(
          { bookingId: booking.id, err: loggableDatabaseError(error) ?? error },
          'booking not reconciled; will retry',
        );
        result.waiting++;
      }
    }
    if (stuck.length) this.logger.log({ ...result }, 'bookings reconciled');
    return result;
  }

  private async finish(
    ctx: AuthContext,
    booking: Stuck,
    now: Date,
    thresholds: Pick<AppConfig['booking'], 'orderingDeadlineMs'>,
  ): Promise<keyof ReconcileResult> {
    const since = new Date(booking.orderingStartedAt.getTime() - CLOCK_MARGIN_MS);
    const made = await this.orders.findOrder(booking.kind, booking.id, since);
    if (made) {
      const finished = await this.orders.confirm(ctx, booking.id, made);
      return finished.status === BookingStatus.Confirmed ? 'confirmed' : 'waiting';
    }
    if (now.getTime() - booking.orderingStartedAt.getTime() < thresholds.orderingDeadlineMs) return 'waiting';
    const message = 'No order was made at the supplier: nothing was booked. Search again';
    return (await this.orders.fail(ctx, booking.id, { code: BookingErrorCode.SupplierRefused, message }))
      ? 'failed'
      : 'waiting';
  }

  /**
   * Fails bookings still waiting for an approver whose offer has expired (the supplier would refuse
   * it, and re-pricing an expired offer is impossible): the booker is told to search again, and the
   * approvers' queue loses a booking nobody can approve any more. Returns how many.
   */
  async expireWaiting(now = new Date()): Promise<number> {
    const rows: Array<{ id: string; organizationId: string; bookerId: string; role: UserRole; kind: BookingKind }> =
      await this.db.manager.query(
        preAuthSql(`SELECT b.id, b.organization_id AS "organizationId", b.booker_id AS "bookerId", u.role, b.kind
         FROM bookings b JOIN users u ON u.id = b.booker_id
        WHERE b.status = 'pending_approval' AND (COALESCE(b.offer, b.stay) ->> 'expiresAt')::timestamptz <= $1
        ORDER BY b.created_at LIMIT $2`),
        [now, BATCH_SIZE],
      );
    let expired = 0;
    for (const row of rows) {
      const ctx: AuthContext = { organizationId: row.organizationId, userId: row.bookerId, role: row.role };
      const error = {
        code: codeFor(row.kind, BookingErrorCode.OfferExpired),
        message: `The ${wordsFor(row.kind).item} expired while the booking waited for approval: search again`,
      };
      // A compare-and-set from pending_approval: an approval or rejection meanwhile wins.
      if (await this.orders.fail(ctx, row.id, error, BookingStatus.PendingApproval)) expired++;
    }
    return expired;
  }

  /**
   * Card payments left behind their booking because Stripe did not answer at the time
   * (docs/payments.md § Paying a booking): a hold on an ordered booking not captured, a hold on a
   * failed one not released, a cancelled booking's refund not made. Each is settled again
   * (`CardPayments.settle` reads the PaymentIntent first, so a step that went through is recorded,
   * never repeated). Returns how many payments moved.
   */
  async settlePayments(): Promise<number> {
    if (!this.payments.enabled) return 0;
    const rows: Array<{ id: string; organizationId: string; bookerId: string; role: UserRole }> =
      await this.db.manager.query(
        preAuthSql(`SELECT b.id, b.organization_id AS "organizationId", b.booker_id AS "bookerId", u.role
         FROM bookings b JOIN users u ON u.id = b.booker_id
        WHERE b.payment_method = 'card' AND b.payment_intent_id IS NOT NULL AND b.status <> 'ordering'
          AND (b.payment_status = 'authorised'
               OR (b.payment_status = 'captured' AND b.status = 'cancelled' AND b.refund_amount > 0
                   AND b.refund_currency = b.total_currency))
        ORDER BY b.updated_at LIMIT $1`),
        [BATCH_SIZE],
      );
    let moved = 0;
    for (const row of rows) {
      const ctx: AuthContext = { organizationId: row.organizationId, userId: row.bookerId, role: row.role };
      const booking = await this.bookings.getById(ctx, row.id);
      if ((await this.payments.settle(ctx, booking)).paymentStatus !== booking.paymentStatus) moved++;
    }
    return moved;
  }

  /**
   * Takes a lease on bookings in `ordering` since before `cutoff`, across organizations (the
   * reconciler works for all of them; each booking is then finished through the scoped repository
   * in its own organization, as its booker).
   */
  private async claim(cutoff: Date): Promise<Stuck[]> {
    const rows: Array<Stuck & { orderingStartedAt: Date | string }> = await this.db.manager.query(
      // A CTE, so the driver returns the rows (an UPDATE's result comes back as [rows, count]).
      preAuthSql(`WITH claimed AS (UPDATE bookings b SET reconcile_lease_until = now() + make_interval(secs => $3)
        FROM users u
       WHERE u.id = b.booker_id
         AND b.id IN (SELECT id FROM bookings
                       WHERE status = 'ordering' AND ordering_started_at < $1
                         AND (reconcile_lease_until IS NULL OR reconcile_lease_until < now())
                       ORDER BY ordering_started_at LIMIT $2 FOR UPDATE SKIP LOCKED)
      RETURNING b.id, b.organization_id AS "organizationId", b.booker_id AS "bookerId", u.role, b.kind, b.ordering_started_at AS "orderingStartedAt")
      SELECT * FROM claimed`),
      [cutoff, BATCH_SIZE, LEASE_SECONDS],
    );
    return rows.map((row) => ({ ...row, orderingStartedAt: new Date(row.orderingStartedAt) }));
  }
}
