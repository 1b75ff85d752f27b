import styles from './approvals.module.css';

/**
 * The number of trips and flight bookings waiting for approval beside a navigation link. The number is read out as
 * part of the link ("Approvals, 3 waiting"), so it is not a second stop for screen readers.
 */
export function WaitingBadge({ count }: { count: number | undefined }) {
  if (!count) return null;
  return (
    <>
      <span className={styles.waitingBadge} aria-hidden="true" data-testid="approvals-waiting">
        {count > 99 ? '99+' : count}
      </span>
      <span className="sr-only">, {count} waiting for approval</span>
    </>
  );
}
