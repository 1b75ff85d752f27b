'use client';

import type { Schemas } from '@nestmap/api-client';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { bookingKeys } from './bookings';
import { api, call } from './client';
import { paging } from './contract';
import { tripKeys } from './trips';

export type FlightOffer = Schemas['FlightOfferResponse'];
export type FlightOffersPage = Schemas['FlightOffersPage'];
export type FlightSearchBody = Schemas['CreateFlightSearchDto'];
export type Booking = Schemas['BookingResponse'];
export type BookingBody = Schemas['CreateBookingDto'];

/** How the offers of a search are listed: the API sorts, filters and pages them. */
export interface OfferView {
  sort: 'price' | 'duration' | 'emissions';
  nonStopOnly: boolean;
  inPolicyOnly: boolean;
  page: number;
}

export const FIRST_OFFERS: OfferView = { sort: 'price', nonStopOnly: false, inPolicyOnly: false, page: 1 };
const OFFERS_PER_PAGE = 20;

const flightKeys = {
  offers: (searchId: string, view: OfferView) => ['flight-searches', searchId, view] as const,
};

function offersQuery(view: OfferView) {
  return {
    ...paging(view.page, OFFERS_PER_PAGE),
    sort: view.sort,
    ...(view.nonStopOnly ? { maxStops: 0 } : {}),
    ...(view.inPolicyOnly ? { inPolicyOnly: true } : {}),
  };
}

/** Runs a search for the trip; its first page is kept as the default view of that search. */
export function useSearchFlights(tripId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: FlightSearchBody) =>
      call(
        api.POST('/api/trips/{id}/flight-searches', {
          params: { path: { id: tripId }, query: offersQuery(FIRST_OFFERS) },
          body,
        }),
      ),
    onSuccess: (page) => queryClient.setQueryData(flightKeys.offers(page.search.id, FIRST_OFFERS), page),
  });
}

export function useFlightOffers(searchId: string | null, view: OfferView) {
  return useQuery({
    queryKey: flightKeys.offers(searchId ?? '', view),
    queryFn: () =>
      call(
        api.GET('/api/flight-searches/{id}', {
          params: { path: { id: searchId! }, query: offersQuery(view) },
        }),
      ),
    enabled: searchId !== null,
    placeholderData: keepPreviousData,
    // Offers expire (the sandbox's after 30 minutes): a page left open is read again, not trusted.
    staleTime: 60_000,
  });
}

/**
 * Books an offer. The Idempotency-Key comes from the caller (one per dialog and body), so a retry
 * after a lost answer replays the same booking instead of ordering twice.
 */
export function useBookFlight(tripId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: BookingBody; idempotencyKey: string }) =>
      call(
        api.POST('/api/trips/{id}/bookings', {
          params: { path: { id: tripId }, header: { 'Idempotency-Key': idempotencyKey } },
          body,
        }),
      ),
    onSuccess: () => {
      // A confirmed booking adds flights to the itinerary and may move the trip to booked.
      void queryClient.invalidateQueries({ queryKey: bookingKeys.trip(tripId) });
      void queryClient.invalidateQueries({ queryKey: tripKeys.detail(tripId) });
      void queryClient.invalidateQueries({ queryKey: tripKeys.itinerary(tripId) });
    },
  });
}
