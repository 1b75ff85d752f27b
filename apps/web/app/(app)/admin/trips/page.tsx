import type { Metadata } from 'next';
import { Suspense } from 'react';
import { TripsBrowser } from '@/components/trips/trips-browser';
import { Loading, PageHeader } from '@/components/ui';

export const metadata: Metadata = { title: 'Organization trips' };

export default function OrganizationTripsPage() {
  return (
    <>
      <PageHeader title="Organization trips" description="Every trip in your organization, by anyone." />
      <Suspense fallback={<Loading />}>
        <TripsBrowser scope="organization" />
      </Suspense>
    </>
  );
}
