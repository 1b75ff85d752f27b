'use client';

import { useState } from 'react';
import { Alert, Button, Card, Field, Loading, Textarea } from '@/components/ui';
import { describeError, hasErrorCode } from '@/lib/api/api-error';
import { useSaveTripNotes, useTripNotes } from '@/lib/api/collaboration';
import styles from './collaboration.module.css';

/** The trip's shared notes; saving from an older version is refused and explained (409). */
export function NotesCard({ tripId, canPlan }: { tripId: string; canPlan: boolean }) {
  const notes = useTripNotes(tripId);
  const save = useSaveTripNotes(tripId);
  const [draft, setDraft] = useState<{ body: string; version: number } | null>(null);

  return (
    <Card title="Notes" description="Shared notes for everyone on the trip">
      {notes.isPending ? (
        <Loading label="Loading the notes…" />
      ) : notes.isError ? (
        <Alert tone="danger">{describeError(notes.error)}</Alert>
      ) : draft ? (
        <form
          className={styles.form}
          onSubmit={(event) => {
            event.preventDefault();
            save.mutate(draft, { onSuccess: () => setDraft(null) });
          }}
        >
          <Field label="Notes">
            <Textarea
              value={draft.body}
              rows={6}
              maxLength={20000}
              onChange={(event) => setDraft({ ...draft, body: event.target.value })}
            />
          </Field>
          {save.error && (
            <Alert tone="danger">
              {hasErrorCode(save.error, 'TRIP_NOTES_VERSION_STALE')
                ? 'Someone else saved the notes meanwhile. Copy your text, cancel and edit the latest notes.'
                : describeError(save.error)}
            </Alert>
          )}
          <div className={styles.row}>
            <Button type="submit" variant="primary" loading={save.isPending}>
              Save notes
            </Button>
            <Button variant="ghost" onClick={() => setDraft(null)}>
              Cancel
            </Button>
          </div>
        </form>
      ) : (
        <>
          {notes.data.body ? (
            <p className={styles.body}>{notes.data.body}</p>
          ) : (
            <p className={styles.muted}>No notes yet.</p>
          )}
          {notes.data.updatedBy && <p className={styles.muted}>Last edited by {notes.data.updatedBy.name}</p>}
          {canPlan && (
            <Button size="sm" onClick={() => setDraft({ body: notes.data.body, version: notes.data.version })}>
              Edit notes
            </Button>
          )}
        </>
      )}
    </Card>
  );
}
