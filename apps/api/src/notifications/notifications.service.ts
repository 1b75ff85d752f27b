import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../common/auth/auth-context';
import { TransactionRunner } from '../common/database/transaction-runner';
import { NotFoundError } from '../common/errors/domain-error';
import type { NotificationQuery, NotificationResponse, NotificationsPage } from './dto/notification.dto';
import type { Notification } from './notification.entity';
import { NotificationsRepository } from './notifications.repository';

/** The caller's own notification centre: nobody reads or marks anyone else's. */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly db: TransactionRunner,
    private readonly notifications: NotificationsRepository,
  ) {}

  async list(ctx: AuthContext, query: NotificationQuery): Promise<NotificationsPage> {
    const [[rows, total], unread] = await Promise.all([
      this.notifications.list(ctx, query.unread === true, query.offset, query.limit),
      this.notifications.unreadCount(ctx),
    ]);
    return { items: rows.map(toNotificationResponse), total, page: query.page, limit: query.limit, unread };
  }

  async unreadCount(ctx: AuthContext): Promise<{ unread: number }> {
    return { unread: await this.notifications.unreadCount(ctx) };
  }

  markRead(ctx: AuthContext, id: string): Promise<void> {
    return this.db.run(async () => {
      if ((await this.notifications.markRead(ctx, id)) === 0) throw new NotFoundError('Notification');
    });
  }

  markAllRead(ctx: AuthContext): Promise<void> {
    return this.db.run(async () => {
      await this.notifications.markRead(ctx);
    });
  }
}

function toNotificationResponse(notification: Notification): NotificationResponse {
  return {
    id: notification.id,
    kind: notification.kind,
    title: notification.title,
    link: notification.link,
    tripId: notification.tripId,
    read: notification.readAt !== null,
    createdAt: notification.createdAt.toISOString(),
  };
}
