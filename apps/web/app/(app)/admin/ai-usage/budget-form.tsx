'use client';

import { useState } from 'react';
import { Alert, Button, Field, Input } from '@/components/ui';
import { useSaveAiSettings, type AiSettings } from '@/lib/api/assistant';
import { describeError } from '@/lib/api/api-error';
import styles from '../admin.module.css';

const WHOLE = /^\d+$/;

/** The organization's limits: a monthly token budget (empty: none) and model requests per minute. */
export function BudgetForm({ settings }: { settings: AiSettings }) {
  const [budget, setBudget] = useState(settings.monthlyTokenBudget === null ? '' : String(settings.monthlyTokenBudget));
  const [perMinute, setPerMinute] = useState(String(settings.requestsPerMinute));
  const [errors, setErrors] = useState<{ budget?: string; perMinute?: string }>({});
  const save = useSaveAiSettings();

  return (
    <form
      className={styles.budgetForm}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const found = {
          budget:
            budget.trim() === '' || WHOLE.test(budget.trim())
              ? undefined
              : 'Enter a whole number of tokens, or leave it empty for no limit.',
          perMinute:
            WHOLE.test(perMinute.trim()) && Number(perMinute) >= 1 && Number(perMinute) <= 10_000
              ? undefined
              : 'Enter a whole number from 1 to 10,000.',
        };
        setErrors(found);
        if (found.budget || found.perMinute) return;
        save.mutate({
          monthlyTokenBudget: budget.trim() === '' ? null : Number(budget),
          requestsPerMinute: Number(perMinute),
        });
      }}
    >
      <Field
        label="Tokens per month"
        optional
        hint="Input and output tokens together. Empty: no limit. Over it, the assistant pauses until next month."
        error={errors.budget}
      >
        <Input inputMode="numeric" value={budget} onChange={(event) => setBudget(event.target.value)} />
      </Field>
      <Field label="Requests per minute" hint="For the whole organization." error={errors.perMinute}>
        <Input inputMode="numeric" value={perMinute} onChange={(event) => setPerMinute(event.target.value)} />
      </Field>
      <Button type="submit" variant="primary" loading={save.isPending}>
        Save limits
      </Button>
      {save.isError && <Alert tone="danger">{describeError(save.error)}</Alert>}
      {save.isSuccess && !save.isPending && <Alert tone="success">Limits saved.</Alert>}
    </form>
  );
}
