import type { Metadata } from 'next';
import { NewTripClient } from './new-trip-client';

export const metadata: Metadata = { title: 'Plan a trip' };

export default function NewTripPage() {
  return <NewTripClient />;
}
