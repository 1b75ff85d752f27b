'use client';

import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useRef, useState } from 'react';
import { SandboxLabel } from '@/components/flights/booking-dialog';
import { TripBookings } from '@/components/flights/trip-bookings';
import { useUser } from '@/components/session/session-provider';
import { useDocumentTitle } from '@/components/shell/use-document-title';
import { StayRateCard } from '@/components/stays/stay-rate-card';
import { StaySearchForm } from '@/components/stays/stay-search-form';
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
import { describeError, hasErrorCode } from '@/lib/api/api-error';
import { useTripBookings } from '@/lib/api/bookings';
import { FIRST_RATES, useSearchStays, useStayRates, type RateView, type StayRate } from '@/lib/api/stays';
import { useTrip } from '@/lib/api/trips';
import { countOf } from '@/lib/format/plural';
import { defaultStayDates } from '@/lib/stays/stay-rates';
import { formatDateRange, today } from '@/lib/time/zoned-time';
import styles from '@/components/flights/flights.module.css';

// The dialog's code loads when a rate is chosen, not with the page.
const BookingDialog = dynamic(
  () => import('@/components/flights/booking-dialog').then((module) => module.BookingDialog),
  { ssr: false },
);

const RATE_NOUN = { one: 'rate', other: 'rates' };

/** Search hotels around the trip's destination, compare rates with the policy's verdict, book one. */
export function StaysClient({ id }: { id: string }) {
  const user = useUser();
  const trip = useTrip(id);
  const bookings = useTripBookings(id);
  const search = useSearchStays(id);
  const [searchId, setSearchId] = useState<string | null>(null);
  const [view, setView] = useState<RateView>(FIRST_RATES);
  const [chosen, setChosen] = useState<StayRate | null>(null);
  const rates = useStayRates(searchId, view);
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  const formRef = useRef<HTMLDivElement>(null);
  useDocumentTitle(trip.data ? `Book a hotel · ${trip.data.title}` : undefined);

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
  const change = (next: Partial<RateView>) => setView((current) => ({ ...current, page: 1, ...next }));
  const page = rates.data;
  const expired = hasErrorCode(rates.error, 'STAY_SEARCH_EXPIRED');

  return (
    <>
      <PageHeader
        eyebrow={<Link href={`/trips/${t.id}`}>← {t.title}</Link>}
        title="Book a hotel"
        description={`${[t.destination, t.destinationCountry].filter(Boolean).join(', ')} · ${formatDateRange(t.startDate, t.endDate)} · ${countOf(t.travellers.length, { one: 'guest', other: 'guests' })}`}
      />

      <div className={styles.page}>
        {bookings.data && <TripBookings bookings={bookings.data.items.filter((booking) => booking.kind === 'stay')} />}

        {!canBook ? (
          <Alert tone="info" title="Hotels for this trip are booked by whoever manages it">
            {t.status === 'cancelled' || t.status === 'completed' || t.status === 'rejected'
              ? `This trip is ${t.status}: nothing more can be booked for it.`
              : 'Ask its lead traveller, a manager or an admin of your organization.'}
          </Alert>
        ) : (
          <>
            <Card title="Search" aria-label="Search hotels">
              <div ref={formRef}>
                {t.latitude === null ? (
                  <Alert tone="info" title="This trip’s destination has no place on the map">
                    Hotels are searched around the destination: <Link href={`/trips/${t.id}/edit`}>edit the trip</Link>{' '}
                    and pick its destination from the list.
                  </Alert>
                ) : (
                  <StaySearchForm
                    defaults={defaultStayDates(t, today())}
                    guests={t.travellers.length}
                    searching={search.isPending}
                    onSearch={async (body) => {
                      const first = await search.mutateAsync(body);
                      setView(FIRST_RATES);
                      setSearchId(first.search.id);
                      requestAnimationFrame(() => resultsHeading.current?.focus());
                    }}
                  />
                )}
              </div>
            </Card>

            {searchId && (
              <section className={styles.results} aria-labelledby="stay-results">
                <div className={styles.resultsHeader}>
                  <h2 id="stay-results" ref={resultsHeading} tabIndex={-1} className={styles.resultsTitle}>
                    {page ? countOf(page.total, RATE_NOUN) : 'Rates'}
                  </h2>
                  {page?.search.supplier === 'sandbox' && <SandboxLabel />}
                </div>
                <div className={styles.controls} role="group" aria-label="Sort and filter">
                  <Field label="Sort by">
                    <Select
                      value={view.sort}
                      onChange={(event) => change({ sort: event.target.value as RateView['sort'] })}
                    >
                      <option value="price">Price</option>
                      <option value="stars">Stars</option>
                      <option value="distance">Distance</option>
                    </Select>
                  </Field>
                  <Checkbox
                    label="In policy only"
                    checked={view.inPolicyOnly}
                    onChange={(event) => change({ inPolicyOnly: event.target.checked })}
                  />
                </div>
                {rates.isError ? (
                  <Alert
                    tone={expired ? 'warning' : 'danger'}
                    actions={
                      !expired && (
                        <Button size="sm" onClick={() => rates.refetch()}>
                          Try again
                        </Button>
                      )
                    }
                  >
                    {expired
                      ? 'These rates have expired: hotels hold prices only for a while. Search again.'
                      : describeError(rates.error)}
                  </Alert>
                ) : !page ? (
                  <Loading label="Loading the rates…" />
                ) : page.items.length === 0 ? (
                  <EmptyState icon="compass" title="No hotel matches">
                    {view.inPolicyOnly ? 'Clear the filter to see more rates.' : 'Try other dates.'}
                  </EmptyState>
                ) : (
                  <>
                    <ul className={styles.offers} aria-busy={rates.isFetching}>
                      {page.items.map((rate) => (
                        <StayRateCard key={rate.id} rate={rate} nights={page.search.nights} onBook={setChosen} />
                      ))}
                    </ul>
                    <Pagination
                      page={page.page}
                      limit={page.limit}
                      total={page.total}
                      noun={RATE_NOUN}
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
          rate={chosen}
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
