import type { Schemas } from '@nestmap/api-client';
import { formatMoney } from '../trips/money';

type Rate = Schemas['StayRateResponse'];
type CancellationPolicy = Schemas['StayCancellationPolicyResponse'];

export const BOARD_LABELS: Record<Rate['board'], string> = {
  room_only: 'room only',
  breakfast: 'breakfast included',
  half_board: 'half board',
  full_board: 'full board',
  all_inclusive: 'all inclusive',
};

/**
 * "Free cancellation until 3 Mar, 18:00", "Non-refundable", or a partial refund: the timeline's
 * last step, in the reader's own time (its instants are UTC).
 */
export function cancellationText(policy: CancellationPolicy, locale?: string): string {
  const last = policy.timeline.at(-1);
  if (!policy.refundable || !last) return 'Non-refundable';
  const until = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(last.before),
  );
  const first = policy.timeline[0];
  return first === last && Number(first.refund.amount) > 0
    ? `Free cancellation until ${until}`
    : `${formatMoney(last.refund)} refunded if cancelled before ${until}`;
}

/** "★★★★" for screens, "4 stars" for screen readers. */
export function starsLabel(stars: number | null): { visual: string; spoken: string } | null {
  if (stars === null) return null;
  return { visual: '★'.repeat(stars), spoken: `${stars} star${stars === 1 ? '' : 's'}` };
}

/** The search's dates from the trip: check in on its first day (not before today), out on its last (at least a night). */
export function defaultStayDates(
  trip: { startDate: string; endDate: string },
  todayDate: string,
): { checkInDate: string; checkOutDate: string } {
  const checkInDate = trip.startDate < todayDate ? todayDate : trip.startDate;
  const nextDay = new Date(Date.parse(`${checkInDate}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return { checkInDate, checkOutDate: trip.endDate > checkInDate ? trip.endDate : nextDay };
}
