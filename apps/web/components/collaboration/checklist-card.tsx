'use client';

import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Field, Input, Loading, Select } from '@/components/ui';
import { describeError } from '@/lib/api/api-error';
import {
  useChecklist,
  useCreateChecklistItem,
  useDeleteChecklistItem,
  useUpdateChecklistItem,
} from '@/lib/api/collaboration';
import { formatDay } from '@/lib/time/zoned-time';
import styles from './collaboration.module.css';
import type { Person } from './comments-card';

/** The trip's to-dos: whoever plans the trip adds them; the assignee may tick their own off. */
export function ChecklistCard({
  tripId,
  people,
  userId,
  canPlan,
}: {
  tripId: string;
  people: Person[];
  userId: string;
  canPlan: boolean;
}) {
  const checklist = useChecklist(tripId);
  const create = useCreateChecklistItem(tripId);
  const update = useUpdateChecklistItem(tripId);
  const remove = useDeleteChecklistItem(tripId);
  const [title, setTitle] = useState('');
  const [assigneeId, setAssigneeId] = useState('');
  const [dueDate, setDueDate] = useState('');
  const error = create.error ?? update.error ?? remove.error;

  return (
    <Card title="Checklist" description="To-dos before and during the trip">
      {checklist.isPending ? (
        <Loading label="Loading the checklist…" />
      ) : checklist.isError ? (
        <Alert tone="danger">{describeError(checklist.error)}</Alert>
      ) : checklist.data.items.length === 0 ? (
        <p className={styles.muted}>Nothing to do yet.</p>
      ) : (
        <ul className={styles.list} aria-label="To-dos">
          {checklist.data.items.map((item) => (
            <li key={item.id} className={styles.row}>
              <Checkbox
                className={styles.grow}
                label={<span className={item.done ? styles.done : undefined}>{item.title}</span>}
                checked={item.done}
                disabled={!canPlan && item.assignee?.id !== userId}
                onChange={(event) => update.mutate({ id: item.id, version: item.version, done: event.target.checked })}
              />
              <span className={styles.muted}>
                {[item.assignee?.name, item.dueDate && `due ${formatDay(item.dueDate)}`].filter(Boolean).join(' · ')}
              </span>
              {canPlan && (
                <Button
                  size="sm"
                  variant="ghost"
                  aria-label={`Remove ${item.title}`}
                  onClick={() => remove.mutate(item.id)}
                >
                  Remove
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canPlan && (
        <form
          className={styles.form}
          onSubmit={(event) => {
            event.preventDefault();
            create.mutate(
              { title, assigneeId: assigneeId || null, dueDate: dueDate || null },
              {
                onSuccess: () => {
                  setTitle('');
                  setAssigneeId('');
                  setDueDate('');
                },
              },
            );
          }}
        >
          <Field label="New to-do">
            <Input value={title} onChange={(event) => setTitle(event.target.value)} maxLength={200} required />
          </Field>
          <div className={styles.row}>
            <Field label="Assignee" optional className={styles.grow}>
              <Select value={assigneeId} onChange={(event) => setAssigneeId(event.target.value)}>
                <option value="">Nobody</option>
                {people.map((person) => (
                  <option key={person.id} value={person.id}>
                    {person.name}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label="Due" optional>
              <Input type="date" value={dueDate} onChange={(event) => setDueDate(event.target.value)} />
            </Field>
          </div>
          <div>
            <Button type="submit" loading={create.isPending}>
              Add to-do
            </Button>
          </div>
        </form>
      )}
      {error && <Alert tone="danger">{describeError(error)}</Alert>}
    </Card>
  );
}
