'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { Alert, Button, Loading } from '@/components/ui';
import { useAssistantStatus } from '@/lib/api/assistant';
import type { Trip } from '@/lib/api/trips';
import type { Activity } from '@/lib/itinerary/itinerary-days';
import { eachDay } from '@/lib/time/zoned-time';
import { AssistantError, BudgetUsedUp, NotConfigured } from './assistant-states';
import { DailyBriefing } from './daily-briefing';
import { OptimiseDay } from './optimise-day';
import { SuggestActivities } from './suggest-activities';
import styles from './assistant.module.css';

type Tool = 'suggest' | 'briefing' | 'optimise';
const TOOLS: { id: Tool; label: string }[] = [
  { id: 'suggest', label: 'Suggest' },
  { id: 'briefing', label: 'Briefing' },
  { id: 'optimise', label: 'Optimise' },
];

export interface AssistantPanelProps {
  trip: Trip;
  activities: Activity[];
  /** The day the trip page shows: each tool starts on it. */
  selectedDay: string | null;
  editable: boolean;
  onAdded(date: string): void;
  onClose(): void;
}

/**
 * The trip's assistant, beside the timeline and map (it does not cover them on a wide screen, so
 * added activities are seen arriving). Loaded only when opened. Escape closes it.
 */
export default function AssistantPanel({
  trip,
  activities,
  selectedDay,
  editable,
  onAdded,
  onClose,
}: AssistantPanelProps) {
  const status = useAssistantStatus();
  const [tool, setTool] = useState<Tool>('suggest');
  const titleId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const days = eachDay(trip.startDate, trip.endDate);
  const day = selectedDay && days.includes(selectedDay) ? selectedDay : days[0];

  useEffect(() => {
    // Focus moves into the panel when it opens and back to what opened it when it closes.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    heading.current?.focus();
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      opener?.focus();
    };
  }, [onClose]);

  const model = status.data;
  const modelReady = model?.configured && !model.budget.exceeded;
  const readOnly = (
    <Alert tone="info">This trip’s itinerary can no longer change, so there is nothing to add or reorder.</Alert>
  );

  return (
    <aside className={styles.panel} aria-labelledby={titleId}>
      <div className={styles.panelHeader}>
        <h2 id={titleId} ref={heading} tabIndex={-1} className={styles.panelTitle}>
          Assistant
        </h2>
        <Button size="sm" variant="ghost" onClick={onClose} aria-label="Close the assistant">
          ✕
        </Button>
      </div>
      <div className={styles.tools} role="group" aria-label="Assistant tools">
        {TOOLS.map(({ id, label }) => (
          <button key={id} type="button" className={styles.tool} aria-pressed={tool === id} onClick={() => setTool(id)}>
            {label}
          </button>
        ))}
      </div>
      <div className={styles.panelBody}>
        {status.isPending ? (
          <Loading label="Checking the assistant…" />
        ) : tool === 'optimise' ? (
          <>
            <h3 className={styles.toolTitle}>Optimise this day</h3>
            <p className={styles.muted}>
              Reorders the day’s flexible activities for the least travel between places; activities at fixed times keep
              their place. Works without a language model.
            </p>
            {editable ? (
              <OptimiseDay tripId={trip.id} days={days} defaultDay={day} activities={activities} />
            ) : (
              readOnly
            )}
          </>
        ) : (
          <>
            <h3 className={styles.toolTitle}>{tool === 'suggest' ? 'Suggest activities' : 'Daily briefing'}</h3>
            <p className={styles.muted}>
              {tool === 'suggest'
                ? 'Proposals drawn from the trip, its itinerary and your travel policy, each checked against the trip’s dates, the other activities and travel time. Nothing is added until you choose.'
                : 'A short summary of the day in local time: where to be, travel between places and any conflicts.'}
            </p>
            {status.isError ? (
              <AssistantError error={status.error} onRetry={() => void status.refetch()} />
            ) : !model?.configured ? (
              <NotConfigured
                what={tool === 'suggest' ? 'Suggesting activities' : 'The briefing'}
                rest="Optimising a day’s order works all the same (Optimise)."
              />
            ) : !modelReady ? (
              <BudgetUsedUp />
            ) : tool === 'briefing' ? (
              <DailyBriefing tripId={trip.id} days={days} defaultDay={day} />
            ) : editable ? (
              <SuggestActivities
                tripId={trip.id}
                timezone={trip.timezone}
                days={days}
                defaultDay={selectedDay}
                onAdded={onAdded}
              />
            ) : (
              readOnly
            )}
          </>
        )}
      </div>
    </aside>
  );
}
