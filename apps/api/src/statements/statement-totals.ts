import { formatCents, toScaled } from '../currency/decimal';
import type { StatementCurrencyTotals } from './dto/statement.dto';

function cents(amount: string): bigint {
  return amount.startsWith('-') ? -toScaled(amount.slice(1), 2) : toScaled(amount, 2);
}

function signed(value: bigint): string {
  return value < 0n ? `-${formatCents(-value)}` : formatCents(value);
}

/** Sums a statement's lines per currency, exactly (cents as BigInt), as they go by. */
export class StatementTotals {
  readonly #byCurrency = new Map<string, { charges: bigint; refunds: bigint }>();

  add(line: { entry: 'charge' | 'refund'; amount: string; currency: string }): void {
    const sums = this.#byCurrency.get(line.currency) ?? { charges: 0n, refunds: 0n };
    if (line.entry === 'charge') sums.charges += cents(line.amount);
    else sums.refunds -= cents(line.amount);
    this.#byCurrency.set(line.currency, sums);
  }

  /** One entry per currency, alphabetical; refunds positive, net = charges − refunds. */
  list(): StatementCurrencyTotals[] {
    return [...this.#byCurrency.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, { charges, refunds }]) => ({
        currency,
        charges: signed(charges),
        refunds: signed(refunds),
        net: signed(charges - refunds),
      }));
  }
}

/** `-1234567.50` → `-1,234,567.50` (for the PDF; the CSV and the API keep plain decimals). */
export function groupDigits(amount: string): string {
  return amount.replace(
    /^(-?)(\d+)/,
    (_, sign: string, whole: string) => sign + whole.replace(/\B(?=(\d{3})+$)/g, ','),
  );
}
