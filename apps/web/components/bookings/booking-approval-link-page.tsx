'use client';

import Link from 'next/link';
import { useState } from 'react';
import { SupplierLabel } from '@/components/bookings/booking-badges';
import { PolicyVerdict } from '@/components/policy/policy-verdict';
import { Alert, Button, Field, Loading, Textarea } from '@/components/ui';
import { describeError, hasErrorCode } from '@/lib/api/api-error';
import { useBookingApprovalPreview, useDecideByLink } from '@/lib/api/booking-approval-link';
import type { Booking } from '@/lib/api/bookings';
import { bookingRoute } from '@/lib/flights/flight-offers';
import { formatTimestamp } from '@/lib/time/zoned-time';
import { formatMoney } from '@/lib/trips/money';
import styles from '@/app/(auth)/auth.module.css';

function outcome(route: string, decided: Booking): string {
  const [item, seller] = decided.kind === 'stay' ? ['stay at', 'hotel'] : ['flight', 'airline'];
  if (decided.status === 'rejected') return `You rejected the ${item} ${route}; the booker has been told.`;
  if (decided.status === 'confirmed')
    return `You approved the ${item} ${route}: it is booked, reference ${decided.bookingReference}.`;
  if (decided.status === 'failed')
    return `You approved the ${item} ${route}, but the ${seller} refused the order. Nothing was bought.`;
  return `You approved the ${item} ${route}; the ${seller} is confirming the order.`;
}

/**
 * An approver's e-mailed link (no session): what the booking is, and a decision the approver
 * confirms with a button — opening the page changes nothing. A used, expired or decided link says so.
 */
export function BookingApprovalLinkPage({ token }: { token: string }) {
  const preview = useBookingApprovalPreview(token);
  const decide = useDecideByLink(token);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  if (done) {
    return (
      <>
        <h1 className={styles.title}>Decision recorded</h1>
        <p className={styles.lead}>{done}</p>
        <p className={styles.footer}>
          <Link href="/sign-in">Sign in to NestMap</Link>
        </p>
      </>
    );
  }
  if (preview.isPending) return <Loading label="Checking the approval link…" />;
  if (preview.isError) {
    if (hasErrorCode(preview.error, 'NOT_FOUND', 'VALIDATION_FAILED')) {
      return (
        <>
          <h1 className={styles.title}>This approval link no longer works</h1>
          <p className={styles.lead}>
            The booking was already decided, the link expired, or it was not opened whole. Open the approvals queue in
            NestMap to see it.
          </p>
          <p className={styles.footer}>
            <Link href="/sign-in">Sign in to NestMap</Link>
          </p>
        </>
      );
    }
    return <Alert tone="danger">{describeError(preview.error)}</Alert>;
  }

  const { booking, tripTitle, expiresAt } = preview.data;
  const route = bookingRoute(booking);
  const run = async (action: 'approve' | 'reject') => {
    setError(null);
    try {
      const decided = await decide.mutateAsync({ action, reason: reason.trim() || undefined });
      setDone(outcome(route, decided));
    } catch (failure) {
      setError(describeError(failure));
    }
  };

  return (
    <>
      <h1 className={styles.title}>
        {booking.kind === 'stay' ? 'Hotel' : 'Flight'} {route} <SupplierLabel supplier={booking.supplier} />
      </h1>
      <p className={styles.lead}>
        For the trip “{tripTitle}”: <strong>{formatMoney(booking.price)}</strong>
        {booking.cheapestInPolicy
          ? ` (the cheapest in-policy offer of the same search: ${formatMoney(booking.cheapestInPolicy.price)})`
          : ' (the search had no in-policy offer)'}
        .
      </p>
      <PolicyVerdict verdict={{ ...booking.policy, checkedAt: booking.createdAt }} />
      {error && <Alert tone="danger">{error}</Alert>}
      {rejecting && (
        <Field label="Reason (the booker sees it)">
          <Textarea value={reason} maxLength={2000} onChange={(event) => setReason(event.target.value)} />
        </Field>
      )}
      <div className={styles.form}>
        {rejecting ? (
          <Button variant="danger" loading={decide.isPending} onClick={() => void run('reject')}>
            Reject the booking
          </Button>
        ) : (
          <>
            <Button variant="primary" loading={decide.isPending} onClick={() => void run('approve')}>
              Approve and book
            </Button>
            <Button variant="danger" disabled={decide.isPending} onClick={() => setRejecting(true)}>
              Reject…
            </Button>
          </>
        )}
      </div>
      <p className={styles.footer}>This link works until {formatTimestamp(expiresAt)}, for you only.</p>
    </>
  );
}
