'use client';

import dynamic from 'next/dynamic';
import { Alert, Button, Loading } from '@/components/ui';
import type { ActivityBody } from '@/lib/api/contract';
import { describeConflict } from '@/lib/itinerary/conflict-text';
import {
  conflictsByActivity,
  moveWithinDay,
  type Activity,
  type Conflict,
  type ItineraryDay,
} from '@/lib/itinerary/itinerary-days';
import { formatDay, zoneAbbreviation, zoneCity } from '@/lib/time/zoned-time';
import { ActivityCard } from './activity-card';
import styles from './itinerary.module.css';

// The form, with its validation library, loads when someone opens it rather than with the page.
const ActivityForm = dynamic(() => import('./activity-form').then((module) => module.ActivityForm), {
  loading: () => <Loading label="Opening the form…" />,
});

export type Editing = { kind: 'new'; date: string } | { kind: 'edit'; id: string } | null;

export interface ItineraryTimelineProps {
  trip: { startDate: string; endDate: string; timezone: string | null };
  /** Prefix of the open form's draft key (see useSessionDraft): `activity:<tripId>:`. */
  draftPrefix?: string;
  activities: Activity[];
  days: ItineraryDay[];
  conflicts: Conflict[];
  selectedDay: string | null;
  highlightedId: string | null;
  editable: boolean;
  editing: Editing;
  busy: boolean;
  defaults: { timezone: string; currency: string };
  picking: boolean;
  pickedPoint: { latitude: number; longitude: number } | null;
  onSelectDay(date: string): void;
  onSelectActivity(id: string): void;
  onEdit(editing: Editing): void;
  /** `edit`: the activity and the version the edit started from (null for a new activity). */
  onSave(body: ActivityBody, edit: { id: string; version: number } | null): Promise<unknown>;
  /** The activity as saved now (re-read), or null when it was deleted elsewhere. */
  onLoadLatest(id: string): Promise<Activity | null>;
  onDelete(id: string): Promise<unknown>;
  onReorder(ids: string[]): void;
  onPickOnMap(): void;
  /** Comments per activity: when given, each card links to its activity's thread. */
  commentCounts?: ReadonlyMap<string, number>;
}

/** The itinerary, day by day in the destination's local time, edited in place. */
export function ItineraryTimeline(props: ItineraryTimelineProps) {
  const { trip, activities, days, selectedDay, highlightedId, editable, editing } = props;
  const titles = new Map(activities.map((a) => [a.id, a.title]));
  const conflicts = props.conflicts.map((conflict) => ({ ...conflict, message: describeConflict(conflict, titles) }));
  const conflictIndex = conflictsByActivity(conflicts);
  const zone = trip.timezone;
  // The form of an activity that left the itinerary (deleted elsewhere) has no card to replace.
  const editedElsewhere = editing?.kind === 'edit' && !activities.some((a) => a.id === editing.id);

  const form = (activity: Activity | null, date: string) => (
    <ActivityForm
      key={activity?.id ?? `new-${date}`}
      activity={activity}
      trip={trip}
      defaults={{ date, timezone: activity?.timezone ?? props.defaults.timezone, currency: props.defaults.currency }}
      onSubmit={(body, version) =>
        props.onSave(body, activity && { id: activity.id, version: version ?? activity.version })
      }
      onLoadLatest={activity ? () => props.onLoadLatest(activity.id) : undefined}
      onCancel={() => props.onEdit(null)}
      onPickOnMap={props.onPickOnMap}
      picking={props.picking}
      pickedPoint={props.pickedPoint}
      draftKey={props.draftPrefix && `${props.draftPrefix}${activity ? `edit:${activity.id}` : `new:${date}`}`}
    />
  );

  return (
    <div className={styles.timeline}>
      <p className={styles.zoneLine}>
        {zone ? (
          <>
            Times are local to <strong>{zoneCity(zone)}</strong> (
            {zoneAbbreviation(`${trip.startDate}T12:00:00Z`, zone)}), the destination’s time zone.
          </>
        ) : (
          'The destination has no time zone: times are shown in each activity’s own zone.'
        )}
      </p>
      {editedElsewhere && (
        <Alert
          tone="danger"
          title="This activity was deleted elsewhere"
          actions={
            <Button size="sm" onClick={() => props.onEdit(null)}>
              Close
            </Button>
          }
        >
          It is no longer in the itinerary (deleted in another tab or by someone else), so there is nothing to save.
        </Alert>
      )}
      {conflicts.length > 0 && (
        <Alert
          tone="warning"
          title={`${conflicts.length} ${conflicts.length === 1 ? 'conflict' : 'conflicts'} in this itinerary`}
        >
          <ul>
            {conflicts.map((conflict) => (
              <li key={`${conflict.type}-${conflict.activityIds.join()}`}>
                <button
                  type="button"
                  className={styles.linkButton}
                  onClick={() => props.onSelectActivity(conflict.activityIds[0])}
                >
                  {conflict.activityIds.map((id) => titles.get(id) ?? 'An activity').join(' ↔ ')}
                </button>
                : {conflict.message}
              </li>
            ))}
          </ul>
        </Alert>
      )}
      {days.map((day) => {
        const selected = day.date === selectedDay;
        return (
          <section
            key={day.date}
            className={[styles.day, selected && styles.daySelected].filter(Boolean).join(' ')}
            aria-labelledby={`day-${day.date}`}
          >
            <div className={styles.dayHeader}>
              <h2 className={styles.dayHeading} id={`day-${day.date}`}>
                <button
                  type="button"
                  className={styles.dayButton}
                  onClick={() => props.onSelectDay(day.date)}
                  aria-pressed={selected}
                >
                  <span className={styles.dayTitle}>{formatDay(day.date)}</span>
                  <span className={styles.dayNumber}>
                    {day.dayNumber ? `Day ${day.dayNumber}` : 'Outside the trip dates'}
                  </span>
                </button>
              </h2>
              <div className={styles.dayTools}>
                {editable && !(editing?.kind === 'new' && editing.date === day.date) && (
                  <Button
                    size="sm"
                    variant="ghost"
                    onClick={() => props.onEdit({ kind: 'new', date: day.date })}
                    aria-label={`Add an activity on ${formatDay(day.date)}`}
                  >
                    + Add
                  </Button>
                )}
              </div>
            </div>
            {day.activities.length > 0 ? (
              <ol className={styles.list} aria-label={`Activities on ${formatDay(day.date)}`}>
                {day.activities.map((activity, index) =>
                  editing?.kind === 'edit' && editing.id === activity.id ? (
                    <li key={activity.id}>{form(activity, day.date)}</li>
                  ) : (
                    <ActivityCard
                      key={activity.id}
                      activity={activity}
                      number={index + 1}
                      tripZone={zone}
                      conflicts={conflictIndex.get(activity.id) ?? []}
                      highlighted={activity.id === highlightedId}
                      comments={props.commentCounts && (props.commentCounts.get(activity.id) ?? 0)}
                      editable={editable}
                      busy={props.busy}
                      canMoveUp={moveWithinDay(activities, day, activity.id, -1) !== null}
                      canMoveDown={moveWithinDay(activities, day, activity.id, 1) !== null}
                      onSelect={() => props.onSelectActivity(activity.id)}
                      onEdit={() => props.onEdit({ kind: 'edit', id: activity.id })}
                      onDelete={() => props.onDelete(activity.id)}
                      onMove={(direction) => {
                        const ids = moveWithinDay(activities, day, activity.id, direction);
                        if (ids) props.onReorder(ids);
                      }}
                    />
                  ),
                )}
              </ol>
            ) : (
              // A trip with no activity at all has one empty state (the page's), not one per day.
              activities.length > 0 &&
              !(editing?.kind === 'new' && editing.date === day.date) && (
                <p className={styles.emptyDay}>Nothing planned yet.</p>
              )
            )}
            {editing?.kind === 'new' && editing.date === day.date && form(null, day.date)}
          </section>
        );
      })}
    </div>
  );
}
