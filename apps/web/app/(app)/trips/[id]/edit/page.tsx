import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { EditTripClient } from './edit-trip-client';
import { isTripId } from '@/lib/trips/trip-id';

export const metadata: Metadata = { title: 'Edit trip' };

export default async function EditTripPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!isTripId(id)) notFound();
  return <EditTripClient id={id} />;
}
