import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { Loading } from '@/components/ui';
import { isTripId } from '@/lib/trips/trip-id';
import { StaysClient } from './stays-client';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: isTripId((await params).id) ? 'Book a hotel' : 'Page not found' };
}

/** Hotel search and booking for one trip, beside its flights page. */
export default async function TripStaysPage({ params }: Props) {
  const { id } = await params;
  if (!isTripId(id)) notFound();
  return (
    <Suspense fallback={<Loading label="Loading the trip…" />}>
      <StaysClient id={id} />
    </Suspense>
  );
}
