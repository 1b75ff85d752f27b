import { dateTimeFormat, numberFormat } from '../format/intl-cache';
import { displayLocale } from '../format/locale';

/** `2027-03` → "Mar 2027" in the user's locale. */
export function formatMonth(month: string, locale = displayLocale()): string {
  return dateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${month}-01T00:00:00Z`),
  );
}

/** kg CO2e, whole kilograms below 10 t, tonnes with one decimal above. */
export function formatKg(kg: number, locale = displayLocale()): string {
  if (Math.abs(kg) >= 10_000) return `${numberFormat(locale, { maximumFractionDigits: 1 }).format(kg / 1000)} t CO2e`;
  return `${numberFormat(locale, { maximumFractionDigits: 0 }).format(kg)} kg CO2e`;
}

/** `part` of `whole` as a whole percentage ("—" of nothing). */
export function formatShare(part: number, whole: number, locale = displayLocale()): string {
  if (whole === 0) return '—';
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(part / whole);
}

/** A whole number in the user's locale (chart axes). */
export function formatNumber(value: number, locale = displayLocale()): string {
  return numberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}
