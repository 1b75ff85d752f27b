'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useId, useState } from 'react';
import { useRole, useUser } from '@/components/session/session-provider';
import {
  Alert,
  Button,
  ButtonLink,
  Card,
  EmptyState,
  Field,
  Input,
  Loading,
  Pagination,
  Select,
} from '@/components/ui';
import { describeError } from '@/lib/api/api-error';
import { useMemberDirectory } from '@/lib/api/organization';
import { useTrips, type TripFilters } from '@/lib/api/trips';
import { STATUS_LABELS, TRIP_STATUSES, type TripStatus } from '@/lib/trips/lifecycle';
import styles from './trip-list.module.css';
import { TripList } from './trip-list';

const SORTS = {
  'startDate:asc': 'Start date, soonest first',
  'startDate:desc': 'Start date, latest first',
  'createdAt:desc': 'Recently created',
  'updatedAt:desc': 'Recently changed',
  'title:asc': 'Title A–Z',
} as const;
const LIMIT = 20;

/** Reads the filters from the URL, so a filtered list can be bookmarked and shared. */
function filtersFrom(
  params: URLSearchParams,
): Required<Pick<TripFilters, 'page'>> & TripFilters & { sortKey: keyof typeof SORTS } {
  const sortKey = (params.get('sort') ?? 'startDate:asc') as keyof typeof SORTS;
  const [sort, order] = (sortKey in SORTS ? sortKey : 'startDate:asc').split(':') as [
    TripFilters['sort'],
    TripFilters['order'],
  ];
  const status = params.get('status') as TripStatus | null;
  return {
    q: params.get('q') ?? '',
    status: status && TRIP_STATUSES.includes(status) ? [status] : undefined,
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    travellerId: params.get('traveller') ?? undefined,
    sort,
    order,
    sortKey: sortKey in SORTS ? sortKey : 'startDate:asc',
    page: Math.max(1, Number(params.get('page')) || 1),
  };
}

export interface TripsBrowserProps {
  /** `mine`: the user's own trips. `organization`: everyone's (managers and admins). */
  scope: 'mine' | 'organization';
}

export function TripsBrowser({ scope }: TripsBrowserProps) {
  const user = useUser();
  const { canManage } = useRole();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const filters = filtersFrom(new URLSearchParams(params.toString()));
  const [search, setSearch] = useState(filters.q ?? '');
  const members = useMemberDirectory(scope === 'organization' && canManage);
  const moreFiltersId = useId();
  const [filtersOpen, setFiltersOpen] = useState(false);

  const update = useCallback(
    (changes: Record<string, string | undefined>) => {
      const next = new URLSearchParams(params.toString());
      for (const [key, value] of Object.entries(changes)) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      if (!('page' in changes)) next.delete('page');
      const query = next.toString();
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [params, pathname, router],
  );

  // Search as you type, without a request per keystroke.
  useEffect(() => {
    if (search === (filters.q ?? '')) return;
    const timer = setTimeout(() => update({ q: search.trim() || undefined }), 300);
    return () => clearTimeout(timer);
  }, [search, filters.q, update]);

  const query: TripFilters = {
    q: filters.q,
    status: filters.status,
    from: filters.from,
    to: filters.to,
    sort: filters.sort,
    order: filters.order,
    page: filters.page,
    limit: LIMIT,
    travellerId: scope === 'mine' ? user.id : filters.travellerId,
    // "My trips" are the ones I travel on and the ones colleagues shared with me.
    ...(scope === 'mine' ? { sharedWithMe: true } : {}),
  };
  const trips = useTrips(query);
  const activeFilters = [
    filters.status,
    filters.from,
    filters.to,
    scope === 'organization' && filters.travellerId,
  ].filter(Boolean).length;
  const filtered = Boolean(filters.q) || activeFilters > 0;

  return (
    <Card padded>
      <form
        className={styles.filters}
        role="search"
        aria-label="Filter trips"
        onSubmit={(event) => event.preventDefault()}
      >
        <Field label="Search">
          <Input
            type="search"
            placeholder="Title or destination"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
          />
        </Field>
        <Button
          className={styles.filtersToggle}
          size="sm"
          aria-expanded={filtersOpen}
          aria-controls={moreFiltersId}
          onClick={() => setFiltersOpen((open) => !open)}
        >
          {filtersOpen ? 'Fewer filters' : `More filters${activeFilters ? ` (${activeFilters})` : ''}`}
        </Button>
        <div className={styles.moreFilters} id={moreFiltersId} data-open={filtersOpen}>
          <Field label="Status">
            <Select
              value={filters.status?.[0] ?? ''}
              onChange={(event) => update({ status: event.target.value || undefined })}
            >
              <option value="">Any status</option>
              {TRIP_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {STATUS_LABELS[status]}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Travelling from">
            <Input
              type="date"
              value={filters.from}
              onChange={(event) => update({ from: event.target.value || undefined })}
            />
          </Field>
          <Field label="Travelling until">
            <Input
              type="date"
              value={filters.to}
              onChange={(event) => update({ to: event.target.value || undefined })}
            />
          </Field>
          {scope === 'organization' ? (
            <Field label="Traveller">
              <Select
                value={filters.travellerId ?? ''}
                onChange={(event) => update({ traveller: event.target.value || undefined })}
              >
                <option value="">Everyone</option>
                {[...(members.data?.values() ?? [])]
                  .sort((a, b) => a.name.localeCompare(b.name))
                  .map((member) => (
                    <option key={member.id} value={member.id}>
                      {member.name}
                    </option>
                  ))}
              </Select>
            </Field>
          ) : (
            <Field label="Sort">
              <Select value={filters.sortKey} onChange={(event) => update({ sort: event.target.value })}>
                {Object.entries(SORTS).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </Select>
            </Field>
          )}
        </div>
      </form>
      {filtered && (
        <div className={styles.filtersFooter}>
          <span>Filtered list</span>
          <Button
            size="sm"
            variant="ghost"
            onClick={() => {
              setSearch('');
              router.replace(pathname, { scroll: false });
            }}
          >
            Clear filters
          </Button>
        </div>
      )}
      {trips.isPending ? (
        <Loading label="Loading trips…" />
      ) : trips.isError ? (
        <Alert
          tone="danger"
          title="The trips could not be loaded"
          actions={
            <Button size="sm" onClick={() => trips.refetch()}>
              Try again
            </Button>
          }
        >
          {describeError(trips.error)}
        </Alert>
      ) : trips.data.items.length === 0 ? (
        filtered ? (
          <EmptyState icon="search" title="No trip matches these filters">
            Change the search or the dates, or clear the filters to see every trip.
          </EmptyState>
        ) : scope === 'mine' ? (
          <EmptyState
            icon="meeting"
            title="No trips yet"
            action={
              <ButtonLink href="/trips/new" variant="primary">
                Plan a trip
              </ButtonLink>
            }
          >
            Plan your first trip: pick a destination and dates, then build the itinerary day by day on the map.
          </EmptyState>
        ) : (
          <EmptyState icon="map" title="Nobody in your organization has planned a trip yet">
            Trips appear here as soon as a colleague creates one. Invite your team from Members & invitations.
          </EmptyState>
        )
      ) : (
        <div className={trips.isPlaceholderData ? styles.fetching : undefined} aria-busy={trips.isFetching}>
          <TripList
            trips={trips.data.items}
            caption={scope === 'mine' ? 'My trips' : 'Trips of the organization'}
            showTraveller={scope === 'organization'}
            currentUserId={user.id}
          />
          <Pagination
            page={trips.data.page}
            limit={trips.data.limit}
            total={trips.data.total}
            noun={{ one: 'trip', other: 'trips' }}
            onPageChange={(page) => update({ page: String(page) })}
          />
        </div>
      )}
    </Card>
  );
}
