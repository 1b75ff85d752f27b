import type { Metadata } from 'next';
import { PassengerProfileClient } from './passenger-profile-client';

export const metadata: Metadata = { title: 'My passenger profile' };

export default function PassengerProfilePage() {
  return <PassengerProfileClient />;
}
