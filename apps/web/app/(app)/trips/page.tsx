import type { Metadata } from 'next';
import { Suspense } from 'react';
import { TripsBrowser } from '@/components/trips/trips-browser';
import { ButtonLink, Loading, PageHeader } from '@/components/ui';

export const metadata: Metadata = { title: 'My trips' };

export default function TripsPage() {
  return (
    <>
      <PageHeader
        title="My trips"
        description="Everything you have planned, submitted and travelled."
        actions={
          <ButtonLink href="/trips/new" variant="primary">
            Plan a trip
          </ButtonLink>
        }
      />
      <Suspense fallback={<Loading />}>
        <TripsBrowser scope="mine" />
      </Suspense>
    </>
  );
}
