import { fromScaled, toScaled } from '../../currency/decimal';

/** Stripe's zero-decimal currencies: amounts are sent in whole units (docs.stripe.com/currencies). */
const ZERO_DECIMAL = new Set([
  'BIF',
  'CLP',
  'DJF',
  'GNF',
  'JPY',
  'KMF',
  'KRW',
  'MGA',
  'PYG',
  'RWF',
  'UGX',
  'VND',
  'VUV',
  'XAF',
  'XOF',
  'XPF',
]);
/** Three-decimal currencies: Stripe counts thousandths. */
const THREE_DECIMAL = new Set(['BHD', 'JOD', 'KWD', 'OMR', 'TND']);

function decimalsOf(currency: string): number {
  const code = currency.toUpperCase();
  return ZERO_DECIMAL.has(code) ? 0 : THREE_DECIMAL.has(code) ? 3 : 2;
}

/** "123.45" EUR → 12345: the integer Stripe's `amount` fields take. */
export function toMinorUnits(amount: string, currency: string): number {
  return Number(toScaled(amount, decimalsOf(currency)));
}

/** 12345 EUR → "123.45". */
export function fromMinorUnits(amount: number, currency: string): string {
  return fromScaled(BigInt(amount), decimalsOf(currency));
}
