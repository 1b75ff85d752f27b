'use client';

import Link from 'next/link';
import { useEffect, useId, useRef, useState } from 'react';
import { Alert, Button, Icon, Loading } from '@/components/ui';
import { describeError } from '@/lib/api/api-error';
import { useNotificationsLive } from '@/lib/realtime/use-notifications-live';
import { useMarkAllNotificationsRead, useMarkNotificationRead, useNotifications } from '@/lib/api/collaboration';
import styles from './notification-bell.module.css';

/**
 * The notification centre: approvals waiting, decisions, mentions, assignments and shared trips.
 * The count is live (a pushed `notification.created`), polled every 30 s only while the live
 * connection is down; opening an item marks it read. E-mail still reaches whoever is
 * not online.
 */
export function NotificationBell() {
  const live = useNotificationsLive();
  const notifications = useNotifications(true, live);
  const markRead = useMarkNotificationRead();
  const markAll = useMarkAllNotificationsRead();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const unread = notifications.data?.unread ?? 0;

  useEffect(() => {
    if (!open) return;
    const close = (event: Event) => {
      if (event instanceof KeyboardEvent ? event.key === 'Escape' : !root.current?.contains(event.target as Node)) {
        setOpen(false);
      }
    };
    document.addEventListener('keydown', close);
    document.addEventListener('mousedown', close);
    return () => {
      document.removeEventListener('keydown', close);
      document.removeEventListener('mousedown', close);
    };
  }, [open]);

  return (
    <div className={styles.bell} ref={root} data-live={live}>
      <Button
        size="sm"
        variant="ghost"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={unread ? `Notifications, ${unread} unread` : 'Notifications'}
        onClick={() => setOpen((value) => !value)}
      >
        <Icon name="bell" />
        {unread > 0 && (
          <span className={styles.count} aria-hidden="true" data-testid="notifications-unread">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </Button>
      {open && (
        <div className={styles.panel} id={panelId} role="region" aria-label="Notifications">
          <div className={styles.head}>
            <h2 className={styles.title}>Notifications</h2>
            {unread > 0 && (
              <Button size="sm" variant="ghost" loading={markAll.isPending} onClick={() => markAll.mutate()}>
                Mark all read
              </Button>
            )}
          </div>
          {notifications.isPending ? (
            <Loading label="Loading notifications…" />
          ) : notifications.isError ? (
            <Alert tone="danger">{describeError(notifications.error)}</Alert>
          ) : notifications.data.items.length === 0 ? (
            <p className={styles.empty}>Nothing new. Approvals, decisions, mentions and assignments appear here.</p>
          ) : (
            <ul className={styles.list}>
              {notifications.data.items.map((item) => (
                <li key={item.id}>
                  <Link
                    href={item.link ?? '/dashboard'}
                    className={`${styles.item} ${item.read ? '' : styles.unread}`}
                    onClick={() => {
                      if (!item.read) markRead.mutate(item.id);
                      setOpen(false);
                    }}
                  >
                    {item.read ? '' : <span className="sr-only">Unread: </span>}
                    {item.title}
                    <span className={styles.when}>{new Date(item.createdAt).toLocaleString()}</span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
