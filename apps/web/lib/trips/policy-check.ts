import type { Schemas } from '@nestmap/api-client';
import { daysBetween } from '../time/zoned-time';
import { formatMoney } from './money';

type Trip = Pick<Schemas['TripResponse'], 'budget' | 'startDate'>;
type Policy = Pick<Schemas['TravelPolicyResponse'], 'tripBudgetCeiling' | 'currency' | 'minAdvanceBookingDays'>;

export interface PolicyCheck {
  /** Every note is within policy. */
  withinPolicy: boolean;
  notes: { ok: boolean; text: string }[];
}

/**
 * What an approver wants to know at a glance: does the trip fit the organization's travel policy
 * (budget ceiling, notice period)? Flight and hotel limits are checked per offer by the booking
 * flow; a trip only has a budget and dates.
 */
export function checkTripAgainstPolicy(trip: Trip, policy: Policy, today: string, locale?: string): PolicyCheck {
  const notes: PolicyCheck['notes'] = [];
  const ceiling = policy.tripBudgetCeiling ? { amount: policy.tripBudgetCeiling, currency: policy.currency } : null;
  if (ceiling) {
    if (!trip.budget)
      notes.push({ ok: false, text: `No budget given; the policy ceiling is ${formatMoney(ceiling, locale)}.` });
    else if (trip.budget.currency !== ceiling.currency)
      notes.push({
        ok: false,
        text: `Budget is in ${trip.budget.currency}, the ceiling in ${ceiling.currency}: compare by hand.`,
      });
    else if (Number(trip.budget.amount) > Number(ceiling.amount))
      notes.push({
        ok: false,
        text: `Budget ${formatMoney(trip.budget, locale)} is over the ${formatMoney(ceiling, locale)} ceiling.`,
      });
    else
      notes.push({
        ok: true,
        text: `Budget ${formatMoney(trip.budget, locale)} is within the ${formatMoney(ceiling, locale)} ceiling.`,
      });
  }
  const notice = daysBetween(today, trip.startDate);
  if (policy.minAdvanceBookingDays > 0) {
    const days = (n: number) => `${n} ${Math.abs(n) === 1 ? 'day' : 'days'}`;
    if (notice < policy.minAdvanceBookingDays)
      notes.push({
        ok: false,
        text: `${notice < 0 ? `Started ${days(-notice)} ago` : `Starts in ${days(notice)}`}; the policy asks for ${days(policy.minAdvanceBookingDays)}’ notice.`,
      });
    else
      notes.push({
        ok: true,
        text: `Starts in ${days(notice)}: enough notice (${days(policy.minAdvanceBookingDays)} required).`,
      });
  }
  return { withinPolicy: notes.every((note) => note.ok), notes };
}
