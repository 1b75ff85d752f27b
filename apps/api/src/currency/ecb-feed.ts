import { DomainError } from '../common/errors/domain-error';
import { CurrencyErrorCode } from '../common/errors/error-codes';
import { isSaneRate } from './decimal';

export interface ReferenceRates {
  /** The day the rates were fixed, YYYY-MM-DD. */
  date: string;
  /** Units of each currency per 1 EUR, as decimal strings. */
  rates: Record<string, string>;
}

const DAY = /<Cube\s+time=['"](\d{4}-\d{2}-\d{2})['"]\s*>/;
const RATE = /<Cube\s+currency=['"]([A-Z]{3})['"]\s+rate=['"](\d{1,12}(?:\.\d{1,12})?)['"]\s*\/>/g;

/**
 * Reads the ECB's `eurofxref-daily.xml` (one `<Cube time>` with `<Cube currency rate/>` entries).
 * The format is small and fixed, so a pattern is enough; anything else is refused, not guessed.
 */
export function parseEcbDaily(xml: string): ReferenceRates {
  const day = DAY.exec(xml);
  const rates = Object.fromEntries(
    [...xml.matchAll(RATE)].filter((match) => isSaneRate(match[2])).map((match) => [match[1], match[2]]),
  );
  if (!day || Object.keys(rates).length === 0) throw new Error('not an ECB daily reference rates document');
  return { date: day[1], rates };
}

/** Fetches and parses the feed; any failure (no network, timeout, bad answer) is a 503 saying so. */
export async function fetchEcbDaily(url: string, timeoutMs: number): Promise<ReferenceRates> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return parseEcbDaily(await response.text());
  } catch {
    throw new DomainError(
      CurrencyErrorCode.ExchangeRatesUnreachable,
      'The ECB reference rates could not be fetched (no connection, or an unexpected answer); the recorded rates stay in use. Try again later, or set rates with PUT /api/exchange-rates.',
    );
  }
}
