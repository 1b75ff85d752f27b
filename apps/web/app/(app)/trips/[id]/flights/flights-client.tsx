'use client';

import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useRef, useState } from 'react';
import { SandboxLabel } from '@/components/flights/booking-dialog';
import { FlightOfferCard } from '@/components/flights/flight-offer-card';
import { FlightSearchForm } from '@/components/flights/flight-search-form';
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
import { describeError, hasErrorCode } from '@/lib/api/api-error';
import { FIRST_OFFERS, useFlightOffers, useSearchFlights, type FlightOffer, type OfferView } from '@/lib/api/flights';
import { useTripBookings } from '@/lib/api/bookings';
import { useTrip } from '@/lib/api/trips';
import { defaultFlightDates } from '@/lib/flights/flight-offers';
import { countOf } from '@/lib/format/plural';
import { formatDateRange, today } from '@/lib/time/zoned-time';
import styles from '@/components/flights/flights.module.css';

// The dialog's code loads when an offer is chosen, not with the page.
const BookingDialog = dynamic(
  () => import('@/components/flights/booking-dialog').then((module) => module.BookingDialog),
  { ssr: false },
);

const OFFER_NOUN = { one: 'offer', other: 'offers' };

/** Search flights for the trip's travellers, compare offers with the policy's verdict, book one. */
export function FlightsClient({ id }: { id: string }) {
  const user = useUser();
  const trip = useTrip(id);
  const bookings = useTripBookings(id);
  const search = useSearchFlights(id);
  const [searchId, setSearchId] = useState<string | null>(null);
  const [view, setView] = useState<OfferView>(FIRST_OFFERS);
  const [chosen, setChosen] = useState<FlightOffer | null>(null);
  const offers = useFlightOffers(searchId, view);
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  const formRef = useRef<HTMLDivElement>(null);
  useDocumentTitle(trip.data ? `Book a flight · ${trip.data.title}` : undefined);

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
  const change = (next: Partial<OfferView>) => setView((current) => ({ ...current, page: 1, ...next }));
  const page = offers.data;

  return (
    <>
      <PageHeader
        eyebrow={<Link href={`/trips/${t.id}`}>← {t.title}</Link>}
        title="Book a flight"
        description={`${[t.destination, t.destinationCountry].filter(Boolean).join(', ')} · ${formatDateRange(t.startDate, t.endDate)} · ${countOf(t.travellers.length, { one: 'traveller', other: 'travellers' })}`}
      />

      <div className={styles.page}>
        {bookings.data && (
          <TripBookings bookings={bookings.data.items.filter((booking) => booking.kind === 'flight')} />
        )}

        {!canBook ? (
          <Alert tone="info" title="Flights for this trip are booked by whoever manages it">
            {t.status === 'cancelled' || t.status === 'completed' || t.status === 'rejected'
              ? `This trip is ${t.status}: nothing more can be booked for it.`
              : 'Ask its lead traveller, a manager or an admin of your organization.'}
          </Alert>
        ) : (
          <>
            <Card title="Search" aria-label="Search flights">
              <div ref={formRef}>
                <FlightSearchForm
                  defaults={defaultFlightDates(t, today())}
                  searching={search.isPending}
                  onSearch={async (body) => {
                    const first = await search.mutateAsync(body);
                    setView(FIRST_OFFERS);
                    setSearchId(first.search.id);
                    requestAnimationFrame(() => resultsHeading.current?.focus());
                  }}
                />
              </div>
            </Card>

            {searchId && (
              <section className={styles.results} aria-labelledby="flight-results">
                <div className={styles.resultsHeader}>
                  <h2 id="flight-results" ref={resultsHeading} tabIndex={-1} className={styles.resultsTitle}>
                    {page ? countOf(page.total, OFFER_NOUN) : 'Offers'}
                  </h2>
                  {page?.search.supplier === 'sandbox' && <SandboxLabel />}
                </div>
                <div className={styles.controls} role="group" aria-label="Sort and filter">
                  <Field label="Sort by">
                    <Select
                      value={view.sort}
                      onChange={(event) => change({ sort: event.target.value as OfferView['sort'] })}
                    >
                      <option value="price">Price</option>
                      <option value="duration">Duration</option>
                      <option value="emissions">Emissions</option>
                    </Select>
                  </Field>
                  <Checkbox
                    label="Non-stop only"
                    checked={view.nonStopOnly}
                    onChange={(event) => change({ nonStopOnly: event.target.checked })}
                  />
                  <Checkbox
                    label="In policy only"
                    checked={view.inPolicyOnly}
                    onChange={(event) => change({ inPolicyOnly: event.target.checked })}
                  />
                </div>
                {offers.isError ? (
                  <Alert
                    tone={hasErrorCode(offers.error, 'FLIGHT_SEARCH_EXPIRED') ? 'warning' : 'danger'}
                    actions={
                      !hasErrorCode(offers.error, 'FLIGHT_SEARCH_EXPIRED') && (
                        <Button size="sm" onClick={() => offers.refetch()}>
                          Try again
                        </Button>
                      )
                    }
                  >
                    {hasErrorCode(offers.error, 'FLIGHT_SEARCH_EXPIRED')
                      ? 'These offers have expired: airlines hold prices only for a while. Search again.'
                      : describeError(offers.error)}
                  </Alert>
                ) : !page ? (
                  <Loading label="Loading the offers…" />
                ) : page.items.length === 0 ? (
                  <EmptyState icon="compass" title="No flight matches">
                    {view.nonStopOnly || view.inPolicyOnly
                      ? 'Clear a filter to see more offers.'
                      : 'Try other dates or airports.'}
                  </EmptyState>
                ) : (
                  <>
                    <ul className={styles.offers} aria-busy={offers.isFetching}>
                      {page.items.map((offer) => (
                        <FlightOfferCard key={offer.id} offer={offer} onBook={setChosen} />
                      ))}
                    </ul>
                    <Pagination
                      page={page.page}
                      limit={page.limit}
                      total={page.total}
                      noun={OFFER_NOUN}
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
          offer={chosen}
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
