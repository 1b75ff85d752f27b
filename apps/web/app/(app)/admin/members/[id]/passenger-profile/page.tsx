import type { Metadata } from 'next';
import { MemberPassengerProfileClient } from './member-passenger-profile-client';

export const metadata: Metadata = { title: 'Passenger profile' };

export default async function MemberPassengerProfilePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <MemberPassengerProfileClient userId={id} />;
}
