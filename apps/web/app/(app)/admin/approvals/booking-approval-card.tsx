'use client';

import Link from 'next/link';
import { useState } from 'react';
import { SupplierLabel } from '@/components/bookings/booking-badges';
import { PolicyVerdict } from '@/components/policy/policy-verdict';
import { RejectDialog } from '@/components/approvals/reject-dialog';
import { Alert, Button, Card } from '@/components/ui';
import { BOOKING_STATUS } from '@/components/bookings/booking-badges';
import { describeError, hasErrorCode } from '@/lib/api/api-error';
import { fetchBooking, useDecideBooking, type Booking } from '@/lib/api/bookings';
import type { Member, Policy } from '@/lib/api/organization';
import { useTrip } from '@/lib/api/trips';
import { firstDeparture } from '@/lib/bookings/booking-summary';
import { bookingRoute } from '@/lib/flights/flight-offers';
import { formatWaited, hasWaitedLong } from '@/lib/format/waited';
import { formatDay, formatTimestamp } from '@/lib/time/zoned-time';
import { formatMoney } from '@/lib/trips/money';
import styles from '@/components/approvals/approvals.module.css';
import adminStyles from '../admin.module.css';

const CABINS: Record<NonNullable<Booking['offer']>['cabin'], string> = {
  economy: 'Economy',
  premium_economy: 'Premium economy',
  business: 'Business',
  first: 'First',
};

export interface BookingApprovalCardProps {
  booking: Booking;
  userId: string;
  members: Map<string, Member> | undefined;
  policy: Policy | undefined;
  onDecided(message: string): void;
}

/** What an approval answered, for the queue's notice. */
export function describeDecided(route: string, decided: Booking): string {
  if (decided.status === 'rejected') return `Flight ${route}: rejected; the booker has been notified with your reason.`;
  if (decided.status === 'confirmed')
    return `Flight ${route}: approved and booked, reference ${decided.bookingReference}. It is on the trip’s itinerary.`;
  if (decided.status === 'failed')
    return `Flight ${route}: approved, but the airline refused the order${decided.failure ? ` (${decided.failure.message})` : ''}. Nothing was bought.`;
  return `Flight ${route}: approved; the airline is confirming the order.`;
}

/** What happened to a booking that someone else decided (or changed) while the queue was open. */
export function describeSettled(route: string, current: Booking | null, name: (id: string) => string): string {
  if (current?.decision)
    return `Flight ${route}: already decided — ${name(current.decision.decidedBy.id)} ${current.decision.outcome} it (${formatTimestamp(current.decision.decidedAt)}), in another tab or window. Nothing more to do here.`;
  if (current)
    return `Flight ${route} changed meanwhile: it is now “${BOOKING_STATUS[current.status].label.toLowerCase()}”, so it no longer waits for a decision.`;
  return `Flight ${route} changed meanwhile and no longer waits for a decision.`;
}

/**
 * A flight booking waiting for a decision: the flights, its price beside the search's cheapest
 * in-policy offer, the verdict's reasons, and Approve (which orders at once) or Reject with a reason.
 */
export function BookingApprovalCard({ booking, userId, members, policy, onDecided }: BookingApprovalCardProps) {
  const decide = useDecideBooking();
  const trip = useTrip(booking.tripId);
  const [rejecting, setRejecting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const route = bookingRoute(booking);
  const departure = firstDeparture(booking);
  const name = (id: string) => (id === userId ? 'You' : (members?.get(id)?.name ?? 'Former member'));
  const reasonLabels = policy ? new Map(policy.reasonCodes.map((code) => [code.code, code.label])) : undefined;
  const mayDecide = booking.allowedActions.includes('approve');
  const cheapest = booking.cheapestInPolicy;

  const run = async (action: 'approve' | 'reject', text?: string) => {
    setError(null);
    try {
      const decided = await decide.mutateAsync({ action, booking, reason: text });
      setRejecting(false);
      onDecided(describeDecided(route, decided));
    } catch (failure) {
      // Someone else decided first (another tab or approver): the card leaves the queue with the
      // refreshed list, so the queue's notice says what happened.
      if (hasErrorCode(failure, 'BOOKING_ILLEGAL_TRANSITION')) {
        setRejecting(false);
        return onDecided(describeSettled(route, await fetchBooking(booking.id).catch(() => null), name));
      }
      // Any other refusal (the fare went up: approving again accepts it) stays on the card.
      setError(describeError(failure));
    }
  };

  return (
    <Card aria-label={`Flight ${route}`}>
      <div className={adminStyles.approval}>
        <div>
          <p className={adminStyles.approvalTitle}>
            {booking.kind === 'stay' ? 'Hotel' : 'Flight'} {route} <SupplierLabel supplier={booking.supplier} />
          </p>
          <div className={adminStyles.facts}>
            <span>
              <Link href={`/trips/${booking.tripId}`}>{trip.data?.title ?? 'Its trip'}</Link>
            </span>
            <span>Booked by {name(booking.bookedBy.id)}</span>
            <span>For {booking.passengerIds.map(name).join(', ')}</span>
            {departure && (
              <span>
                {booking.kind === 'stay' ? 'Check-in' : 'Departs'} {formatDay(departure, undefined, true)}
              </span>
            )}
            {booking.offer && <span>{CABINS[booking.offer.cabin]}</span>}
            <span
              className={hasWaitedLong(booking.createdAt) ? styles.waitedLong : styles.waited}
              title={`Booked ${formatTimestamp(booking.createdAt)}`}
            >
              Waiting {formatWaited(booking.createdAt)}
            </span>
          </div>
          <p className={adminStyles.price}>
            <strong>{formatMoney(booking.price)}</strong>{' '}
            {cheapest ? (
              <span>· cheapest in-policy offer of the same search: {formatMoney(cheapest.price)}</span>
            ) : (
              <span>· the search had no in-policy offer</span>
            )}
          </p>
          <PolicyVerdict verdict={{ ...booking.policy, checkedAt: booking.createdAt }} reasonLabels={reasonLabels} />
          {error && <Alert tone="danger">{error}</Alert>}
        </div>
        <div className={adminStyles.buttons}>
          {!mayDecide ? (
            <span className={adminStyles.facts}>
              {booking.bookedBy.id === userId || booking.passengerIds.includes(userId)
                ? 'Your own booking: another manager or admin decides.'
                : 'Not yours to decide.'}
            </span>
          ) : (
            <>
              <Button
                size="sm"
                variant="primary"
                loading={decide.isPending && decide.variables?.action === 'approve'}
                disabled={decide.isPending}
                onClick={() => void run('approve')}
              >
                Approve and book
              </Button>
              <Button size="sm" variant="danger" disabled={decide.isPending} onClick={() => setRejecting(true)}>
                Reject…
              </Button>
            </>
          )}
        </div>
      </div>
      <RejectDialog
        open={rejecting}
        title={`Reject the flight ${route}`}
        required="Tell the booker why, so they can book another flight."
        maxLength={2000}
        hint="The booker receives it by e-mail; nothing is bought."
        keepLabel="Keep it waiting"
        rejectLabel="Reject booking"
        error={error}
        pending={decide.isPending}
        onClose={() => setRejecting(false)}
        onReject={(text) => void run('reject', text)}
      />
    </Card>
  );
}
