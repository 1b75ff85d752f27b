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
  /** Why a tool that needs the model cannot be used now, or null when it can. */
  const modelGate = (what: string) =>
    status.isError ? (
      <AssistantError error={status.error} onRetry={() => void status.refetch()} />
    ) : !model?.configured ? (
      <NotConfigured what={what} rest="Optimising a day’s order works all the same (Optimise)." />
    ) : model.budget.exceeded ? (
      <BudgetUsedUp />
    ) : null;
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
        ) : (
          // Every tool stays mounted while the panel is open: switching keeps proposals and briefings.
          <>
            <section hidden={tool !== 'suggest'} className={styles.section} aria-labelledby={`${titleId}-suggest`}>
              <h3 id={`${titleId}-suggest`} className={styles.toolTitle}>
                Suggest activities
              </h3>
              <p className={styles.muted}>
                Proposals drawn from the trip, its itinerary and your travel policy, each checked against the trip’s
                dates, the other activities and travel time. Nothing is added until you choose.
              </p>
              {modelGate('Suggesting activities') ??
                (editable ? (
                  <SuggestActivities
                    tripId={trip.id}
                    timezone={trip.timezone}
                    days={days}
                    defaultDay={selectedDay}
                    onAdded={onAdded}
                  />
                ) : (
                  readOnly
                ))}
            </section>
            <section hidden={tool !== 'briefing'} className={styles.section} aria-labelledby={`${titleId}-briefing`}>
              <h3 id={`${titleId}-briefing`} className={styles.toolTitle}>
                Daily briefing
              </h3>
              <p className={styles.muted}>
                A short summary of the day in local time: where to be, travel between places and any conflicts.
              </p>
              {modelGate('The briefing') ?? <DailyBriefing tripId={trip.id} days={days} defaultDay={day} />}
            </section>
            <section hidden={tool !== 'optimise'} className={styles.section} aria-labelledby={`${titleId}-optimise`}>
              <h3 id={`${titleId}-optimise`} className={styles.toolTitle}>
                Optimise this day
              </h3>
              <p className={styles.muted}>
                Puts activities that share a start time (a block “from 14:00”) in the order with the least travel
                between places; an activity with a time of its own keeps it. Works without a language model.
              </p>
              {editable ? (
                <OptimiseDay tripId={trip.id} days={days} defaultDay={day} activities={activities} />
              ) : (
                readOnly
              )}
            </section>
          </>
        )}
      </div>
    </aside>
  );
}
