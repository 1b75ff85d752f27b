'use client';

import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Loading } from '@/components/ui';
import { describeError, hasErrorCode } from '@/lib/api/api-error';
import {
  useChecklist,
  useCreateChecklistItem,
  useDeleteChecklistItem,
  useUpdateChecklistItem,
} from '@/lib/api/collaboration';
import { formatDay } from '@/lib/time/zoned-time';
import { ChecklistItemForm } from './checklist-item-form';
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
  /** The to-do being edited in place. */
  const [editing, setEditing] = useState<string | null>(null);
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
          {checklist.data.items.map((item) =>
            editing === item.id ? (
              <li key={item.id}>
                <ChecklistItemForm
                  label="To-do"
                  submitLabel="Save"
                  people={people}
                  initial={{ title: item.title, assigneeId: item.assignee?.id ?? null, dueDate: item.dueDate }}
                  pending={update.isPending}
                  onSubmit={(fields) =>
                    update.mutateAsync({ id: item.id, version: item.version, ...fields }).then(() => setEditing(null))
                  }
                  onCancel={() => {
                    update.reset();
                    setEditing(null);
                  }}
                />
              </li>
            ) : (
              <li key={item.id} className={styles.row}>
                <Checkbox
                  className={styles.grow}
                  label={<span className={item.done ? styles.done : undefined}>{item.title}</span>}
                  checked={item.done}
                  disabled={!canPlan && item.assignee?.id !== userId}
                  onChange={(event) =>
                    update.mutate({ id: item.id, version: item.version, done: event.target.checked })
                  }
                />
                <span className={styles.muted}>
                  {[item.assignee?.name, item.dueDate && `due ${formatDay(item.dueDate)}`].filter(Boolean).join(' · ')}
                </span>
                {canPlan && (
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-label={`Edit ${item.title}`}
                    onClick={() => setEditing(item.id)}
                  >
                    Edit
                  </Button>
                )}
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
            ),
          )}
        </ul>
      )}
      {canPlan && (
        <ChecklistItemForm
          label="New to-do"
          submitLabel="Add to-do"
          people={people}
          pending={create.isPending}
          onSubmit={(fields) => create.mutateAsync(fields)}
        />
      )}
      {error && (
        <Alert tone="danger">
          {hasErrorCode(error, 'CHECKLIST_ITEM_VERSION_STALE')
            ? 'Someone changed this to-do meanwhile. Cancel and edit the latest version.'
            : describeError(error)}
        </Alert>
      )}
    </Card>
  );
}
