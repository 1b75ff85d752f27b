'use client';

import { useState } from 'react';
import { Alert, Button, Card, Field, Input, LoadError, Loading, Table, tableStyles } from '@/components/ui';
import { describeError } from '@/lib/api/api-error';
import { useCostCentreBudgets, useSetCostCentreBudget } from '@/lib/api/reports';
import { formatShare } from '@/lib/reports/report-format';
import { formatMoney } from '@/lib/trips/money';
import styles from './cost-centre-budgets.module.css';

/**
 * This year's cost-centre budgets beside what each has spent; admins set them. Managers and
 * admins are e-mailed when a budget reaches 80 % and 100 %.
 */
export function CostCentreBudgets({ canEdit }: { canEdit: boolean }) {
  const year = new Date().getFullYear();
  const budgets = useCostCentreBudgets(year);
  const save = useSetCostCentreBudget();
  const [costCentre, setCostCentre] = useState('');
  const [amount, setAmount] = useState('');

  return (
    <Card
      title={`Cost-centre budgets ${year}`}
      description="Managers and admins are e-mailed when a budget reaches 80 % and 100 % of its amount."
    >
      {budgets.isError ? (
        <LoadError error={budgets.error} onRetry={() => budgets.refetch()} title="The budgets could not be loaded" />
      ) : !budgets.data ? (
        <Loading label="Loading the budgets…" />
      ) : budgets.data.items.length === 0 ? (
        <p className={styles.none}>No cost centre has a budget for {year}.</p>
      ) : (
        <Table caption={`Cost-centre budgets ${year}`}>
          <thead>
            <tr>
              <th scope="col">Cost centre</th>
              <th scope="col">Budget</th>
              <th scope="col">Spent</th>
              <th scope="col">Used</th>
            </tr>
          </thead>
          <tbody>
            {budgets.data.items.map((budget) => (
              <tr key={budget.id}>
                <td data-label="Cost centre" className={styles.name}>
                  {budget.costCentre}
                </td>
                <td data-label="Budget" className={tableStyles.nowrap}>
                  {formatMoney({ amount: budget.amount, currency: budget.currency })}
                </td>
                <td data-label="Spent" className={tableStyles.nowrap}>
                  {formatMoney({ amount: budget.spent, currency: budget.currency })}
                </td>
                <td data-label="Used">{formatShare(Number(budget.spent), Number(budget.amount))}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {canEdit && (
        <form
          className={styles.form}
          aria-label="Set a cost-centre budget"
          onSubmit={(event) => {
            event.preventDefault();
            save.mutate(
              { costCentre: costCentre.trim(), year, amount: amount.trim() },
              { onSuccess: () => setAmount('') },
            );
          }}
        >
          <Field label="Cost centre">
            <Input value={costCentre} maxLength={60} required onChange={(event) => setCostCentre(event.target.value)} />
          </Field>
          <Field label={`Budget for ${year}`} hint="In the travel policy’s currency">
            <Input
              value={amount}
              inputMode="decimal"
              required
              pattern="\d{1,10}(\.\d{1,2})?"
              onChange={(event) => setAmount(event.target.value)}
            />
          </Field>
          <Button type="submit" loading={save.isPending}>
            Save budget
          </Button>
        </form>
      )}
      {save.isError && (
        <Alert tone="danger" title="The budget was not saved">
          {describeError(save.error)}
        </Alert>
      )}
    </Card>
  );
}
