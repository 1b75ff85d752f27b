'use client';

import { useState } from 'react';
import { Alert, Button, Card, Field, Input, Loading, Select } from '@/components/ui';
import { describeError } from '@/lib/api/api-error';
import {
  useCandidates,
  useCollaborators,
  usePutCollaborator,
  useRemoveCollaborator,
  type CollaboratorRole,
} from '@/lib/api/collaboration';
import styles from './collaboration.module.css';

const ROLE_LABEL: Record<CollaboratorRole, string> = { viewer: 'Can view', editor: 'Can edit the itinerary' };

/** Colleagues the trip is shared with; whoever may share it adds, changes and removes them. */
export function CollaboratorsCard({ tripId, canShare }: { tripId: string; canShare: boolean }) {
  const collaborators = useCollaborators(tripId);
  const put = usePutCollaborator(tripId);
  const remove = useRemoveCollaborator(tripId);
  const [query, setQuery] = useState('');
  const [userId, setUserId] = useState('');
  const [role, setRole] = useState<CollaboratorRole>('viewer');
  const candidates = useCandidates(tripId, query.trim(), canShare);
  const error = put.error ?? remove.error;

  return (
    <Card title="People" description="Colleagues this trip is shared with">
      {collaborators.isPending ? (
        <Loading label="Loading who it is shared with…" />
      ) : collaborators.isError ? (
        <Alert tone="danger">{describeError(collaborators.error)}</Alert>
      ) : collaborators.data.items.length === 0 ? (
        <p className={styles.muted}>Not shared with anyone yet.</p>
      ) : (
        <ul className={styles.list} aria-label="Shared with">
          {collaborators.data.items.map((person) => (
            <li key={person.userId} className={styles.row}>
              <span className={styles.grow}>
                {person.name} <span className={styles.muted}>· {ROLE_LABEL[person.role]}</span>
              </span>
              {canShare && (
                <Button
                  size="sm"
                  variant="ghost"
                  aria-label={`Remove ${person.name}`}
                  loading={remove.isPending && remove.variables === person.userId}
                  onClick={() => remove.mutate(person.userId)}
                >
                  Remove
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canShare && (
        <form
          className={styles.form}
          onSubmit={(event) => {
            event.preventDefault();
            if (userId) put.mutate({ userId, role }, { onSuccess: () => setUserId('') });
          }}
        >
          <Field label="Find a colleague">
            <Input value={query} onChange={(event) => setQuery(event.target.value)} placeholder="Name or e-mail" />
          </Field>
          <div className={styles.row}>
            <Field label="Colleague" className={styles.grow}>
              <Select value={userId} onChange={(event) => setUserId(event.target.value)} required>
                <option value="">Choose…</option>
                {candidates.data?.items.map((person) => (
                  <option key={person.id} value={person.id}>
                    {person.name} ({person.email})
                  </option>
                ))}
              </Select>
            </Field>
            <Field label="Access">
              <Select value={role} onChange={(event) => setRole(event.target.value as CollaboratorRole)}>
                <option value="viewer">{ROLE_LABEL.viewer}</option>
                <option value="editor">{ROLE_LABEL.editor}</option>
              </Select>
            </Field>
          </div>
          <div>
            <Button type="submit" variant="primary" loading={put.isPending} disabled={!userId}>
              Share
            </Button>
          </div>
        </form>
      )}
      {error && <Alert tone="danger">{describeError(error)}</Alert>}
    </Card>
  );
}
