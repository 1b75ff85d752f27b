import type { Schemas } from '@nestmap/api-client';
import { formatMoney } from '../trips/money';
import { wallTimeOf } from '../time/zoned-time';

type Offer = Schemas['FlightOfferResponse'];
/** A flight offer's or a stay rate's verdict: what the badges read. */
type OfferPolicy = Pick<Schemas['OfferPolicyResponse'], 'verdict' | 'policyVersion'> & {
  reasons: Pick<Schemas['PolicyReasonResponse'], 'rule' | 'overridable'>[];
};
type Segment = Schemas['FlightSegmentResponse'];
type FareCondition = Schemas['FareConditionResponse'];

export const CABIN_LABELS: Record<Offer['cabin'], string> = {
  economy: 'Economy',
  premium_economy: 'Premium economy',
  business: 'Business',
  first: 'First',
};

/**
 * The policy's say on an offer as the API judged it. Under an "allowed with a reason" policy an
 * out-of-policy offer reads `blocked` with a `reason_code` reason: it is bookable with a reason
 * code, so it is shown as such, not as blocked.
 */
export function verdictBadge(policy: OfferPolicy): {
  label: string;
  tone: 'success' | 'warning' | 'danger';
  /** What the disclosure of its reasons is called. */
  why: string;
} {
  if (policy.verdict === 'in_policy') return { label: 'In policy', tone: 'success', why: 'Rules it breaks' };
  if (policy.verdict === 'needs_approval')
    return { label: 'Needs approval', tone: 'warning', why: 'Why it needs approval' };
  return wantsReasonCode(policy)
    ? { label: 'Needs a reason', tone: 'warning', why: 'Why it needs a reason' }
    : { label: 'Blocked', tone: 'danger', why: 'Why it is blocked' };
}

/** Out of policy, and the policy lets it through with one of its reason codes (docs/booking.md). */
export function wantsReasonCode(policy: Pick<OfferPolicy, 'verdict' | 'reasons'>): boolean {
  return (
    policy.verdict === 'blocked' &&
    policy.reasons.some((reason) => reason.rule === 'reason_code') &&
    policy.reasons.every((reason) => reason.overridable)
  );
}

export function isBookable(policy: OfferPolicy): boolean {
  return policy.verdict !== 'blocked' || wantsReasonCode(policy);
}

/** "Non-stop", "1 stop", "2 stops". */
export function stopsLabel(stops: number): string {
  if (stops === 0) return 'Non-stop';
  return stops === 1 ? '1 stop' : `${stops} stops`;
}

/** The airlines selling the offer's flights, each once, in the order they fly. */
export function offerAirlines(offer: Pick<Offer, 'slices'>): string[] {
  const names = offer.slices.flatMap((slice) => slice.segments.map((segment) => segment.marketingCarrier.name));
  return [...new Set(names)];
}

/**
 * A segment's times as read at each airport ("09:05" at the origin, "11:50" at the destination),
 * with how many days later it lands than the slice left ("+1").
 */
export function segmentTimes(
  segment: Segment,
  sliceDepartureDate: string,
): {
  departs: string;
  arrives: string;
  dayShift: number;
} {
  const departs = wallTimeOf(segment.departingAt, segment.origin.timeZone);
  const arrives = wallTimeOf(segment.arrivingAt, segment.destination.timeZone);
  const dayShift = Math.round((Date.parse(arrives.date) - Date.parse(sliceDepartureDate)) / 86_400_000);
  return { departs: departs.time, arrives: arrives.time, dayShift };
}

/** The slice's departure date at its first airport (what "+1" counts from). */
export function sliceDepartureDate(slice: Schemas['FlightSliceResponse']): string {
  const first = slice.segments[0];
  return wallTimeOf(first.departingAt, first.origin.timeZone).date;
}

/** "Refundable for a fee of €70", "Changes free", "Not refundable"; null when the supplier does not say. */
export function conditionText(kind: 'refund' | 'change', condition: FareCondition | null): string | null {
  if (!condition) return null;
  const noun = kind === 'refund' ? 'Refundable' : 'Changeable';
  if (!condition.allowed) return kind === 'refund' ? 'Not refundable' : 'No changes';
  if (!condition.penalty || Number(condition.penalty.amount) === 0)
    return kind === 'refund' ? 'Fully refundable' : 'Changes free';
  return `${noun} for a fee of ${formatMoney(condition.penalty)}`;
}

/**
 * One Idempotency-Key per request body, kept for as long as the dialog is open: a retry of the same
 * booking reuses its key (the API replays the first answer, never a second order), while a changed
 * body (a reason code picked, a new price accepted) is another request and gets its own.
 */
export function idempotencyKeys(generate: () => string): (body: object) => string {
  const keys = new Map<string, string>();
  return (body) => {
    const fingerprint = JSON.stringify(Object.entries(body).sort(([a], [b]) => a.localeCompare(b)));
    let key = keys.get(fingerprint);
    if (!key) keys.set(fingerprint, (key = generate()));
    return key;
  };
}

/** The search's dates from the trip: out on its first day (not before today), back on its last. */
export function defaultFlightDates(
  trip: { startDate: string; endDate: string },
  todayDate: string,
): { departureDate: string; returnDate: string } {
  const departureDate = trip.startDate < todayDate ? todayDate : trip.startDate;
  return { departureDate, returnDate: trip.endDate > departureDate ? trip.endDate : '' };
}

/**
 * "LHR → JFK → LHR": the airports of each slice, the return's start folded into the way out's end;
 * for a stay, "Hotel Opera Paris, Paris".
 */
export function bookingRoute(booking: Pick<Schemas['BookingResponse'], 'offer' | 'stay'>): string {
  if (!booking.offer)
    return booking.stay ? `${booking.stay.property.name}, ${booking.stay.property.address.cityName}` : '';
  const stops: string[] = [];
  for (const slice of booking.offer.slices) {
    if (stops[stops.length - 1] !== slice.origin.iataCode) stops.push(slice.origin.iataCode);
    stops.push(slice.destination.iataCode);
  }
  return stops.join(' → ');
}
