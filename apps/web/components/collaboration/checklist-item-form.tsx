'use client';

import { useState } from 'react';
import { Button, Field, Input, Select } from '@/components/ui';
import styles from './collaboration.module.css';

export interface ChecklistItemFields {
  title: string;
  assigneeId: string | null;
  dueDate: string | null;
}

const EMPTY: ChecklistItemFields = { title: '', assigneeId: null, dueDate: null };

/** A to-do's title, assignee and due date: adding one, or editing one in place. */
export function ChecklistItemForm({
  initial = EMPTY,
  people,
  label,
  submitLabel,
  pending,
  onSubmit,
  onCancel,
}: {
  initial?: ChecklistItemFields;
  people: { id: string; name: string }[];
  label: string;
  submitLabel: string;
  pending: boolean;
  /** Resolves when saved: a new to-do's form then empties. */
  onSubmit(fields: ChecklistItemFields): Promise<unknown>;
  onCancel?(): void;
}) {
  const [fields, setFields] = useState(initial);

  return (
    <form
      className={styles.form}
      onSubmit={(event) => {
        event.preventDefault();
        void onSubmit(fields).then(
          () => !onCancel && setFields(EMPTY),
          () => undefined,
        );
      }}
    >
      <Field label={label}>
        <Input
          value={fields.title}
          onChange={(event) => setFields({ ...fields, title: event.target.value })}
          maxLength={200}
          required
        />
      </Field>
      <div className={styles.row}>
        <Field label="Assignee" optional className={styles.grow}>
          <Select
            value={fields.assigneeId ?? ''}
            onChange={(event) => setFields({ ...fields, assigneeId: event.target.value || null })}
          >
            <option value="">Nobody</option>
            {people.map((person) => (
              <option key={person.id} value={person.id}>
                {person.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Due" optional>
          <Input
            type="date"
            value={fields.dueDate ?? ''}
            onChange={(event) => setFields({ ...fields, dueDate: event.target.value || null })}
          />
        </Field>
      </div>
      <div className={styles.row}>
        <Button
          type="submit"
          size={onCancel ? 'sm' : undefined}
          variant={onCancel ? 'primary' : undefined}
          loading={pending}
        >
          {submitLabel}
        </Button>
        {onCancel && (
          <Button size="sm" variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}
