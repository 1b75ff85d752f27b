import type { Metadata } from 'next';
import { BookingApprovalLinkPage } from '@/components/bookings/booking-approval-link-page';

// A capability URL (S29): never indexed, never sent on as a referrer.
export const metadata: Metadata = {
  title: 'Approve a flight booking',
  referrer: 'no-referrer',
  robots: { index: false, follow: false },
};

export default async function BookingApprovalPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return <BookingApprovalLinkPage token={token} />;
}
