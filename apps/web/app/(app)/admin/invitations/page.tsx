import type { Metadata } from 'next';
import { InvitationsClient } from './invitations-client';

export const metadata: Metadata = { title: 'Invitations' };

export default function InvitationsPage() {
  return <InvitationsClient />;
}
