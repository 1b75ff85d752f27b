import { Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { csvLine } from '../audit/audit-csv';
import type { AuthContext } from '../common/auth/auth-context';
import { DomainError } from '../common/errors/domain-error';
import { ReportErrorCode } from '../common/errors/error-codes';
import { OrganizationsRepository } from '../organizations/organizations.repository';
import type { StatementLine, StatementList, StatementMonth, StatementResponse } from './dto/statement.dto';
import { statementPdf } from './statement-pdf';
import { StatementTotals } from './statement-totals';
import { type StatementLineRow, StatementsRepository } from './statements.repository';

/** Rows per FETCH of the lines' cursor. */
export const STATEMENT_BATCH_ROWS = 500;

/** The first month statements list (older bookings predate NestMap). */
const FIRST_MONTH = '2000-01';

const CSV_HEADER = [
  'statement',
  'date',
  'entry',
  'booking id',
  'booking reference',
  'kind',
  'supplier',
  'trip',
  'travellers',
  'description',
  'amount',
  'currency',
];

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** A statement's month, as asked and as queried. */
interface Period {
  month: string;
  /** Instants, `to` exclusive. */
  from: string;
  to: string;
  provisional: boolean;
}

/** `YYYY-MM` of the month `count` months after `month`'s (before, when negative). */
function addMonths(month: string, count: number): string {
  const date = new Date(`${month}-01T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + count);
  return date.toISOString().slice(0, 7);
}

/** The last day of a `YYYY-MM` month. */
function lastDay(month: string): string {
  return new Date(Date.parse(`${addMonths(month, 1)}-01T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/**
 * Monthly statements of what is invoiced to the organization (docs/statements.md): bookings
 * confirmed and refunds of cancellations, per UTC month, in each booking's own currency.
 */
@Injectable()
export class StatementsService {
  constructor(
    private readonly statements: StatementsRepository,
    private readonly organizations: OrganizationsRepository,
  ) {}

  /** Months that have lines, newest first, with their totals; the current month always. */
  async list(ctx: AuthContext, now = new Date()): Promise<StatementList> {
    const current = now.toISOString().slice(0, 7);
    const rows = await this.statements.monthTotals(
      ctx,
      `${FIRST_MONTH}-01T00:00:00Z`,
      `${addMonths(current, 1)}-01T00:00:00Z`,
    );
    const organization = await this.organizations.getCurrent(ctx);
    const months = new Map<string, StatementMonth>([[current, this.month(organization.id, current, current)]]);
    for (const row of rows) {
      const month = months.get(row.month) ?? this.month(organization.id, row.month, current);
      month.lines += row.lines;
      month.totals.push({ currency: row.currency, charges: row.charges, refunds: row.refunds, net: row.net });
      months.set(row.month, month);
    }
    return { months: [...months.values()].sort((a, b) => b.month.localeCompare(a.month)) };
  }

  async statement(ctx: AuthContext, month: string, now = new Date()): Promise<StatementResponse> {
    const period = this.period(month, now);
    const organization = await this.organizations.getCurrent(ctx);
    const totals = new StatementTotals();
    const lines: StatementLine[] = [];
    for await (const batch of this.lines(ctx, period))
      for (const line of batch) {
        totals.add(line);
        lines.push(line);
      }
    return {
      number: statementNumber(organization.id, month),
      month,
      from: `${month}-01`,
      to: lastDay(month),
      provisional: period.provisional,
      generatedAt: now.toISOString(),
      organization: { id: organization.id, name: organization.name },
      lines,
      totals: totals.list(),
    };
  }

  /** The lines as CSV, read through a database cursor as the client reads. */
  async csv(ctx: AuthContext, month: string, now = new Date()) {
    const period = this.period(month, now);
    const organization = await this.organizations.getCurrent(ctx);
    const number = statementNumber(organization.id, month);
    const batches = this.lines(ctx, period);
    const stream = Readable.from(
      (async function* () {
        yield csvLine(CSV_HEADER);
        for await (const lines of batches) yield lines.map((line) => csvLine(csvRow(number, line))).join('');
      })(),
      // Read one batch ahead at most: the socket's pace sets the cursor's.
      { highWaterMark: 1 },
    );
    return { stream, filename: `statement-${number}.csv` };
  }

  /** The statement as an A4 PDF (statement-pdf.ts). */
  async pdf(ctx: AuthContext, month: string, now = new Date()) {
    const period = this.period(month, now);
    const organization = await this.organizations.getCurrent(ctx);
    const number = statementNumber(organization.id, month);
    const [year, index] = month.split('-').map(Number);
    const stream = statementPdf(
      {
        number,
        organization: organization.name,
        period: `1–${lastDay(month).slice(8)} ${MONTH_NAMES[index - 1]} ${year} (UTC)`,
        provisional: period.provisional,
        generatedAt: `${now.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      },
      this.lines(ctx, period),
    );
    return { stream, filename: `statement-${number}.pdf` };
  }

  private period(month: string, now: Date): Period {
    const current = now.toISOString().slice(0, 7);
    if (month > current)
      throw new DomainError(
        ReportErrorCode.StatementMonthInFuture,
        `${month} has not begun: the latest statement is ${current}'s (provisional)`,
      );
    return {
      month,
      from: `${month}-01T00:00:00Z`,
      to: `${addMonths(month, 1)}-01T00:00:00Z`,
      provisional: month === current,
    };
  }

  private async *lines(ctx: AuthContext, period: Period): AsyncGenerator<StatementLine[]> {
    for await (const rows of this.statements.lines(ctx, period.from, period.to, STATEMENT_BATCH_ROWS))
      yield rows.map(toLine);
  }

  private month(organizationId: string, month: string, current: string): StatementMonth {
    return {
      month,
      number: statementNumber(organizationId, month),
      provisional: month === current,
      lines: 0,
      totals: [],
    };
  }
}

/** `NM-<the organization id's first 8 hex digits>-<YYYYMM>`: the same month always has the same number. */
export function statementNumber(organizationId: string, month: string): string {
  return `NM-${organizationId.slice(0, 8).toUpperCase()}-${month.replace('-', '')}`;
}

/** What was booked, in a few words: a flight's route, carrier and departure day; a stay's property, place and nights. */
export function describe(row: StatementLineRow): string {
  if (row.kind === 'stay') {
    const place = [row.property ?? 'Stay', row.city].filter(Boolean).join(', ');
    if (!row.check_in || !row.check_out) return place;
    const nights = Math.round((Date.parse(row.check_out) - Date.parse(row.check_in)) / 86_400_000);
    return `${place} · ${nights} ${nights === 1 ? 'night' : 'nights'}, ${row.check_in} to ${row.check_out}`;
  }
  return [row.route ?? 'Flight', row.carrier, row.departs && `departs ${row.departs.slice(0, 10)}`]
    .filter(Boolean)
    .join(' · ');
}

function toLine(row: StatementLineRow): StatementLine {
  return {
    date: row.at.toISOString(),
    entry: row.entry,
    bookingId: row.booking_id,
    kind: row.kind,
    supplier: row.supplier,
    bookingReference: row.booking_reference,
    tripTitle: row.trip_title,
    travellers: row.travellers ?? '',
    description: describe(row),
    amount: row.amount,
    currency: row.currency,
  };
}

function csvRow(number: string, line: StatementLine): string[] {
  return [
    number,
    line.date,
    line.entry,
    line.bookingId,
    line.bookingReference ?? '',
    line.kind,
    line.supplier,
    line.tripTitle,
    line.travellers,
    line.description,
    line.amount,
    line.currency,
  ];
}
