'use client';

import { useState } from 'react';
import { Alert, Button, Field, Textarea } from '@/components/ui';
import { describeError, hasErrorCode } from '@/lib/api/api-error';
import { useDeleteComment, useUpdateComment, type Comment } from '@/lib/api/collaboration';
import styles from './collaboration.module.css';

/** One comment; its author may edit it in place (from the version read: a stale one is explained) or delete it. */
export function CommentItem({
  tripId,
  comment,
  people,
}: {
  tripId: string;
  comment: Comment;
  people: { id: string; name: string }[];
}) {
  const update = useUpdateComment(tripId);
  const remove = useDeleteComment(tripId);
  /** The text being edited, with the version it was read at; null when not editing. */
  const [draft, setDraft] = useState<{ body: string; version: number } | null>(null);

  return (
    <li className={styles.comment}>
      <div className={styles.row}>
        <strong className={styles.grow}>{comment.author.name}</strong>
        <span className={styles.muted}>
          {new Date(comment.createdAt).toLocaleString()}
          {comment.edited ? ' · edited' : ''}
        </span>
      </div>
      {draft ? (
        <form
          className={styles.form}
          onSubmit={(event) => {
            event.preventDefault();
            if (!draft.body.trim()) return;
            update.mutate({ id: comment.id, ...draft }, { onSuccess: () => setDraft(null) });
          }}
        >
          <Field label="Edit your comment">
            <Textarea
              value={draft.body}
              rows={3}
              maxLength={5000}
              required
              onChange={(event) => setDraft({ ...draft, body: event.target.value })}
            />
          </Field>
          {update.error && (
            <Alert tone="danger">
              {hasErrorCode(update.error, 'COMMENT_VERSION_STALE')
                ? 'This comment was changed elsewhere meanwhile (another tab or device). Copy your text, cancel and edit the latest version.'
                : describeError(update.error)}
            </Alert>
          )}
          <div className={styles.row}>
            <Button type="submit" size="sm" variant="primary" loading={update.isPending}>
              Save
            </Button>
            <Button
              size="sm"
              variant="ghost"
              onClick={() => {
                update.reset();
                setDraft(null);
              }}
            >
              Cancel
            </Button>
          </div>
        </form>
      ) : (
        <p className={styles.body}>{comment.body}</p>
      )}
      {comment.mentionedUserIds.length > 0 && (
        <p className={styles.muted}>
          Mentions:{' '}
          {comment.mentionedUserIds
            .map((id) => people.find((person) => person.id === id)?.name ?? 'a colleague')
            .join(', ')}
        </p>
      )}
      {!draft && (
        <div className={styles.row}>
          {comment.allowedActions.includes('edit') && (
            <Button
              size="sm"
              variant="ghost"
              onClick={() => setDraft({ body: comment.body, version: comment.version })}
            >
              Edit
            </Button>
          )}
          {comment.allowedActions.includes('delete') && (
            <Button size="sm" variant="ghost" loading={remove.isPending} onClick={() => remove.mutate(comment.id)}>
              Delete
            </Button>
          )}
        </div>
      )}
      {remove.error && <Alert tone="danger">{describeError(remove.error)}</Alert>}
    </li>
  );
}
