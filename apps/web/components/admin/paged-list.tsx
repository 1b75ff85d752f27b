'use client';

import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { LoadError, Loading, Pagination, Table } from '@/components/ui';

/** A page of a list route: `{items, total, page, limit}`. */
export interface ListPage<T> {
  items: T[];
  total: number;
  page: number;
  limit: number;
}

export interface PagedListProps<T> {
  /** The query of one page. */
  query: UseQueryResult<ListPage<T>>;
  /** Shown when the page has nothing to list (usually an EmptyState). */
  empty: ReactNode;
  /** When the page counts as empty; by default, when it has no items. */
  isEmpty?(page: ListPage<T>): boolean;
  noun: { one: string; other: string };
  onPageChange(page: number): void;
  loadingLabel?: string;
  errorTitle?: string;
  /** Wraps the items and the pagination in a `div` with this class. */
  className?: string;
  children(items: T[]): ReactNode;
}

/**
 * The states every admin list goes through, in one place: loading, a failed load with "Try again",
 * an empty state, and the items with their pagination.
 */
export function PagedList<T>({
  query,
  empty,
  isEmpty = (page) => page.items.length === 0,
  noun,
  onPageChange,
  loadingLabel,
  errorTitle,
  className,
  children,
}: PagedListProps<T>) {
  if (query.isPending) return <Loading label={loadingLabel} />;
  if (query.isError) return <LoadError title={errorTitle} error={query.error} onRetry={() => query.refetch()} />;
  const page = query.data;
  if (isEmpty(page)) return <>{empty}</>;
  const content = (
    <>
      {children(page.items)}
      <Pagination page={page.page} limit={page.limit} total={page.total} noun={noun} onPageChange={onPageChange} />
    </>
  );
  return className ? <div className={className}>{content}</div> : content;
}

export interface PagedTableProps<T> extends Omit<PagedListProps<T>, 'children' | 'className'> {
  caption: string;
  /** The header cells (`<th scope="col">`). */
  columns: ReactNode;
  /** One `<tr>` (with its key) per item. */
  row(item: T): ReactNode;
}

/** A `PagedList` shown as a table. */
export function PagedTable<T>({ caption, columns, row, ...list }: PagedTableProps<T>) {
  return (
    <PagedList {...list}>
      {(items) => (
        <Table caption={caption}>
          <thead>
            <tr>{columns}</tr>
          </thead>
          <tbody>{items.map(row)}</tbody>
        </Table>
      )}
    </PagedList>
  );
}
