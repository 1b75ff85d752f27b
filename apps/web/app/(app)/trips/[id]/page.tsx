import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { Loading } from '@/components/ui';
import { TripClient } from './trip-client';
import { isTripId } from '@/lib/trips/trip-id';

type Props = { params: Promise<{ id: string }> };

/** The tab is renamed after the trip once it loads; an id that cannot be a trip is the not-found page. */
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: isTripId((await params).id) ? 'Trip' : 'Page not found' };
}

export default async function TripPage({ params }: Props) {
  const { id } = await params;
  if (!isTripId(id)) notFound();
  return (
    <Suspense fallback={<Loading label="Loading the trip…" />}>
      <TripClient id={id} />
    </Suspense>
  );
}
