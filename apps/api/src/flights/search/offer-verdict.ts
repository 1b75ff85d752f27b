import { formatCents, toScaled } from '../../currency/decimal';
import { distanceKm } from '../../places/great-circle';
import { evaluate } from '../../policy/policy-evaluator';
import type { EvaluationContext, FlightSubject, Money } from '../../policy/policy-subject';
import type { PolicyReason, Verdict } from '../../policy/policy-verdict';
import type { TravelPolicyRules } from '../../policy/travel-policy.schema';
import type { FlightOffer, FlightSlice } from '../supplier/flight-supplier';

/** A reason of an offer's verdict, with the slices (0-based, in the offer's order) that broke it. */
export interface OfferReason extends PolicyReason {
  slices: number[];
}

export interface OfferVerdict {
  verdict: Verdict;
  policyVersion: number;
  reasons: OfferReason[];
}

/** Worst last: an offer is as bad as its worst slice. */
const SEVERITY: Record<Verdict, number> = { in_policy: 0, needs_approval: 1, blocked: 2 };

/**
 * Judges a flight offer against the policy, as docs/booking.md § Flight search and policy verdicts
 * says: each slice is one flight (a `FlightSubject`) carrying its share of the fare and of the
 * emissions per passenger (shares by great-circle distance); the offer's verdict is the worst of
 * its slices', and its reasons are theirs in slice order, a reason broken alike by several slices
 * listed once with all of them. Pure: the context brings the clock, the zone and the converter.
 */
export function judgeOffer(
  policy: TravelPolicyRules,
  offer: FlightOffer,
  passengers: number,
  context: EvaluationContext,
): OfferVerdict {
  const verdicts = sliceSubjects(offer, passengers).map((subject) => evaluate(policy, subject, context));
  const reasons: OfferReason[] = [];
  const byKey = new Map<string, OfferReason>();
  verdicts.forEach((verdict, slice) => {
    for (const reason of verdict.reasons) {
      const key = `${reason.rule}\u0000${reason.message}\u0000${reason.limit}\u0000${reason.actual}\u0000${reason.unit}`;
      const seen = byKey.get(key);
      if (seen) seen.slices.push(slice);
      else {
        const merged = { ...reason, slices: [slice] };
        byKey.set(key, merged);
        reasons.push(merged);
      }
    }
  });
  const verdict = verdicts.reduce<Verdict>(
    (worst, { verdict: next }) => (SEVERITY[next] > SEVERITY[worst] ? next : worst),
    'in_policy',
  );
  return { verdict, policyVersion: policy.version, reasons };
}

/** Each slice of the offer as the policy engine's flight, with its share of the fare and CO2 per passenger. */
export function sliceSubjects(offer: FlightOffer, passengers: number): FlightSubject[] {
  const weights = offer.slices.map(sliceDistance);
  const fares = apportionCents(perPassengerCents(offer.totalAmount, passengers), weights);
  const co2 =
    offer.totalEmissionsKg === null
      ? null
      : apportionUnits(BigInt(Math.round(offer.totalEmissionsKg / passengers)), weights);
  return offer.slices.map((slice, index) => ({
    kind: 'flight',
    departureDate: slice.segments[0].departingAt.slice(0, 10),
    durationMinutes: slice.durationMinutes,
    cabin: offer.cabin,
    fare: { amount: formatCents(fares[index]), currency: offer.totalAmount.currency },
    carriers: sliceCarriers(slice),
    connections: slice.segments.length - 1,
    co2Kg: co2 === null ? null : Number(co2[index]),
  }));
}

/** Who sells or flies any segment of the slice (marketing and operating carriers), each once. */
export function sliceCarriers(slice: FlightSlice): string[] {
  const codes = slice.segments.flatMap((segment) => [
    segment.marketingCarrier.iataCode,
    segment.operatingCarrier.iataCode,
  ]);
  return [...new Set(codes)];
}

/** The fare of one passenger, in cents, half-up (offers price every adult alike). */
export function perPassengerCents(total: Money, passengers: number): bigint {
  const cents = toScaled(total.amount, 2);
  const count = BigInt(passengers);
  return (cents * 2n + count) / (count * 2n);
}

function sliceDistance(slice: FlightSlice): number {
  return distanceKm(slice.origin, slice.destination);
}

/**
 * `total` cents split in proportion to `weights`, summing exactly to `total` (largest remainder:
 * the cents left after rounding down go to the largest fractions, earlier slices first on ties).
 * Weights that are all zero split equally.
 */
export function apportionCents(total: bigint, weights: number[]): bigint[] {
  return apportionUnits(total, weights);
}

function apportionUnits(total: bigint, weights: number[]): bigint[] {
  if (weights.length === 1) return [total];
  const sum = weights.reduce((a, b) => a + b, 0);
  const shares = sum > 0 ? weights.map((weight) => weight / sum) : weights.map(() => 1 / weights.length);
  // Shares as integers over a fixed scale, so the arithmetic on money stays exact.
  const SCALE = 1_000_000_000n;
  const scaled = shares.map((share) => BigInt(Math.round(share * Number(SCALE))));
  const scaledSum = scaled.reduce((a, b) => a + b, 0n);
  const exact = scaled.map((share) => total * share);
  const floors = exact.map((value) => value / scaledSum);
  let left = total - floors.reduce((a, b) => a + b, 0n);
  const order = exact
    .map((value, index) => ({ index, remainder: value % scaledSum }))
    .sort((a, b) => (b.remainder > a.remainder ? 1 : b.remainder < a.remainder ? -1 : a.index - b.index));
  for (const { index } of order) {
    if (left <= 0n) break;
    floors[index] += 1n;
    left -= 1n;
  }
  return floors;
}
