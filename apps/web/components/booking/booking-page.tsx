'use client';

import type { UseQueryResult } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useRef, useState, type ComponentType, type ReactNode } from 'react';
import { SandboxLabel } from '@/components/flights/booking-dialog';
import { TripBookings } from '@/components/flights/trip-bookings';
import { useUser } from '@/components/session/session-provider';
import { useDocumentTitle } from '@/components/shell/use-document-title';
import {
  Alert,
  Button,
  ButtonLink,
  Card,
  Checkbox,
  EmptyState,
  Field,
  Loading,
  PageHeader,
  Pagination,
  Select,
} from '@/components/ui';
import { describeError, hasErrorCode, type ErrorCode } from '@/lib/api/api-error';
import { useTripBookings } from '@/lib/api/bookings';
import type { FlightOffer } from '@/lib/api/flights';
import type { StayRate } from '@/lib/api/stays';
import { useTrip, type TripDetail } from '@/lib/api/trips';
import { countOf, type Noun } from '@/lib/format/plural';
import { formatDateRange } from '@/lib/time/zoned-time';
import styles from '@/components/flights/flights.module.css';

// The dialog's code loads when an offer or a rate is chosen, not with the page.
const BookingDialog = dynamic(
  () => import('@/components/flights/booking-dialog').then((module) => module.BookingDialog),
  { ssr: false },
);

interface ListView {
  sort: string;
  inPolicyOnly: boolean;
  page: number;
}

interface ResultsPage<Item> {
  search: { id: string; supplier: string };
  items: Item[];
  page: number;
  limit: number;
  total: number;
}

/** What a flight or a hotel booking page says and uses; each route defines one at module level. */
export interface BookingKind<Item extends { id: string }, View extends ListView, Page extends ResultsPage<Item>, Body> {
  kind: 'flight' | 'stay';
  /** "Book a flight": the page's heading and title. */
  title: string;
  /** "Flights", in "Flights for this trip are booked by whoever manages it". */
  things: string;
  /** The search card's accessible name. */
  searchLabel: string;
  travellers: Noun;
  /** An offer or a rate, and the results' heading before the first page arrives. */
  noun: Noun;
  resultsTitle: string;
  emptyTitle: string;
  emptyText: (view: View) => string;
  expiredCode: ErrorCode;
  expiredText: string;
  sorts: Record<View['sort'], string>;
  /** Filters shown before "In policy only". */
  filters?: (view: View, change: (next: Partial<View>) => void) => ReactNode;
  firstView: View;
  useSearch: (tripId: string) => { isPending: boolean; mutateAsync: (body: Body) => Promise<Page> };
  useResults: (searchId: string | null, view: View) => UseQueryResult<Page>;
  Form: ComponentType<{ trip: TripDetail; searching: boolean; onSearch: (body: Body) => Promise<void> }>;
  card: (item: Item, page: Page, onBook: (item: Item) => void) => ReactNode;
  /** What the booking dialog is given: an offer or a rate. */
  booking: (item: Item) => { offer: FlightOffer } | { rate: StayRate };
}

/** Search for the trip, compare results with the policy's verdict, book one: flights and hotels alike. */
export function BookingPage<Item extends { id: string }, View extends ListView, Page extends ResultsPage<Item>, Body>({
  id,
  kind: k,
}: {
  id: string;
  kind: BookingKind<Item, View, Page, Body>;
}) {
  const { useSearch, useResults, Form } = k;
  const user = useUser();
  const trip = useTrip(id);
  const bookings = useTripBookings(id);
  const search = useSearch(id);
  const [searchId, setSearchId] = useState<string | null>(null);
  const [view, setView] = useState<View>(k.firstView);
  const [chosen, setChosen] = useState<Item | null>(null);
  const results = useResults(searchId, view);
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  const formRef = useRef<HTMLDivElement>(null);
  useDocumentTitle(trip.data ? `${k.title} · ${trip.data.title}` : undefined);

  if (trip.isPending) return <Loading label="Loading the trip…" />;
  if (trip.isError)
    return (
      <EmptyState
        icon="compass"
        title="The trip could not be loaded"
        action={<ButtonLink href="/trips">Back to my trips</ButtonLink>}
      >
        {describeError(trip.error)}
      </EmptyState>
    );

  const t = trip.data;
  const canBook = t.allowedActions.includes('book_travel');
  const change = (next: Partial<View>) => setView((current) => ({ ...current, page: 1, ...next }));
  const page = results.data;
  const expired = hasErrorCode(results.error, k.expiredCode);
  const resultsId = `${k.kind}-results`;
  const onSearch = async (body: Body) => {
    const first = await search.mutateAsync(body);
    setView(k.firstView);
    setSearchId(first.search.id);
    requestAnimationFrame(() => resultsHeading.current?.focus());
  };

  return (
    <>
      <PageHeader
        eyebrow={<Link href={`/trips/${t.id}`}>← {t.title}</Link>}
        title={k.title}
        description={`${[t.destination, t.destinationCountry].filter(Boolean).join(', ')} · ${formatDateRange(t.startDate, t.endDate)} · ${countOf(t.travellers.length, k.travellers)}`}
      />

      <div className={styles.page}>
        {bookings.data && <TripBookings bookings={bookings.data.items.filter((booking) => booking.kind === k.kind)} />}

        {!canBook ? (
          <Alert tone="info" title={`${k.things} for this trip are booked by whoever manages it`}>
            {t.status === 'cancelled' || t.status === 'completed' || t.status === 'rejected'
              ? `This trip is ${t.status}: nothing more can be booked for it.`
              : 'Ask its lead traveller, a manager or an admin of your organization.'}
          </Alert>
        ) : (
          <>
            <Card title="Search" aria-label={k.searchLabel}>
              <div ref={formRef}>
                <Form trip={t} searching={search.isPending} onSearch={onSearch} />
              </div>
            </Card>

            {searchId && (
              <section className={styles.results} aria-labelledby={resultsId}>
                <div className={styles.resultsHeader}>
                  <h2 id={resultsId} ref={resultsHeading} tabIndex={-1} className={styles.resultsTitle}>
                    {page ? countOf(page.total, k.noun) : k.resultsTitle}
                  </h2>
                  {page?.search.supplier === 'sandbox' && <SandboxLabel />}
                </div>
                <div className={styles.controls} role="group" aria-label="Sort and filter">
                  <Field label="Sort by">
                    <Select
                      value={view.sort}
                      onChange={(event) => change({ sort: event.target.value } as Partial<View>)}
                    >
                      {Object.entries<string>(k.sorts).map(([value, label]) => (
                        <option key={value} value={value}>
                          {label}
                        </option>
                      ))}
                    </Select>
                  </Field>
                  {k.filters?.(view, change)}
                  <Checkbox
                    label="In policy only"
                    checked={view.inPolicyOnly}
                    onChange={(event) => change({ inPolicyOnly: event.target.checked } as Partial<View>)}
                  />
                </div>
                {results.isError ? (
                  <Alert
                    tone={expired ? 'warning' : 'danger'}
                    actions={
                      !expired && (
                        <Button size="sm" onClick={() => results.refetch()}>
                          Try again
                        </Button>
                      )
                    }
                  >
                    {expired ? k.expiredText : describeError(results.error)}
                  </Alert>
                ) : !page ? (
                  <Loading label={`Loading the ${k.noun.other}…`} />
                ) : page.items.length === 0 ? (
                  <EmptyState icon="compass" title={k.emptyTitle}>
                    {k.emptyText(view)}
                  </EmptyState>
                ) : (
                  <>
                    <ul className={styles.offers} aria-busy={results.isFetching}>
                      {page.items.map((item) => k.card(item, page, setChosen))}
                    </ul>
                    <Pagination
                      page={page.page}
                      limit={page.limit}
                      total={page.total}
                      noun={k.noun}
                      onPageChange={(next) => setView((current) => ({ ...current, page: next }))}
                    />
                  </>
                )}
              </section>
            )}
          </>
        )}
      </div>

      {chosen && (
        <BookingDialog
          trip={t}
          userId={user.id}
          {...k.booking(chosen)}
          onClose={() => setChosen(null)}
          onSearchAgain={() => {
            setChosen(null);
            setSearchId(null);
            formRef.current?.querySelector<HTMLButtonElement>('button[type="submit"]')?.focus();
          }}
        />
      )}
    </>
  );
}
