import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { Loading } from '@/components/ui';
import { serverItinerary, serverTrip } from '@/lib/session/server-api';
import { tripKeys } from '@/lib/trips/trip-keys';
import { TripClient } from './trip-client';
import { isTripId } from '@/lib/trips/trip-id';

type Props = { params: Promise<{ id: string }> };

/** Named after the trip when the server could read it; an id that cannot be a trip is the not-found page. */
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  if (!isTripId(id)) return { title: 'Page not found' };
  return { title: (await serverTrip(id))?.title ?? 'Trip' };
}

/**
 * The trip and its itinerary are read on the server when the request carries the trip pages'
 * access cookie, and handed to the browser's query cache: the first view arrives in the HTML.
 * Without one (or when the API refuses), the page loads them in the browser, as it always could.
 */
export default async function TripPage({ params }: Props) {
  const { id } = await params;
  if (!isTripId(id)) notFound();
  const [trip, itinerary] = await Promise.all([serverTrip(id), serverItinerary(id)]);
  const queryClient = new QueryClient();
  if (trip) queryClient.setQueryData(tripKeys.detail(id), trip);
  if (itinerary) queryClient.setQueryData(tripKeys.itinerary(id), itinerary);
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <Suspense fallback={<Loading label="Loading the trip…" />}>
        <TripClient id={id} />
      </Suspense>
    </HydrationBoundary>
  );
}
