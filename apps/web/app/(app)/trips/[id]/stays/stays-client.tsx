'use client';

import Link from 'next/link';
import { BookingPage, type BookingKind } from '@/components/booking/booking-page';
import { StayRateCard } from '@/components/stays/stay-rate-card';
import { StaySearchForm } from '@/components/stays/stay-search-form';
import { Alert } from '@/components/ui';
import {
  FIRST_RATES,
  useSearchStays,
  useStayRates,
  type RateView,
  type StayRate,
  type StayRatesPage,
  type StaySearchBody,
} from '@/lib/api/stays';
import { defaultStayDates } from '@/lib/stays/stay-rates';
import { today } from '@/lib/time/zoned-time';

const STAYS: BookingKind<StayRate, RateView, StayRatesPage, StaySearchBody> = {
  kind: 'stay',
  title: 'Book a hotel',
  things: 'Hotels',
  searchLabel: 'Search hotels',
  travellers: { one: 'guest', other: 'guests' },
  noun: { one: 'rate', other: 'rates' },
  resultsTitle: 'Rates',
  emptyTitle: 'No hotel matches',
  emptyText: (view) => (view.inPolicyOnly ? 'Clear the filter to see more rates.' : 'Try other dates.'),
  expiredCode: 'STAY_SEARCH_EXPIRED',
  expiredText: 'These rates have expired: hotels hold prices only for a while. Search again.',
  sorts: { price: 'Price', stars: 'Stars', distance: 'Distance' },
  firstView: FIRST_RATES,
  useSearch: useSearchStays,
  useResults: useStayRates,
  Form: ({ trip, searching, onSearch }) =>
    trip.latitude === null ? (
      <Alert tone="info" title="This trip’s destination has no place on the map">
        Hotels are searched around the destination: <Link href={`/trips/${trip.id}/edit`}>edit the trip</Link> and pick
        its destination from the list.
      </Alert>
    ) : (
      <StaySearchForm
        defaults={defaultStayDates(trip, today())}
        guests={trip.travellers.length}
        searching={searching}
        onSearch={onSearch}
      />
    ),
  card: (rate, page, onBook) => <StayRateCard key={rate.id} rate={rate} nights={page.search.nights} onBook={onBook} />,
  booking: (rate) => ({ rate }),
};

/** Search hotels around the trip's destination, compare rates with the policy's verdict, book one. */
export function StaysClient({ id }: { id: string }) {
  return <BookingPage id={id} kind={STAYS} />;
}
