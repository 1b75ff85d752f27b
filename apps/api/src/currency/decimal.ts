/**
 * Exact decimal arithmetic for money and exchange rates, on strings and BigInt (never floats):
 * amounts have 2 decimals, rates up to RATE_DECIMALS. Every rounding is half-up, like
 * PostgreSQL's ROUND on the positive numerics we store.
 */
export const RATE_DECIMALS = 12;
const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** `"12.5"` at `decimals` places → 1250n (for 2); more places than `decimals` are rounded half-up. */
export function toScaled(value: string, decimals: number): bigint {
  const match = DECIMAL.exec(value);
  if (!match) throw new Error(`not a non-negative decimal: ${value}`);
  const fraction = match[2] ?? '';
  const kept = BigInt(match[1] + fraction.slice(0, decimals).padEnd(decimals, '0'));
  return fraction.length > decimals && fraction[decimals] >= '5' ? kept + 1n : kept;
}

export function fromScaled(value: bigint, decimals: number): string {
  const digits = value.toString().padStart(decimals + 1, '0');
  return decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}

function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  return (numerator * 2n + denominator) / (denominator * 2n);
}

/** The rate from `from` to `to`, both given per 1 unit of a common base (cross rate via EUR). */
export function crossRate(basePerFrom: string, basePerTo: string): string {
  const unit = 10n ** BigInt(RATE_DECIMALS);
  const from = toScaled(basePerFrom, RATE_DECIMALS);
  if (from === 0n) throw new Error('a rate cannot be zero');
  return fromScaled(divideHalfUp(toScaled(basePerTo, RATE_DECIMALS) * unit, from), RATE_DECIMALS);
}

/** `amount × rate`, rounded to cents, in cents. */
export function convertToCents(amount: string, rate: string): bigint {
  return divideHalfUp(toScaled(amount, 2) * toScaled(rate, RATE_DECIMALS), 10n ** BigInt(RATE_DECIMALS));
}

export function formatCents(cents: bigint): string {
  return fromScaled(cents, 2);
}

/**
 * Rates per 1 EUR that we accept: every real currency is far inside (the ECB's range is about
 * 0.3 to 20,000). The bounds keep every cross rate between 10^-12 and 10^12, so it neither rounds
 * to 0 at RATE_DECIMALS places (which would make costs vanish from a budget) nor overflows.
 */
export function isSaneRate(value: string): boolean {
  if (!DECIMAL.test(value)) return false;
  const scaled = toScaled(value, RATE_DECIMALS);
  return scaled >= toScaled('0.0001', RATE_DECIMALS) && scaled < toScaled('100000000', RATE_DECIMALS);
}
