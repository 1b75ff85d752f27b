'use client';

import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Card,
  EmptyState,
  LoadError,
  Loading,
  PageHeader,
  Table,
  tableStyles,
} from '@/components/ui';
import { describeError } from '@/lib/api/api-error';
import { saveFile } from '@/lib/api/download';
import {
  fetchStatementFile,
  useStatement,
  useStatementMonths,
  type Statement,
  type StatementMonth,
  type StatementTotals,
} from '@/lib/api/statements';
import { dateTimeFormat, numberFormat } from '@/lib/format/intl-cache';
import { displayLocale } from '@/lib/format/locale';
import { countOf } from '@/lib/format/plural';
import styles from './statements.module.css';

const LINES = { one: 'line', other: 'lines' };

/** "November 2026" (months are UTC). */
function monthName(month: string): string {
  return dateTimeFormat(displayLocale(), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${month}-01T00:00:00Z`),
  );
}

/** "Dec 6, 2026", "6 Dec 2026": the UTC day of a line. */
function shortDay(instant: string): string {
  return dateTimeFormat(displayLocale(), { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(instant),
  );
}

/** A statement's amounts to the cent, as invoiced, in the locale's way of writing the currency. */
function money(amount: string, currency: string): string {
  try {
    return numberFormat(displayLocale(), {
      style: 'currency',
      currency,
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    }).format(Number(amount));
  } catch {
    return `${amount} ${currency}`;
  }
}

function MonthList({
  months,
  selected,
  onSelect,
}: {
  months: StatementMonth[];
  selected: string | undefined;
  onSelect(month: string): void;
}) {
  return (
    <Card title="Months" description="Newest first; the current month is provisional until it ends.">
      <ul className={styles.months}>
        {months.map((month) => (
          <li key={month.month}>
            <button
              type="button"
              className={styles.month}
              aria-pressed={month.month === selected}
              onClick={() => onSelect(month.month)}
            >
              <span className={styles.monthName}>
                {monthName(month.month)}
                {month.provisional && <Badge tone="info">Provisional</Badge>}
              </span>
              <span className={styles.monthFigures}>
                {month.totals.length === 0
                  ? 'Nothing invoiced'
                  : month.totals.map((total) => money(total.net, total.currency)).join(' · ')}
                <span className={styles.muted}> · {countOf(month.lines, LINES)}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </Card>
  );
}

function Totals({ totals }: { totals: StatementTotals[] }) {
  return (
    <Table caption="Totals per currency">
      <thead>
        <tr>
          <th scope="col">Currency</th>
          <th scope="col" className={styles.number}>
            Charges
          </th>
          <th scope="col" className={styles.number}>
            Refunds
          </th>
          <th scope="col" className={styles.number}>
            Net
          </th>
        </tr>
      </thead>
      <tbody>
        {totals.map((total) => (
          <tr key={total.currency}>
            <td data-label="Currency">{total.currency}</td>
            <td data-label="Charges" className={`${styles.number} ${tableStyles.nowrap}`}>
              {money(total.charges, total.currency)}
            </td>
            <td data-label="Refunds" className={`${styles.number} ${tableStyles.nowrap}`}>
              {money(total.refunds, total.currency)}
            </td>
            <td data-label="Net" className={`${styles.number} ${tableStyles.nowrap}`}>
              <strong>{money(total.net, total.currency)}</strong>
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

function StatementView({ statement }: { statement: Statement }) {
  const [downloading, setDownloading] = useState<'csv' | 'pdf' | null>(null);
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const download = async (format: 'csv' | 'pdf') => {
    setDownloading(format);
    setDownloadError(null);
    try {
      const { blob, filename } = await fetchStatementFile(statement.month, format);
      saveFile(blob, filename);
    } catch (error) {
      setDownloadError(describeError(error));
    } finally {
      setDownloading(null);
    }
  };
  const name = monthName(statement.month);
  return (
    <Card title={`${name} statement`} description={`${statement.number} · billed to ${statement.organization.name}`}>
      <div className={styles.body}>
        <div className={styles.downloads}>
          <Button variant="secondary" onClick={() => download('csv')} loading={downloading === 'csv'}>
            Download CSV
          </Button>
          <Button variant="secondary" onClick={() => download('pdf')} loading={downloading === 'pdf'}>
            Download PDF
          </Button>
        </div>
        {statement.provisional && (
          <Alert tone="info" title="Provisional">
            {name} is not over: bookings confirmed or cancelled before it ends are still added.
          </Alert>
        )}
        {downloadError && (
          <Alert tone="danger" title="The download failed">
            {downloadError}
          </Alert>
        )}
        {statement.lines.length === 0 ? (
          <EmptyState icon="log" title={`Nothing invoiced in ${name}`}>
            No booking was confirmed and no refund was made this month.
          </EmptyState>
        ) : (
          <>
            <Table caption={`Lines of the ${name} statement`}>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Traveller</th>
                  <th scope="col">Trip</th>
                  <th scope="col">Item</th>
                  <th scope="col">Description</th>
                  <th scope="col" className={styles.number}>
                    Amount
                  </th>
                </tr>
              </thead>
              <tbody>
                {statement.lines.map((line) => (
                  <tr key={`${line.bookingId}-${line.entry}`}>
                    <td data-label="Date" className={tableStyles.nowrap}>
                      {shortDay(line.date)}
                    </td>
                    <td data-label="Traveller">{line.travellers}</td>
                    <td data-label="Trip">{line.tripTitle}</td>
                    <td data-label="Item">
                      {line.entry === 'refund' ? 'Refund: ' : ''}
                      {line.kind === 'stay' ? 'Stay' : 'Flight'} · {line.supplier}
                      {line.bookingReference && (
                        <span className={styles.reference}>
                          <span className="sr-only">Reference </span>
                          {line.bookingReference}
                        </span>
                      )}
                    </td>
                    <td data-label="Description">{line.description}</td>
                    <td data-label="Amount" className={`${styles.number} ${tableStyles.nowrap}`}>
                      {money(line.amount, line.currency)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </Table>
            <h3 className={styles.subheading}>Totals per currency</h3>
            <Totals totals={statement.totals} />
          </>
        )}
      </div>
    </Card>
  );
}

/** Monthly statements of what is invoiced to the organization (docs/statements.md). */
export function StatementsClient() {
  const months = useStatementMonths();
  const [chosen, setChosen] = useState<string>();
  const list = months.data?.months;
  // The newest month with lines, else the current one.
  const month = chosen ?? list?.find((entry) => entry.lines > 0)?.month ?? list?.[0]?.month;
  const statement = useStatement(month);
  return (
    <>
      <PageHeader
        title="Statements"
        description="Bookings are invoiced to the organization: each month’s statement lists the bookings confirmed and the refunds of cancellations, in the currency each booking was paid in."
      />
      {months.isError ? (
        <LoadError error={months.error} onRetry={() => months.refetch()} title="The statements could not be loaded" />
      ) : !list ? (
        <Loading label="Loading the statements…" />
      ) : (
        <div className={styles.layout}>
          <MonthList months={list} selected={month} onSelect={setChosen} />
          {statement.isError ? (
            <LoadError
              error={statement.error}
              onRetry={() => statement.refetch()}
              title="The statement could not be loaded"
            />
          ) : !statement.data ? (
            <Loading label="Loading the statement…" />
          ) : (
            <StatementView statement={statement.data} />
          )}
        </div>
      )}
    </>
  );
}
