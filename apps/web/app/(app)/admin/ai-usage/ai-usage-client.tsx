'use client';

import { useState } from 'react';
import { NotConfigured } from '@/components/assistant/assistant-states';
import { Alert, Card, Field, Input, LoadError, Loading, PageHeader, Table, tableStyles } from '@/components/ui';
import { useAiSettings, useAiUsage, useAssistantStatus, type AiFeature, type AiUsage } from '@/lib/api/assistant';
import { numberFormat } from '@/lib/format/intl-cache';
import { displayLocale } from '@/lib/format/locale';
import { today } from '@/lib/time/zoned-time';
import { BudgetForm } from './budget-form';
import styles from '../admin.module.css';

const FEATURES: Record<AiFeature, string> = {
  suggestions: 'Suggested activities',
  trip_plans: 'Trips planned from a sentence',
  briefings: 'Daily briefings',
  verdict_explanations: 'Verdict explanations',
};

const count = (value: number) => numberFormat(displayLocale(), {}).format(value);

function monthLabel(month: string): string {
  const [year, index] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(displayLocale(), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, index - 1, 1)),
  );
}

function Totals({ usage }: { usage: AiUsage }) {
  const { budget, totals } = usage;
  return (
    <dl className={styles.usageTotals}>
      <div>
        <dt>Tokens used</dt>
        <dd>
          {count(totals.inputTokens + totals.outputTokens)}
          {budget.monthlyTokens !== null && <span> of {count(budget.monthlyTokens)}</span>}
        </dd>
      </div>
      <div>
        <dt>Requests</dt>
        <dd>{count(totals.calls)}</dd>
      </div>
      <div>
        <dt>Failed requests</dt>
        <dd>{count(totals.failures)}</dd>
      </div>
      <div>
        <dt>Input / output tokens</dt>
        <dd>
          {count(totals.inputTokens)} / {count(totals.outputTokens)}
        </dd>
      </div>
    </dl>
  );
}

/** What the assistant cost the organization, per month, person and feature, and the monthly budget. */
export function AiUsageClient() {
  const [month, setMonth] = useState(() => today().slice(0, 7));
  const usage = useAiUsage(month);
  const status = useAssistantStatus();
  const settings = useAiSettings();
  const current = month === today().slice(0, 7);

  return (
    <>
      <PageHeader
        title="AI usage"
        description="Tokens the assistant used for your organization, by month, person and feature. Prompts and answers are not stored; only these counts."
      />
      <div className={styles.stack}>
        {status.data && !status.data.configured && (
          <NotConfigured
            what="Each suggestion, trip plan, briefing and explanation"
            rest="Nothing is used until then."
          />
        )}
        <Card title="Limits" description="For the whole organization; months are calendar months in UTC.">
          {usage.data && current && usage.data.budget.exceeded && (
            <Alert tone="warning" title="This month’s budget is used up">
              The assistant answers “budget used up” until next month, or until you raise the budget.
            </Alert>
          )}
          {settings.isPending ? (
            <Loading />
          ) : settings.isError ? (
            <LoadError error={settings.error} onRetry={() => settings.refetch()} />
          ) : (
            <BudgetForm settings={settings.data} />
          )}
        </Card>
        <Card
          title={monthLabel(month)}
          actions={
            <Field label="Month">
              <Input
                type="month"
                value={month}
                max={today().slice(0, 7)}
                onChange={(event) => event.target.value && setMonth(event.target.value)}
              />
            </Field>
          }
        >
          {usage.isPending ? (
            <Loading label="Loading the usage…" />
          ) : usage.isError ? (
            <LoadError error={usage.error} onRetry={() => usage.refetch()} />
          ) : (
            <div className={styles.stack}>
              <Totals usage={usage.data} />
              {usage.data.totals.calls === 0 ? (
                <p className={tableStyles.muted}>The assistant was not used this month.</p>
              ) : (
                <>
                  <h3 className={styles.sectionTitle}>By person</h3>
                  <Table caption={`AI usage by person, ${monthLabel(month)}`}>
                    <thead>
                      <tr>
                        <th scope="col">Person</th>
                        <th scope="col">Requests</th>
                        <th scope="col">Input tokens</th>
                        <th scope="col">Output tokens</th>
                      </tr>
                    </thead>
                    <tbody>
                      {usage.data.byUser.map((row) => (
                        <tr key={row.userId}>
                          <td data-label="Person">
                            {row.name} <span className={tableStyles.muted}>{row.email}</span>
                          </td>
                          <td data-label="Requests">{count(row.calls)}</td>
                          <td data-label="Input tokens">{count(row.inputTokens)}</td>
                          <td data-label="Output tokens">{count(row.outputTokens)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </Table>
                  <h3 className={styles.sectionTitle}>By feature</h3>
                  <Table caption={`AI usage by feature, ${monthLabel(month)}`}>
                    <thead>
                      <tr>
                        <th scope="col">Feature</th>
                        <th scope="col">Requests</th>
                        <th scope="col">Input tokens</th>
                        <th scope="col">Output tokens</th>
                      </tr>
                    </thead>
                    <tbody>
                      {usage.data.byFeature.map((row) => (
                        <tr key={row.feature}>
                          <td data-label="Feature">{FEATURES[row.feature] ?? row.feature}</td>
                          <td data-label="Requests">{count(row.calls)}</td>
                          <td data-label="Input tokens">{count(row.inputTokens)}</td>
                          <td data-label="Output tokens">{count(row.outputTokens)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </Table>
                </>
              )}
            </div>
          )}
        </Card>
      </div>
    </>
  );
}
