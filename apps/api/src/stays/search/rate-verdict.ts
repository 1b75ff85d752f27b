import { daysBetween } from '../../policy/calendar-days';
import { formatCents, toScaled } from '../../currency/decimal';
import { evaluate } from '../../policy/policy-evaluator';
import type { EvaluationContext, Money, StaySubject } from '../../policy/policy-subject';
import type { PolicyVerdict } from '../../policy/policy-verdict';
import type { TravelPolicyRules } from '../../policy/travel-policy.schema';
import type { StayAtProperty } from '../supplier/stay-supplier';

/** The nights of a stay (check-out date minus check-in date). */
export function nightsOf(stay: Pick<StayAtProperty, 'checkInDate' | 'checkOutDate'>): number {
  return daysBetween(stay.checkInDate, stay.checkOutDate);
}

/**
 * What one room costs one night: the rate's total over its nights and rooms, half-up to the cent.
 * A total includes every night and room; the policy's caps are per room and night.
 */
export function nightlyRate(total: Money, nights: number, rooms: number): Money {
  const cents = toScaled(total.amount, 2);
  const parts = BigInt(Math.max(1, nights) * Math.max(1, rooms));
  return { amount: formatCents((cents * 2n + parts) / (parts * 2n)), currency: total.currency };
}

/**
 * Judges a stay rate (docs/stays.md § Policy verdicts): the nightly rate of one room against the
 * city's cap (the property's city and country) or `maxHotelNightlyRate`. Pure: the context brings
 * the clock, the zone, the converter and the booker's reason code.
 */
export function judgeRate(
  policy: TravelPolicyRules,
  stay: Pick<StayAtProperty, 'property' | 'checkInDate' | 'checkOutDate' | 'rooms'>,
  total: Money,
  context: EvaluationContext,
): PolicyVerdict {
  const subject: StaySubject = {
    kind: 'stay',
    city: stay.property.address.cityName,
    countryCode: stay.property.address.countryCode || null,
    nightlyRate: nightlyRate(total, nightsOf(stay), stay.rooms),
  };
  return evaluate(policy, subject, context);
}
