import { Inject, Injectable } from '@nestjs/common';
import type { AuthContext } from '../common/auth/auth-context';
import { hashToken, newOpaqueToken } from '../common/auth/opaque-token';
import { UserRole } from '../common/auth/user-role';
import { TransactionRunner } from '../common/database/transaction-runner';
import { NotFoundError } from '../common/errors/domain-error';
import { OrganizationScopedRepository } from '../common/tenancy/organization-scoped.repository';
import { preAuthSql } from '../common/tenancy/pre-auth';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { TripsRepository } from '../trips/trips.repository';
import { BookingApprovalLink } from './booking-approval-link.entity';
import { BookingsService } from './bookings.service';
import type { BookingDecisionDto, BookingResponse } from './dto/booking.dto';

/** Long enough for an approver away for a day; the offer itself usually expires sooner (approval re-prices). */
const LINK_TTL_MS = 72 * 60 * 60_000;

@Injectable()
export class BookingApprovalLinksRepository extends OrganizationScopedRepository<BookingApprovalLink> {
  protected readonly entity = BookingApprovalLink;
  protected readonly noun = 'Approval link';

  constructor(db: TransactionRunner) {
    super(db);
  }

  /** Kills every link of the booking: it is decided. */
  async useAll(ctx: AuthContext, bookingId: string): Promise<void> {
    await this.scopedSql(
      ctx,
      'UPDATE booking_approval_links SET used_at = now() WHERE booking_id = $1 AND organization_id = $organization AND used_at IS NULL',
      [bookingId],
    );
  }
}

/** A live link: the booking it decides and who it decides as. */
interface LiveLink {
  bookingId: string;
  expiresAt: Date;
  ctx: AuthContext;
}

/**
 * The approve-from-the-e-mail links (docs/booking.md § Approval). The token is looked up before
 * there is a caller (a pre-auth statement); it then acts as its approver, through the same
 * `BookingsService.approve` / `reject` and access checks as the web app — an approver who lost the
 * role, or was deactivated, can no longer use theirs.
 */
@Injectable()
export class BookingApprovalLinks {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: TransactionRunner,
    private readonly links: BookingApprovalLinksRepository,
    private readonly bookings: BookingsService,
    private readonly trips: TripsRepository,
  ) {}

  /** A new link for `approverId` (inside the caller's transaction); its URL carries the only copy of the token. */
  async create(ctx: AuthContext, bookingId: string, approverId: string): Promise<string> {
    const token = newOpaqueToken();
    await this.links.insert(ctx, {
      bookingId,
      approverId,
      tokenHash: hashToken(this.config.sessionSecret, token),
      expiresAt: new Date(Date.now() + LINK_TTL_MS),
      usedAt: null,
    });
    return `${this.config.webUrl.replace(/\/$/, '')}/booking-approval/${token}`;
  }

  /** What the confirmation page shows; opening it changes nothing. */
  async preview(token: string): Promise<{ expiresAt: string; tripTitle: string; booking: BookingResponse }> {
    const link = await this.live(token);
    const booking = await this.bookings.get(link.ctx, link.bookingId);
    const trip = await this.trips.getById(link.ctx, booking.tripId);
    return { expiresAt: link.expiresAt.toISOString(), tripTitle: trip.title, booking };
  }

  async approve(token: string, dto: BookingDecisionDto): Promise<BookingResponse> {
    const link = await this.live(token);
    const answer = await this.bookings.approve(link.ctx, link.bookingId, dto);
    await this.db.run(() => this.links.useAll(link.ctx, link.bookingId));
    return answer.body;
  }

  async reject(token: string, dto: BookingDecisionDto): Promise<BookingResponse> {
    const link = await this.live(token);
    const rejected = await this.bookings.reject(link.ctx, link.bookingId, dto);
    await this.db.run(() => this.links.useAll(link.ctx, link.bookingId));
    return rejected;
  }

  /**
   * The link, when it exists, is unused and unexpired, its booking still waits for a decision (one
   * taken in the web app kills it too), and its approver is still an active manager or admin; else 404.
   */
  private async live(token: string): Promise<LiveLink> {
    if (!/^[\w-]{43}$/.test(token)) throw new NotFoundError('Approval link');
    const [row] = await this.db.manager.query(
      preAuthSql(`SELECT l.booking_id AS "bookingId", l.expires_at AS "expiresAt", l.organization_id AS "organizationId",
              u.id AS "userId", u.role
         FROM booking_approval_links l
         JOIN users u ON u.id = l.approver_id AND u.organization_id = l.organization_id
         JOIN bookings b ON b.id = l.booking_id AND b.organization_id = l.organization_id
        WHERE l.token_hash = $1 AND l.used_at IS NULL AND l.expires_at > now()
          AND u.active AND u.role IN ('manager', 'admin') AND b.status = 'pending_approval'`),
      [hashToken(this.config.sessionSecret, token)],
    );
    if (!row) throw new NotFoundError('Approval link');
    const role = row.role as UserRole;
    return {
      bookingId: row.bookingId,
      expiresAt: new Date(row.expiresAt),
      ctx: { organizationId: row.organizationId, userId: row.userId, role },
    };
  }
}
