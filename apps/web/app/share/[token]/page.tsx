import type { Metadata } from 'next';
import { SharedTripPage } from './shared-trip-page';

// A capability URL (docs/collaboration.md): never indexed, never sent on as a referrer.
export const metadata: Metadata = {
  title: 'Shared trip',
  referrer: 'no-referrer',
  robots: { index: false, follow: false },
};

export default async function SharePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return <SharedTripPage token={token} />;
}
