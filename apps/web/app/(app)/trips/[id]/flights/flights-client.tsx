'use client';

import { BookingPage, type BookingKind } from '@/components/booking/booking-page';
import { FlightOfferCard } from '@/components/flights/flight-offer-card';
import { FlightSearchForm } from '@/components/flights/flight-search-form';
import { Checkbox } from '@/components/ui';
import {
  FIRST_OFFERS,
  useFlightOffers,
  useSearchFlights,
  type FlightOffer,
  type FlightOffersPage,
  type FlightSearchBody,
  type OfferView,
} from '@/lib/api/flights';
import { defaultFlightDates } from '@/lib/flights/flight-offers';
import { today } from '@/lib/time/zoned-time';

const FLIGHTS: BookingKind<FlightOffer, OfferView, FlightOffersPage, FlightSearchBody> = {
  kind: 'flight',
  title: 'Book a flight',
  things: 'Flights',
  searchLabel: 'Search flights',
  travellers: { one: 'traveller', other: 'travellers' },
  noun: { one: 'offer', other: 'offers' },
  resultsTitle: 'Offers',
  emptyTitle: 'No flight matches',
  emptyText: (view) =>
    view.nonStopOnly || view.inPolicyOnly ? 'Clear a filter to see more offers.' : 'Try other dates or airports.',
  expiredCode: 'FLIGHT_SEARCH_EXPIRED',
  expiredText: 'These offers have expired: airlines hold prices only for a while. Search again.',
  sorts: { price: 'Price', duration: 'Duration', emissions: 'Emissions' },
  filters: (view, change) => (
    <Checkbox
      label="Non-stop only"
      checked={view.nonStopOnly}
      onChange={(event) => change({ nonStopOnly: event.target.checked })}
    />
  ),
  firstView: FIRST_OFFERS,
  useSearch: useSearchFlights,
  useResults: useFlightOffers,
  Form: ({ trip, searching, onSearch }) => (
    <FlightSearchForm defaults={defaultFlightDates(trip, today())} searching={searching} onSearch={onSearch} />
  ),
  card: (offer, _page, onBook) => <FlightOfferCard key={offer.id} offer={offer} onBook={onBook} />,
  booking: (offer) => ({ offer }),
};

/** Search flights for the trip's travellers, compare offers with the policy's verdict, book one. */
export function FlightsClient({ id }: { id: string }) {
  return <BookingPage id={id} kind={FLIGHTS} />;
}
