import { Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { csvLine } from '../audit/audit-csv';
import type { AuthContext } from '../common/auth/auth-context';
import { DomainError } from '../common/errors/domain-error';
import { ReportErrorCode } from '../common/errors/error-codes';
import { formatCents, toScaled } from '../currency/decimal';
import { TravelPoliciesRepository } from '../policy/travel-policies.repository';
import {
  NO_COST_CENTRE,
  type SpendByMonth,
  type SpendReportQuery,
  type SpendReportResponse,
} from './dto/spend-report.dto';
import { type FiguresRow, type SpendEntryRow, SpendReportRepository, type SpendScope } from './spend-report.repository';

/** The longest period one report covers. */
const MAX_PERIOD_DAYS = 3 * 366;
/** The traveller breakdown's length (largest spend first); the CSV export has every booking. */
export const TRAVELLER_ROWS = 200;
/** Rows per FETCH of the CSV export's cursor. */
export const EXPORT_BATCH_ROWS = 500;

const CSV_HEADER = [
  'date',
  'entry',
  'booking id',
  'booking reference',
  'trip',
  'destination',
  'cost centre',
  'supplier',
  'travellers',
  'booked amount',
  'booked currency',
  'rate',
  'amount',
  'currency',
  'kg CO2e',
  'policy',
  'reason code',
  'cheapest in policy',
];

/** The period as asked (days, UTC) and as queried (instants, `to` exclusive). */
interface Period {
  from: string;
  to: string;
  scope: SpendScope;
}

/** Spend and CO2 reports (docs/reports.md): in the organization's reporting currency, its travel policy's. */
@Injectable()
export class SpendReportService {
  constructor(
    private readonly reports: SpendReportRepository,
    private readonly policies: TravelPoliciesRepository,
  ) {}

  async report(ctx: AuthContext, query: SpendReportQuery, today = new Date()): Promise<SpendReportResponse> {
    const { from, to, scope } = await this.period(ctx, query, today);
    // One after the other: a report is a handful of index scans, and one request holds one connection.
    const months = await this.reports.byMonth(ctx, scope);
    const byTraveller = await this.reports.byTraveller(ctx, scope, TRAVELLER_ROWS);
    const byDestination = await this.reports.byDestination(ctx, scope);
    const bySupplier = await this.reports.bySupplier(ctx, scope);
    const byCostCentre = await this.reports.byCostCentre(ctx, scope);
    const policy = await this.reports.policy(ctx, scope);
    const reasonCodes = await this.reports.reasonCodes(ctx, scope);
    const savings = await this.reports.savings(ctx, scope);
    const byMonth = everyMonth(from, to, months);
    return {
      currency: scope.currency,
      from,
      to,
      totals: {
        spend: sumAmounts(byMonth.map((row) => row.spend)),
        refunds: sumAmounts(byMonth.map((row) => row.refunds)),
        bookings: byMonth.reduce((total, row) => total + row.bookings, 0),
        emissionsKg: byMonth.reduce((total, row) => total + row.emissionsKg, 0),
      },
      byMonth,
      byTraveller: byTraveller.map((row) => ({ travellerId: row.key!, name: row.name, ...figures(row) })),
      byDestination: byDestination.map((row) => ({ destination: row.key ?? '', ...figures(row) })),
      bySupplier: bySupplier.map((row) => ({ supplier: row.key ?? '', ...figures(row) })),
      byCostCentre: byCostCentre.map((row) => ({ costCentre: row.key, ...figures(row) })),
      policy: {
        inPolicy: policy.in_policy,
        inPolicySpend: policy.in_policy_spend,
        outOfPolicy: policy.out_of_policy,
        outOfPolicySpend: policy.out_of_policy_spend,
        reasonCodes: reasonCodes.map((row) => ({ code: row.key!, bookings: row.bookings, spend: row.spend })),
      },
      savings: {
        bookings: savings.bookings,
        paid: savings.paid,
        cheapestInPolicy: savings.cheapest,
        missedSavings: savings.missed,
      },
      unconverted: await this.reports.unconverted(ctx, scope),
    };
  }

  /** Every booking and refund of the period as CSV, read through a database cursor as the client reads. */
  async csv(ctx: AuthContext, query: SpendReportQuery, batchSize = EXPORT_BATCH_ROWS, today = new Date()) {
    const { from, to, scope } = await this.period(ctx, query, today);
    const batches = this.reports.entries(ctx, scope, batchSize);
    const stream = Readable.from(
      (async function* () {
        yield csvLine(CSV_HEADER);
        for await (const rows of batches) yield rows.map((row) => csvLine(csvRow(row, scope.currency))).join('');
      })(),
      // Read one batch ahead at most: the socket's pace sets the cursor's.
      { highWaterMark: 1 },
    );
    return { stream, filename: `spend-${from}-${to}.csv` };
  }

  private async period(ctx: AuthContext, query: SpendReportQuery, today: Date): Promise<Period> {
    const to = query.to ?? today.toISOString().slice(0, 10);
    const from = query.from ?? monthsBefore(to, 11);
    const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
    if (days < 0) throw new DomainError(ReportErrorCode.PeriodInvalid, '`from` must not be after `to`');
    if (days > MAX_PERIOD_DAYS)
      throw new DomainError(ReportErrorCode.PeriodInvalid, 'A report covers at most 3 years: narrow the period');
    const { currency } = await this.policies.get(ctx);
    const scope: SpendScope = {
      from: `${from}T00:00:00Z`,
      to: new Date(Date.parse(to) + 86_400_000).toISOString(),
      currency,
      supplier: query.supplier,
      travellerId: query.travellerId,
    };
    if (query.costCentre !== undefined)
      scope.costCentre = query.costCentre === NO_COST_CENTRE ? null : query.costCentre;
    return { from, to, scope };
  }
}

function figures(row: FiguresRow) {
  return {
    spend: row.spend,
    refunds: row.refunds,
    bookings: row.bookings,
    emissionsKg: row.emissions_kg,
  };
}

/** Sums amounts of two decimals, refunds (negative) included. */
function sumAmounts(values: string[]): string {
  const cents = values.reduce(
    (total, value) => total + (value.startsWith('-') ? -toScaled(value.slice(1), 2) : toScaled(value, 2)),
    0n,
  );
  return cents < 0n ? `-${formatCents(-cents)}` : formatCents(cents);
}

/** `YYYY-MM-01` of the month `count` months before the day's. */
function monthsBefore(day: string, count: number): string {
  const date = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() - count);
  return date.toISOString().slice(0, 10);
}

function everyMonth(from: string, to: string, rows: FiguresRow[]): SpendByMonth[] {
  const byKey = new Map(rows.map((row) => [row.key, row]));
  const months: SpendByMonth[] = [];
  for (let month = from.slice(0, 7); month <= to.slice(0, 7); month = monthsBefore(`${month}-01`, -1).slice(0, 7)) {
    const row = byKey.get(month);
    months.push(
      row ? { month, ...figures(row) } : { month, spend: '0.00', refunds: '0.00', bookings: 0, emissionsKg: 0 },
    );
  }
  return months;
}

function csvRow(row: SpendEntryRow, currency: string): (string | null)[] {
  return [
    row.at.toISOString(),
    row.entry,
    row.booking_id,
    row.booking_reference,
    row.trip_title,
    row.destination,
    row.cost_centre,
    row.supplier,
    row.travellers,
    row.booked_amount,
    row.booked_currency,
    row.rate.includes('.') ? row.rate.replace(/\.?0+$/, '') : row.rate,
    row.amount,
    currency,
    String(row.emissions_kg),
    row.policy,
    row.reason_code,
    row.cheapest_in_policy,
  ];
}
