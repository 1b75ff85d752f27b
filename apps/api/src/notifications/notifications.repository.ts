import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../common/auth/auth-context';
import { TransactionRunner } from '../common/database/transaction-runner';
import { OrganizationScopedRepository } from '../common/tenancy/organization-scoped.repository';
import { Notification, type NotificationKind } from './notification.entity';

export interface NewNotification {
  kind: NotificationKind;
  title: string;
  link: string | null;
  tripId: string | null;
}

@Injectable()
export class NotificationsRepository extends OrganizationScopedRepository<Notification> {
  protected readonly entity = Notification;
  protected readonly noun = 'Notification';

  constructor(db: TransactionRunner) {
    super(db);
  }

  /**
   * One notification per user of `userIds` for the event `eventId`; the ones written (a user who
   * already has this event's is skipped, so a redelivered event adds nothing).
   */
  async record(
    ctx: AuthContext,
    eventId: string,
    userIds: readonly string[],
    notification: NewNotification,
  ): Promise<{ id: string; userId: string }[]> {
    if (userIds.length === 0) return [];
    return this.scopedSql<{ id: string; userId: string }>(
      ctx,
      `INSERT INTO notifications (organization_id, user_id, kind, title, link, trip_id, event_id)
         SELECT $organization, u.id, $2, $3, $4, $5, $6 FROM users u
          WHERE u.id = ANY($1::uuid[]) AND u.organization_id = $organization AND u.active
       ON CONFLICT (event_id, user_id) DO NOTHING
       RETURNING id, user_id AS "userId"`,
      [
        [...new Set(userIds)],
        notification.kind,
        notification.title.slice(0, 300),
        notification.link,
        notification.tripId,
        eventId,
      ],
    );
  }

  /** The caller's notifications, newest first (only unread ones with `unreadOnly`), and how many match. */
  list(ctx: AuthContext, unreadOnly: boolean, offset: number, limit: number): Promise<[Notification[], number]> {
    const query = this.query(ctx, 'n').andWhere('n.userId = :userId', { userId: ctx.userId });
    if (unreadOnly) query.andWhere('n.readAt IS NULL');
    return query.orderBy('n.createdAt', 'DESC').addOrderBy('n.id', 'DESC').skip(offset).take(limit).getManyAndCount();
  }

  async unreadCount(ctx: AuthContext): Promise<number> {
    const [row] = await this.scopedSql<{ unread: number }>(
      ctx,
      `SELECT COUNT(*)::int AS unread FROM notifications
        WHERE organization_id = $organization AND user_id = $1 AND read_at IS NULL`,
      [ctx.userId],
    );
    return row.unread;
  }

  /** Marks the caller's notification read (or every one of theirs without `id`); how many it found. */
  async markRead(ctx: AuthContext, id?: string): Promise<number> {
    const parameters: unknown[] = [ctx.userId];
    const one = id ? `AND id = $${parameters.push(id)}` : 'AND read_at IS NULL';
    // TypeORM returns [rows, affectedCount] for an UPDATE.
    const [, affected] = (await this.scopedSql(
      ctx,
      `UPDATE notifications SET read_at = COALESCE(read_at, now())
        WHERE organization_id = $organization AND user_id = $1 ${one}`,
      parameters,
    )) as [unknown[], number];
    return affected;
  }
}
