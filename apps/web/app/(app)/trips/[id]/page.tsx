import type { Metadata } from 'next';
import { Suspense } from 'react';
import { Loading } from '@/components/ui';
import { TripClient } from './trip-client';

export const metadata: Metadata = { title: 'Trip' };

export default async function TripPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <Suspense fallback={<Loading label="Loading the trip…" />}>
      <TripClient id={id} />
    </Suspense>
  );
}
