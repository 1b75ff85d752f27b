'use client';

import { countOf, type Noun } from '@/lib/format/plural';
import { Button } from './button';
import styles from './pagination.module.css';

export interface PaginationProps {
  page: number;
  limit: number;
  total: number;
  onPageChange(page: number): void;
  /** What is being counted, e.g. { one: 'trip', other: 'trips' }. */
  noun: Noun;
}

export function Pagination({ page, limit, total, onPageChange, noun }: PaginationProps) {
  const pages = Math.max(1, Math.ceil(total / limit));
  if (total === 0) return null;
  const first = (page - 1) * limit + 1;
  const last = Math.min(total, page * limit);
  return (
    <nav className={styles.pagination} aria-label="Pagination">
      <span aria-live="polite">{pages > 1 ? `${first}–${last} of ${countOf(total, noun)}` : countOf(total, noun)}</span>
      {pages > 1 && (
        <div className={styles.buttons}>
          <Button size="sm" onClick={() => onPageChange(page - 1)} disabled={page <= 1}>
            Previous
          </Button>
          <span className="sr-only">
            Page {page} of {pages}
          </span>
          <Button size="sm" onClick={() => onPageChange(page + 1)} disabled={page >= pages}>
            Next
          </Button>
        </div>
      )}
    </nav>
  );
}
