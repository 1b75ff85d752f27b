'use client';

import { useState } from 'react';
import { Badge, Button, Icon, type IconName } from '@/components/ui';
import { commentsHash } from '@/lib/api/collaboration';
import { ACTIVITY_TYPE_LABELS } from '@/lib/itinerary/activity-types';
import type { Activity, Conflict } from '@/lib/itinerary/itinerary-days';
import { formatMoney } from '@/lib/trips/money';
import { formatDay, formatWallTime, wallTimeOf, zoneAbbreviation } from '@/lib/time/zoned-time';
import styles from './itinerary.module.css';

const TYPE_ICONS: Record<Activity['type'], IconName> = {
  flight: 'flight',
  lodging: 'lodging',
  meeting: 'meeting',
  meal: 'meal',
  transport: 'transport',
  sight: 'sight',
  other: 'pin',
};

/**
 * "09:30 – 12:00", with the zone when it differs from the trip's and the end day when it differs;
 * an activity ending in another zone (a flight) names both: "20:00 CET – 23:30 EDT".
 */
export function activityTimeLabel(
  activity: Pick<Activity, 'startsAt' | 'endsAt' | 'timezone' | 'endTimezone'>,
  tripZone: string | null,
): { time: string; zone: string | null } {
  const endZone = activity.endTimezone ?? activity.timezone;
  const start = wallTimeOf(activity.startsAt, activity.timezone);
  const end = activity.endsAt ? wallTimeOf(activity.endsAt, endZone) : null;
  const endTime = end && formatWallTime(end.time);
  const endText = end ? (end.date === start.date ? endTime : `${formatDay(end.date)} ${endTime}`) : null;
  const startZone = zoneAbbreviation(activity.startsAt, activity.timezone);
  if (activity.endsAt && endText && endZone !== activity.timezone) {
    return {
      time: `${formatWallTime(start.time)} ${startZone} – ${endText} ${zoneAbbreviation(activity.endsAt, endZone)}`,
      zone: null,
    };
  }
  return {
    time: endText ? `${formatWallTime(start.time)} – ${endText}` : formatWallTime(start.time),
    zone: tripZone && tripZone !== activity.timezone ? startZone : null,
  };
}

export interface ActivityCardProps {
  activity: Activity;
  number: number;
  tripZone: string | null;
  conflicts: Conflict[];
  highlighted: boolean;
  /** Its comments: when given, a link to its thread in the collaboration section. */
  comments?: number;
  editable: boolean;
  canMoveUp: boolean;
  canMoveDown: boolean;
  busy: boolean;
  onSelect(): void;
  onEdit(): void;
  onDelete(): Promise<unknown>;
  onMove(direction: -1 | 1): void;
}

export function ActivityCard(props: ActivityCardProps) {
  const { activity, number, tripZone, conflicts, highlighted, editable, busy } = props;
  const [confirming, setConfirming] = useState(false);
  const { time, zone } = activityTimeLabel(activity, tripZone);
  const located = activity.latitude !== null && activity.longitude !== null;
  const classes = [
    styles.card,
    !located && styles.unlocated,
    highlighted && styles.highlighted,
    conflicts.length > 0 && styles.conflicted,
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <li
      id={`activity-${activity.id}`}
      className={classes}
      data-number={number}
      data-testid="timeline-activity"
      aria-current={highlighted || undefined}
    >
      <div className={styles.cardMain}>
        <button
          type="button"
          className={styles.select}
          onClick={props.onSelect}
          // Named by what it shows (WCAG 2.5.3, label in name), so speech users can say what they see.
        >
          <span className={styles.time}>
            {time}
            {zone && <span className={styles.zone}> {zone}</span>}
          </span>
          <span className={styles.title}>{activity.title}</span>
          <span className={styles.meta}>
            <Badge>
              <Icon name={TYPE_ICONS[activity.type]} size={14} /> {ACTIVITY_TYPE_LABELS[activity.type]}
            </Badge>
            {activity.locationName && <span>{activity.locationName}</span>}
            {!located && <span title="Add coordinates to see it on the map">· not on the map</span>}
            {activity.cost && <span>· {formatMoney(activity.cost)}</span>}
            {activity.bookingReference && <span>· Ref. {activity.bookingReference}</span>}
          </span>
        </button>
        {editable && (
          <div className={styles.tools}>
            {/* Times decide the order: moving is offered only among activities starting together. */}
            {(props.canMoveUp || props.canMoveDown) && (
              <>
                <button
                  type="button"
                  className={styles.iconButton}
                  onClick={() => props.onMove(-1)}
                  disabled={!props.canMoveUp || busy}
                  aria-label={`Move “${activity.title}” up`}
                >
                  <Icon name="up" size={16} />
                </button>
                <button
                  type="button"
                  className={styles.iconButton}
                  onClick={() => props.onMove(1)}
                  disabled={!props.canMoveDown || busy}
                  aria-label={`Move “${activity.title}” down`}
                >
                  <Icon name="down" size={16} />
                </button>
              </>
            )}
            <button
              type="button"
              className={styles.iconButton}
              onClick={props.onEdit}
              aria-label={`Edit “${activity.title}”`}
            >
              <Icon name="pencil" size={16} />
            </button>
            <button
              type="button"
              className={styles.iconButton}
              onClick={() => setConfirming(true)}
              aria-label={`Delete “${activity.title}”`}
            >
              <Icon name="trash" size={16} />
            </button>
          </div>
        )}
      </div>
      {activity.notes && <p className={styles.notes}>{activity.notes}</p>}
      {props.comments !== undefined && (
        <a className={styles.commentsLink} href={commentsHash(activity.id)}>
          Comments ({props.comments})<span className="sr-only"> on “{activity.title}”</span>
        </a>
      )}
      {conflicts.map((conflict) => (
        <p key={`${conflict.type}-${conflict.activityIds.join()}`} className={styles.conflict} role="note">
          <Icon name="warning" size={16} className={styles.conflictIcon} />
          <span>
            <strong>{conflict.type === 'overlap' ? 'Overlap' : 'Travel time'}:</strong> {conflict.message}
          </span>
        </p>
      ))}
      {confirming && (
        <div className={styles.confirm} role="group" aria-label="Confirm deletion">
          <span>Delete this activity?</span>
          <Button
            size="sm"
            variant="danger"
            loading={busy}
            onClick={() => void Promise.resolve(props.onDelete()).finally(() => setConfirming(false))}
          >
            Delete
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setConfirming(false)}>
            Keep it
          </Button>
        </div>
      )}
    </li>
  );
}
