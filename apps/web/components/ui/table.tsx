import type { ReactNode } from 'react';
import styles from './table.module.css';

export const tableStyles = styles;

/** A data table that turns into stacked rows on a phone; label cells with `data-label`. */
export function Table({ caption, children }: { caption: string; children: ReactNode }) {
  return (
    <div className={styles.wrap}>
      <table className={`${styles.table} ${styles.stack}`}>
        <caption className="sr-only">{caption}</caption>
        {children}
      </table>
    </div>
  );
}
