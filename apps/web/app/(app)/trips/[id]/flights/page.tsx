import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { Loading } from '@/components/ui';
import { isTripId } from '@/lib/trips/trip-id';
import { FlightsClient } from './flights-client';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: isTripId((await params).id) ? 'Book a flight' : 'Page not found' };
}

/** Flight search and booking for one trip: its own page, so the trip page stays as light as it is. */
export default async function TripFlightsPage({ params }: Props) {
  const { id } = await params;
  if (!isTripId(id)) notFound();
  return (
    <Suspense fallback={<Loading label="Loading the trip…" />}>
      <FlightsClient id={id} />
    </Suspense>
  );
}
