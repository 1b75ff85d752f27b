import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { EditTripClient } from './edit-trip-client';
import { isTripId } from '@/lib/trips/trip-id';

type Props = { params: Promise<{ id: string }> };

/** The tab is renamed after the trip once it loads; an id that cannot be a trip is the not-found page. */
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: isTripId((await params).id) ? 'Edit trip' : 'Page not found' };
}

export default async function EditTripPage({ params }: Props) {
  const { id } = await params;
  if (!isTripId(id)) notFound();
  return <EditTripClient id={id} />;
}
