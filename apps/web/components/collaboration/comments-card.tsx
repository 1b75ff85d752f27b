'use client';

import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Field, Loading, Select, Textarea } from '@/components/ui';
import { describeError } from '@/lib/api/api-error';
import { useComments, useCreateComment, useDeleteComment } from '@/lib/api/collaboration';
import type { Activity } from '@/lib/itinerary/itinerary-days';
import styles from './collaboration.module.css';

export interface Person {
  id: string;
  name: string;
}

const TRIP = '';

/** The trip's comment threads: on the trip itself and on each activity, with mentions by person. */
export function CommentsCard({
  tripId,
  activities,
  people,
  userId,
}: {
  tripId: string;
  activities: Activity[];
  people: Person[];
  userId: string;
}) {
  const comments = useComments(tripId);
  const create = useCreateComment(tripId);
  const remove = useDeleteComment(tripId);
  const [about, setAbout] = useState(TRIP);
  const [body, setBody] = useState('');
  const [mentioned, setMentioned] = useState<string[]>([]);
  const titleOf = new Map(activities.map((activity) => [activity.id, activity.title]));
  const others = people.filter((person) => person.id !== userId);
  const thread = comments.data?.items.filter((comment) => (comment.activityId ?? TRIP) === about) ?? [];

  return (
    <Card title="Comments" description="Discuss the trip or one of its activities">
      <Field label="Thread">
        <Select value={about} onChange={(event) => setAbout(event.target.value)}>
          <option value={TRIP}>The whole trip</option>
          {activities.map((activity) => (
            <option key={activity.id} value={activity.id}>
              {activity.title}
            </option>
          ))}
        </Select>
      </Field>
      {comments.isPending ? (
        <Loading label="Loading the comments…" />
      ) : comments.isError ? (
        <Alert tone="danger">{describeError(comments.error)}</Alert>
      ) : thread.length === 0 ? (
        <p className={styles.muted}>No comments {about ? `on ${titleOf.get(about) ?? 'this activity'}` : 'yet'}.</p>
      ) : (
        <ul className={styles.list} aria-label="Comments">
          {thread.map((comment) => (
            <li key={comment.id} className={styles.comment}>
              <div className={styles.row}>
                <strong className={styles.grow}>{comment.author.name}</strong>
                <span className={styles.muted}>
                  {new Date(comment.createdAt).toLocaleString()}
                  {comment.edited ? ' · edited' : ''}
                </span>
              </div>
              <p className={styles.body}>{comment.body}</p>
              {comment.mentionedUserIds.length > 0 && (
                <p className={styles.muted}>
                  Mentions:{' '}
                  {comment.mentionedUserIds
                    .map((id) => people.find((person) => person.id === id)?.name ?? 'a colleague')
                    .join(', ')}
                </p>
              )}
              {comment.allowedActions.includes('delete') && (
                <Button
                  size="sm"
                  variant="ghost"
                  loading={remove.isPending && remove.variables === comment.id}
                  onClick={() => remove.mutate(comment.id)}
                >
                  Delete
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      <form
        className={styles.form}
        onSubmit={(event) => {
          event.preventDefault();
          if (!body.trim()) return;
          create.mutate(
            { body, ...(about ? { activityId: about } : {}), mentionedUserIds: mentioned },
            {
              onSuccess: () => {
                setBody('');
                setMentioned([]);
              },
            },
          );
        }}
      >
        <Field label="Your comment">
          <Textarea value={body} onChange={(event) => setBody(event.target.value)} rows={3} maxLength={5000} required />
        </Field>
        {others.length > 0 && (
          <fieldset className={styles.fieldset}>
            <legend className={styles.legend}>Mention (they are notified)</legend>
            {others.map((person) => (
              <Checkbox
                key={person.id}
                label={person.name}
                checked={mentioned.includes(person.id)}
                onChange={(event) =>
                  setMentioned((current) =>
                    event.target.checked ? [...current, person.id] : current.filter((id) => id !== person.id),
                  )
                }
              />
            ))}
          </fieldset>
        )}
        <div>
          <Button type="submit" variant="primary" loading={create.isPending}>
            Post comment
          </Button>
        </div>
        {(create.error ?? remove.error) && <Alert tone="danger">{describeError(create.error ?? remove.error)}</Alert>}
      </form>
    </Card>
  );
}
