import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { Loading } from '@/components/ui';
import { TripClient } from './trip-client';
import { isTripId } from '@/lib/trips/trip-id';

export const metadata: Metadata = { title: 'Trip' };

export default async function TripPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!isTripId(id)) notFound();
  return (
    <Suspense fallback={<Loading label="Loading the trip…" />}>
      <TripClient id={id} />
    </Suspense>
  );
}
