'use client';

import { useState } from 'react';
import { Alert, Button, Field, Select } from '@/components/ui';
import { useOptimiseDay } from '@/lib/api/assistant';
import { describeError } from '@/lib/api/api-error';
import { numberFormat } from '@/lib/format/intl-cache';
import { displayLocale } from '@/lib/format/locale';
import type { Activity } from '@/lib/itinerary/itinerary-days';
import { formatDay } from '@/lib/time/zoned-time';
import styles from './assistant.module.css';

const km = (value: number) =>
  numberFormat(displayLocale(), { style: 'unit', unit: 'kilometer', maximumFractionDigits: 1 }).format(value);

/** "Optimise this day": the order with the least travel (fixed times stay put), then Apply. No model needed. */
export function OptimiseDay({
  tripId,
  days,
  defaultDay,
  activities,
}: {
  tripId: string;
  days: string[];
  defaultDay: string;
  activities: Activity[];
}) {
  const [day, setDay] = useState(defaultDay);
  const optimise = useOptimiseDay(tripId);
  const result = optimise.data;
  const byId = new Map(activities.map((activity) => [activity.id, activity]));

  return (
    <div className={styles.section}>
      <div className={styles.inline}>
        <Field label="Day">
          <Select
            value={day}
            onChange={(event) => {
              setDay(event.target.value);
              optimise.reset();
            }}
          >
            {days.map((date, index) => (
              <option key={date} value={date}>
                Day {index + 1} · {formatDay(date)}
              </option>
            ))}
          </Select>
        </Field>
        <Button
          variant={result && !result.applied ? 'secondary' : 'primary'}
          loading={optimise.isPending && !optimise.variables?.apply}
          disabled={optimise.isPending}
          onClick={() => optimise.mutate({ date: day })}
        >
          Optimise this day
        </Button>
      </div>
      {optimise.isError && <Alert tone="danger">{describeError(optimise.error)}</Alert>}
      {result && result.moved.length === 0 && !result.applied && (
        <Alert tone="success">This day is already in the order with the least travel.</Alert>
      )}
      {result && (result.moved.length > 0 || result.applied) && (
        <div className={styles.optimised}>
          <p>
            Travel {km(result.distanceKm.before)} → <strong>{km(result.distanceKm.after)}</strong>
            {result.applied ? ': saved.' : '. Activities with fixed times keep their place.'}
          </p>
          <ol className={styles.order} aria-label="Proposed order">
            {result.activityIds.map((id) => {
              return (
                <li key={id} data-moved={result.moved.includes(id) || undefined}>
                  {byId.get(id)?.title ?? 'An activity added elsewhere'}
                  {result.moved.includes(id) && <span className={styles.movedTag}> moved</span>}
                </li>
              );
            })}
          </ol>
          {result.applied ? (
            <Alert tone="success">The new order is saved; the timeline and map show it.</Alert>
          ) : (
            <Button
              variant="primary"
              loading={optimise.isPending}
              onClick={() => optimise.mutate({ date: day, apply: true })}
            >
              Apply this order
            </Button>
          )}
        </div>
      )}
    </div>
  );
}
