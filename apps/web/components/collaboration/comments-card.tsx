'use client';

import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Checkbox, Field, Loading, Select, Textarea } from '@/components/ui';
import { describeError } from '@/lib/api/api-error';
import { activityOfCommentsHash, useComments, useCreateComment } from '@/lib/api/collaboration';
import type { Activity } from '@/lib/itinerary/itinerary-days';
import styles from './collaboration.module.css';
import { CommentItem } from './comment-item';

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
  const [about, setAbout] = useState(TRIP);
  const card = useRef<HTMLDivElement>(null);
  const [body, setBody] = useState('');
  const [mentioned, setMentioned] = useState<string[]>([]);
  const titleOf = new Map(activities.map((activity) => [activity.id, activity.title]));
  const others = people.filter((person) => person.id !== userId);

  // An activity card's "Comments (n)" link (`#comments-<activityId>`) opens that activity's thread,
  // also when it was followed before this lazily loaded section arrived.
  useEffect(() => {
    const follow = () => {
      const activityId = activityOfCommentsHash(window.location.hash);
      if (!activityId) return;
      setAbout(activityId);
      card.current?.scrollIntoView({ block: 'start' });
      card.current?.querySelector('select')?.focus({ preventScroll: true });
    };
    follow();
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  const thread = comments.data?.items.filter((comment) => (comment.activityId ?? TRIP) === about) ?? [];

  return (
    <div ref={card} className={styles.anchor}>
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
              <CommentItem key={comment.id} tripId={tripId} comment={comment} people={people} />
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
            <Textarea
              value={body}
              onChange={(event) => setBody(event.target.value)}
              rows={3}
              maxLength={5000}
              required
            />
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
          {create.error && <Alert tone="danger">{describeError(create.error)}</Alert>}
        </form>
      </Card>
    </div>
  );
}
