import type { Metadata } from 'next';
import { EditTripClient } from './edit-trip-client';

export const metadata: Metadata = { title: 'Edit trip' };

export default async function EditTripPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <EditTripClient id={id} />;
}
