import type { ReactNode } from 'react';
import { Icon, type IconName } from './icon';
import styles from './feedback.module.css';

export interface EmptyStateProps {
  icon?: IconName;
  title: ReactNode;
  /** What to do next: an empty state always points somewhere. */
  children?: ReactNode;
  action?: ReactNode;
}

export function EmptyState({ icon, title, children, action }: EmptyStateProps) {
  return (
    <div className={styles.empty}>
      {icon && (
        <div className={styles.emptyIcon}>
          <Icon name={icon} size={28} />
        </div>
      )}
      <p className={styles.emptyTitle}>{title}</p>
      {children && <div className={styles.emptyText}>{children}</div>}
      {action && <div className={styles.emptyAction}>{action}</div>}
    </div>
  );
}

export interface AlertProps {
  tone?: 'danger' | 'warning' | 'info' | 'success';
  title?: ReactNode;
  children?: ReactNode;
  actions?: ReactNode;
}

/** Errors and warnings are announced (role=alert); information is polite (role=status). */
export function Alert({ tone = 'info', title, children, actions }: AlertProps) {
  const role = tone === 'danger' || tone === 'warning' ? 'alert' : 'status';
  return (
    <div className={`${styles.alert} ${styles[tone]}`} role={role}>
      <div className={styles.alertBody}>
        {title && <p className={styles.alertTitle}>{title}</p>}
        {children}
        {actions && <div className={styles.alertActions}>{actions}</div>}
      </div>
    </div>
  );
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className={styles.loading} role="status" aria-live="polite">
      <span className={styles.spinner} aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

export function Skeleton({ height = 16, width = '100%' }: { height?: number; width?: number | string }) {
  return <div className={styles.skeleton} style={{ height, width }} aria-hidden="true" />;
}
