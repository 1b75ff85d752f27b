'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { TripForm } from '@/components/trips/trip-form';
import { Card, PageHeader } from '@/components/ui';
import { usePolicy } from '@/lib/api/organization';
import { useCreateTrip } from '@/lib/api/trips';

export function NewTripClient() {
  const router = useRouter();
  const createTrip = useCreateTrip();
  const policy = usePolicy();

  if (policy.isPending) return null;

  return (
    <>
      <PageHeader
        eyebrow={<Link href="/trips">← My trips</Link>}
        title="Plan a trip"
        description="Start with where and when. You build the itinerary next, day by day on the map."
      />
      <Card>
        <TripForm
          submitLabel="Create trip"
          draftKey="new-trip"
          defaultCurrency={policy.data?.currency ?? 'EUR'}
          onSubmit={async (body) => {
            const trip = await createTrip.mutateAsync(body);
            router.push(`/trips/${trip.id}?created=1`);
          }}
          onCancel={() => router.back()}
        />
      </Card>
    </>
  );
}
