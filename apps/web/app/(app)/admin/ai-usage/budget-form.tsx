'use client';

import { useState } from 'react';
import { Alert, Button, Field, Input } from '@/components/ui';
import { useSaveAiSettings } from '@/lib/api/assistant';
import { describeError } from '@/lib/api/api-error';
import styles from '../admin.module.css';

/** The organization's monthly token budget: a whole number, or empty for no limit. */
export function BudgetForm({ monthlyTokens }: { monthlyTokens: number | null }) {
  const [value, setValue] = useState(monthlyTokens === null ? '' : String(monthlyTokens));
  const [error, setError] = useState<string | null>(null);
  const save = useSaveAiSettings();

  return (
    <form
      className={styles.budgetForm}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const text = value.trim();
        if (text !== '' && !/^\d+$/.test(text)) {
          setError('Enter a whole number of tokens, or leave it empty for no limit.');
          return;
        }
        setError(null);
        save.mutate({ monthlyTokenBudget: text === '' ? null : Number(text) });
      }}
    >
      <Field
        label="Tokens per month"
        optional
        hint="Empty: no limit. Over the budget, the assistant pauses."
        error={error ?? undefined}
      >
        <Input inputMode="numeric" value={value} onChange={(event) => setValue(event.target.value)} />
      </Field>
      <Button type="submit" variant="primary" loading={save.isPending}>
        Save the budget
      </Button>
      {save.isError && <Alert tone="danger">{describeError(save.error)}</Alert>}
      {save.isSuccess && !save.isPending && <Alert tone="success">Budget saved.</Alert>}
    </form>
  );
}
