'use client';

import dynamic from 'next/dynamic';
import { useState, type ReactNode } from 'react';
import { DayRangeFields, dayRangeError } from '@/components/admin/day-range-fields';
import { CostCentreBudgets } from '@/components/reports/cost-centre-budgets';
import { useRole, useUser } from '@/components/session/session-provider';
import {
  Alert,
  Button,
  Card,
  EmptyState,
  Field,
  Input,
  LoadError,
  Loading,
  PageHeader,
  Select,
  Skeleton,
  Table,
  tableStyles,
} from '@/components/ui';
import { describeError } from '@/lib/api/api-error';
import { saveFile } from '@/lib/api/download';
import { useMemberDirectory } from '@/lib/api/organization';
import { fetchSpendCsv, useSpendReport, type SpendFilters, type SpendReport } from '@/lib/api/reports';
import { countOf } from '@/lib/format/plural';
import { formatKg, formatMonth, formatNumber, formatShare } from '@/lib/reports/report-format';
import { formatDay } from '@/lib/time/zoned-time';
import { formatMoney } from '@/lib/trips/money';
import styles from './reports.module.css';

// recharts is loaded only here, after the page's own code: the tables under the charts carry the figures meanwhile.
const BarsChart = dynamic(() => import('@/components/reports/report-charts').then((module) => module.BarsChart), {
  ssr: false,
  loading: () => <Skeleton height={240} />,
});

const BOOKINGS = { one: 'booking', other: 'bookings' };

/** Rows per breakdown chart (the tables list all). */
const CHART_ROWS = 10;

interface Figures {
  spend: string;
  refunds: string;
  bookings: number;
  emissionsKg: number;
}

function FiguresCells({ row, currency }: { row: Figures; currency: string }) {
  return (
    <>
      <td data-label="Spend" className={tableStyles.nowrap}>
        {formatMoney({ amount: row.spend, currency })}
      </td>
      <td data-label="Bookings">{row.bookings}</td>
      <td data-label="CO2" className={tableStyles.nowrap}>
        {formatKg(row.emissionsKg)}
      </td>
    </>
  );
}

function Breakdown<T extends Figures>({
  title,
  caption,
  name,
  rows,
  nameOf,
  currency,
  chart,
}: {
  title: string;
  caption: string;
  name: string;
  rows: T[];
  nameOf(row: T): string;
  currency: string;
  chart?: boolean;
}) {
  return (
    <Card title={title}>
      {rows.length === 0 ? (
        <p className={styles.none}>Nothing in this period.</p>
      ) : (
        <>
          {chart && (
            <BarsChart
              layout="rows"
              label={`Bar chart of ${caption.toLowerCase()}, largest ${Math.min(rows.length, CHART_ROWS)}; the table below lists the figures`}
              data={rows.slice(0, CHART_ROWS).map((row) => ({ label: nameOf(row), value: Number(row.spend) }))}
              format={(value) => formatMoney({ amount: String(value), currency })}
            />
          )}
          <Table caption={caption}>
            <thead>
              <tr>
                <th scope="col">{name}</th>
                <th scope="col">Spend</th>
                <th scope="col">Bookings</th>
                <th scope="col">CO2</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={nameOf(row)}>
                  <td data-label={name} className={styles.rowName}>
                    {nameOf(row)}
                  </td>
                  <FiguresCells row={row} currency={currency} />
                </tr>
              ))}
            </tbody>
          </Table>
        </>
      )}
    </Card>
  );
}

function Stat({ label, value, hint }: { label: string; value: ReactNode; hint?: ReactNode }) {
  return (
    <div className={styles.stat}>
      <dt>{label}</dt>
      <dd>
        <strong>{value}</strong>
        {hint && <span>{hint}</span>}
      </dd>
    </div>
  );
}

function Summary({ report }: { report: SpendReport }) {
  const { totals, policy, savings, currency } = report;
  const judged = policy.inPolicy + policy.outOfPolicy;
  return (
    <dl className={styles.stats} aria-label="Totals for the period">
      <Stat
        label="Net spend"
        value={formatMoney({ amount: totals.spend, currency })}
        hint={`after ${formatMoney({ amount: totals.refunds, currency })} refunded`}
      />
      <Stat label="Bookings" value={totals.bookings} />
      <Stat label="CO2" value={formatKg(totals.emissionsKg)} hint="flights booked, less cancelled" />
      <Stat
        label="In policy"
        value={formatShare(policy.inPolicy, judged)}
        hint={`${policy.inPolicy} of ${countOf(judged, BOOKINGS)}`}
      />
      <Stat
        label="Missed savings"
        value={formatMoney({ amount: savings.missedSavings, currency })}
        hint="above the cheapest in-policy offer"
      />
    </dl>
  );
}

function Monthly({ report }: { report: SpendReport }) {
  const { byMonth, currency } = report;
  const money = (value: number) => formatMoney({ amount: String(value), currency });
  return (
    <Card title="Spend and CO2 per month" description="Refunds count in the month of the cancellation.">
      <div className={styles.charts}>
        <figure className={styles.figure}>
          <figcaption>Net spend</figcaption>
          <BarsChart
            label="Bar chart of net spend per month; the table below lists the figures"
            data={byMonth.map((row) => ({ label: formatMonth(row.month), value: Number(row.spend) }))}
            format={money}
          />
        </figure>
        <figure className={styles.figure}>
          <figcaption>CO2 (kg CO2e)</figcaption>
          <BarsChart
            label="Bar chart of CO2 per month; the table below lists the figures"
            data={byMonth.map((row) => ({ label: formatMonth(row.month), value: row.emissionsKg }))}
            format={(value) => formatKg(value)}
            axisFormat={(value) => formatNumber(value)}
            color="var(--color-success)"
          />
        </figure>
      </div>
      <Table caption="Spend and CO2 per month">
        <thead>
          <tr>
            <th scope="col">Month</th>
            <th scope="col">Spend</th>
            <th scope="col">Bookings</th>
            <th scope="col">CO2</th>
            <th scope="col">Refunds</th>
          </tr>
        </thead>
        <tbody>
          {byMonth.map((row) => (
            <tr key={row.month}>
              <td data-label="Month" className={styles.rowName}>
                {formatMonth(row.month)}
              </td>
              <FiguresCells row={row} currency={currency} />
              <td data-label="Refunds" className={tableStyles.nowrap}>
                {formatMoney({ amount: row.refunds, currency })}
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
    </Card>
  );
}

function Policy({ report }: { report: SpendReport }) {
  const { policy, savings, currency } = report;
  const judged = policy.inPolicy + policy.outOfPolicy;
  const money = (amount: string) => formatMoney({ amount, currency });
  return (
    <Card title="Travel policy" description="Bookings confirmed in the period, by the verdict they were booked with.">
      {judged > 0 && (
        <div className={styles.meter} aria-hidden="true">
          <span style={{ flexGrow: policy.inPolicy }} className={styles.meterIn} />
          <span style={{ flexGrow: policy.outOfPolicy }} className={styles.meterOut} />
        </div>
      )}
      <Table caption="In and out of policy">
        <thead>
          <tr>
            <th scope="col">Verdict</th>
            <th scope="col">Bookings</th>
            <th scope="col">Share</th>
            <th scope="col">Spend</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td data-label="Verdict" className={styles.rowName}>
              <span className={`${styles.swatch} ${styles.meterIn}`} /> In policy
            </td>
            <td data-label="Bookings">{policy.inPolicy}</td>
            <td data-label="Share">{formatShare(policy.inPolicy, judged)}</td>
            <td data-label="Spend">{money(policy.inPolicySpend)}</td>
          </tr>
          <tr>
            <td data-label="Verdict" className={styles.rowName}>
              <span className={`${styles.swatch} ${styles.meterOut}`} /> Out of policy (reason given or approved)
            </td>
            <td data-label="Bookings">{policy.outOfPolicy}</td>
            <td data-label="Share">{formatShare(policy.outOfPolicy, judged)}</td>
            <td data-label="Spend">{money(policy.outOfPolicySpend)}</td>
          </tr>
        </tbody>
      </Table>
      <h3 className={styles.subheading}>Reason codes used</h3>
      {policy.reasonCodes.length === 0 ? (
        <p className={styles.none}>No booking needed a reason.</p>
      ) : (
        <Table caption="Reason codes used">
          <thead>
            <tr>
              <th scope="col">Reason code</th>
              <th scope="col">Bookings</th>
              <th scope="col">Spend</th>
            </tr>
          </thead>
          <tbody>
            {policy.reasonCodes.map((row) => (
              <tr key={row.code}>
                <td data-label="Reason code" className={styles.rowName}>
                  {row.code}
                </td>
                <td data-label="Bookings">{row.bookings}</td>
                <td data-label="Spend">{money(row.spend)}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <h3 className={styles.subheading}>Against the cheapest in-policy offer</h3>
      <p className={styles.savings}>
        {savings.bookings === 0
          ? 'No booking in the period recorded a cheaper in-policy alternative.'
          : `${countOf(savings.bookings, BOOKINGS)} cost ${money(savings.paid)}; the cheapest in-policy offers of the same searches would have cost ${money(savings.cheapestInPolicy)}. Paid above them: ${money(savings.missedSavings)}.`}
      </p>
    </Card>
  );
}

/** Spend and CO2 of the organization's bookings, for managers and admins (docs/reports.md). */
export function ReportsClient() {
  const user = useUser();
  const { isAdmin } = useRole();
  const [fromDay, setFromDay] = useState('');
  const [toDay, setToDay] = useState('');
  const [costCentreText, setCostCentreText] = useState('');
  const [costCentre, setCostCentre] = useState('');
  const [supplier, setSupplier] = useState<SpendFilters['supplier'] | ''>('');
  const [travellerId, setTravellerId] = useState('');
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const rangeError = dayRangeError(fromDay, toDay);
  const filters: SpendFilters = {
    from: fromDay || undefined,
    to: toDay || undefined,
    costCentre: costCentre || undefined,
    supplier: supplier || undefined,
    travellerId: travellerId || undefined,
  };
  const report = useSpendReport(filters, !rangeError);
  const members = useMemberDirectory(true);

  const exportCsv = async () => {
    setExporting(true);
    setExportError(null);
    try {
      const { blob, filename } = await fetchSpendCsv(filters);
      saveFile(blob, filename);
    } catch (error) {
      setExportError(describeError(error));
    } finally {
      setExporting(false);
    }
  };

  const data = report.data;
  return (
    <>
      <PageHeader
        title="Reports"
        description={
          data
            ? `Spend and CO2 of bookings from ${formatDay(data.from, undefined, true)} to ${formatDay(data.to, undefined, true)}, in ${data.currency} at the rate recorded with each booking.`
            : 'Spend and CO2 of the organization’s bookings.'
        }
        actions={
          <Button onClick={exportCsv} loading={exporting} disabled={Boolean(rangeError)}>
            Download CSV
          </Button>
        }
      />
      {exportError && (
        <div className={styles.notice}>
          <Alert tone="danger" title="The download failed">
            {exportError}
          </Alert>
        </div>
      )}
      <Card>
        <form
          className={styles.filters}
          role="search"
          aria-label="Filter the report"
          onSubmit={(event) => {
            event.preventDefault();
            setCostCentre(costCentreText.trim());
          }}
        >
          <DayRangeFields from={fromDay} to={toDay} onFromChange={setFromDay} onToChange={setToDay} />
          <Field label="Cost centre" hint="“none”: trips without one">
            <Input
              value={costCentreText}
              maxLength={60}
              onChange={(event) => setCostCentreText(event.target.value)}
              onBlur={() => setCostCentre(costCentreText.trim())}
            />
          </Field>
          <Field label="Supplier">
            <Select value={supplier} onChange={(event) => setSupplier(event.target.value as SpendFilters['supplier'])}>
              <option value="">Any supplier</option>
              <option value="sandbox">Sandbox</option>
              <option value="duffel">Duffel</option>
              <option value="booking_com">Booking.com</option>
              <option value="amadeus">Amadeus</option>
            </Select>
          </Field>
          <Field label="Traveller">
            <Select value={travellerId} onChange={(event) => setTravellerId(event.target.value)}>
              <option value="">Anyone</option>
              {[...(members.data?.values() ?? [])].map((member) => (
                <option key={member.id} value={member.id}>
                  {member.id === user.id ? `${member.name} (you)` : member.name}
                </option>
              ))}
            </Select>
          </Field>
        </form>
      </Card>
      {report.isError ? (
        <LoadError error={report.error} onRetry={() => report.refetch()} title="The report could not be loaded" />
      ) : !data ? (
        <Loading label="Loading the report…" />
      ) : data.totals.bookings === 0 && data.totals.refunds === '0.00' ? (
        <EmptyState icon="log" title="No bookings in this period">
          Bookings appear here once confirmed. Try a longer period or fewer filters.
        </EmptyState>
      ) : (
        <div className={styles.sections} aria-busy={report.isFetching}>
          <Summary report={data} />
          {data.unconverted > 0 && (
            <Alert tone="warning" title={`${data.unconverted} bookings are not counted`}>
              They were recorded without a rate into {data.currency} (made before rates were recorded, or before the
              policy currency changed).
            </Alert>
          )}
          <Monthly report={data} />
          <Breakdown
            title="Per traveller"
            caption="Spend per traveller"
            name="Traveller"
            rows={data.byTraveller}
            nameOf={(row) => row.name}
            currency={data.currency}
            chart
          />
          <Breakdown
            title="Per cost centre"
            caption="Spend per cost centre"
            name="Cost centre"
            rows={data.byCostCentre}
            nameOf={(row) => row.costCentre ?? 'No cost centre'}
            currency={data.currency}
            chart
          />
          <div className={styles.pair}>
            <Breakdown
              title="Per destination"
              caption="Spend per destination"
              name="Destination"
              rows={data.byDestination}
              nameOf={(row) => row.destination}
              currency={data.currency}
            />
            <Breakdown
              title="Per supplier"
              caption="Spend per supplier"
              name="Supplier"
              rows={data.bySupplier}
              nameOf={(row) => row.supplier}
              currency={data.currency}
            />
          </div>
          <Policy report={data} />
        </div>
      )}
      <div className={styles.budgets}>
        <CostCentreBudgets canEdit={isAdmin} />
      </div>
    </>
  );
}
