import { numberFormat } from '../format/intl-cache';
import { displayLocale } from '../format/locale';

/** "1,250.00 EUR" → "€1,250" style, in the user's locale; the amount stays a decimal string until shown. */
export function formatMoney(
  money: { amount: string; currency: string } | null | undefined,
  locale = displayLocale(),
): string {
  if (!money) return '';
  const value = Number(money.amount);
  try {
    return numberFormat(locale, {
      style: 'currency',
      currency: money.currency,
      maximumFractionDigits: Number.isInteger(value) ? 0 : 2,
    }).format(value);
  } catch {
    return `${money.amount} ${money.currency}`;
  }
}
