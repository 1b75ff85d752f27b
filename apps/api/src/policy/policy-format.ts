import type { Cabin } from './travel-policy.schema';
import type { Money } from './policy-subject';

/** The words of verdict messages: English, like the API's other messages. */

export const CABIN_LABELS: Record<Cabin, string> = {
  economy: 'Economy',
  premium_economy: 'Premium economy',
  business: 'Business class',
  first: 'First class',
};

const moneyFormats = new Map<string, Intl.NumberFormat>();

/**
 * "€1,250.00"; display only — comparisons use exact cents. One formatter per currency, kept:
 * building an Intl.NumberFormat costs ~70 µs, and a flight search formats a reason for each of
 * hundreds of offers.
 */
export function formatMoney({ amount, currency }: Money): string {
  let format = moneyFormats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat('en', { style: 'currency', currency });
    moneyFormats.set(currency, format);
  }
  return format.format(Number(amount));
}

/** 455 → "7 h 35 min", 540 → "9 h", 45 → "45 min". */
export function formatDuration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return [hours ? `${hours} h` : '', rest || !hours ? `${rest} min` : ''].filter(Boolean).join(' ');
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
