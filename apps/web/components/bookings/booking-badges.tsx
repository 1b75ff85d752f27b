import type { Schemas } from '@nestmap/api-client';
import { Badge, type Tone } from '@/components/ui';

type Booking = Schemas['BookingResponse'];

export const BOOKING_STATUS: Record<Booking['status'], { label: string; tone: Tone }> = {
  pending_approval: { label: 'Waiting for approval', tone: 'warning' },
  approved: { label: 'Approved', tone: 'info' },
  rejected: { label: 'Rejected', tone: 'danger' },
  ordering: { label: 'Booking…', tone: 'info' },
  confirmed: { label: 'Confirmed', tone: 'success' },
  failed: { label: 'Failed', tone: 'danger' },
  cancellation_quoted: { label: 'Cancellation quoted', tone: 'warning' },
  cancelled: { label: 'Cancelled', tone: 'neutral' },
  changed_by_airline: { label: 'Changed by the airline', tone: 'warning' },
};

export function BookingStatusBadge({ status }: { status: Booking['status'] }) {
  return <Badge tone={BOOKING_STATUS[status].tone}>{BOOKING_STATUS[status].label}</Badge>;
}

/**
 * The booking's policy verdict as judged when it was booked, with what became of it: an approver's
 * decision on an out-of-policy booking, or the booker's reason code that made one acceptable.
 */
export function BookingVerdictBadge({ booking }: { booking: Pick<Booking, 'policy' | 'decision'> }) {
  const { policy, decision } = booking;
  const reasons = policy.reasons.map((reason) => reason.message).join(' ');
  if (policy.verdict === 'in_policy' && !policy.reasonCode) return <Badge tone="success">In policy</Badge>;
  const label =
    policy.verdict === 'in_policy'
      ? 'Out of policy, with a reason'
      : policy.verdict === 'blocked'
        ? 'Blocked by policy'
        : decision
          ? `Out of policy, ${decision.outcome}`
          : 'Needs approval';
  return (
    <Badge
      tone={policy.verdict === 'blocked' || decision?.outcome === 'rejected' ? 'danger' : 'warning'}
      title={reasons}
    >
      {label}
    </Badge>
  );
}

const SUPPLIER_NAMES: Record<Exclude<Booking['supplier'], 'sandbox'>, string> = {
  duffel: 'Duffel',
  booking_com: 'Booking.com',
  amadeus: 'Amadeus',
};

/** Who sold it; the sandbox is said plainly, since nobody flies on it. */
export function SupplierLabel({ supplier }: { supplier: Booking['supplier'] }) {
  return supplier === 'sandbox' ? (
    <Badge tone="neutral" title="A simulated booking: no ticket was issued, nobody flies">
      Sandbox
    </Badge>
  ) : (
    <span>{SUPPLIER_NAMES[supplier]}</span>
  );
}
