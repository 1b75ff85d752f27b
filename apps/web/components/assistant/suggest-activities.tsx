'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert, Button, Field, Select, Textarea } from '@/components/ui';
import { addProposedActivity, suggestActivities, type Suggestions } from '@/lib/api/assistant';
import { describeError } from '@/lib/api/api-error';
import { tripKeys } from '@/lib/api/trips';
import {
  acceptEach,
  afterAccept,
  initialSelection,
  selectAll,
  toAccept,
  toggleProposal,
  type ProposalSelection,
} from '@/lib/assistant/proposal-selection';
import { countOf } from '@/lib/format/plural';
import { formatDay } from '@/lib/time/zoned-time';
import { AssistantError, Thinking } from './assistant-states';
import { ACTIVITY, ProposalList } from './proposal-list';
import { useCancellable } from './use-cancellable';
import styles from './assistant.module.css';

export interface SuggestActivitiesProps {
  tripId: string;
  timezone: string | null;
  days: string[];
  defaultDay: string | null;
  /** After adding: the day of the first added activity, for the page to show. */
  onAdded(date: string): void;
}

/** "Suggest activities": a request and a day → proposals to pick from → the picked ones added. */
export function SuggestActivities({ tripId, timezone, days, defaultDay, onAdded }: SuggestActivitiesProps) {
  const queryClient = useQueryClient();
  const [request, setRequest] = useState('');
  const [day, setDay] = useState(defaultDay ?? '');
  const [selection, setSelection] = useState<ProposalSelection>(initialSelection([]));
  const [adding, setAdding] = useState(false);
  const [summary, setSummary] = useState<string | null>(null);
  const suggestions = useCancellable(async (signal) => {
    const result: Suggestions = await suggestActivities(
      tripId,
      { ...(day ? { date: day } : {}), ...(request.trim() ? { request: request.trim() } : {}) },
      signal,
    );
    setSelection(initialSelection(result.proposals.map((proposal) => proposal.key)));
    setSummary(null);
    return result;
  });
  const { state } = suggestions;
  const proposals = state.status === 'done' ? state.data.proposals : [];

  const add = async () => {
    const chosen = toAccept(selection, proposals);
    setAdding(true);
    const outcomes = await acceptEach(
      chosen,
      (proposal) => addProposedActivity(tripId, proposal.activity),
      describeError,
    );
    setAdding(false);
    setSelection((current) => afterAccept(current, outcomes));
    await queryClient.invalidateQueries({ queryKey: tripKeys.itinerary(tripId) });
    const added = chosen.filter((proposal) => outcomes.some((o) => o.key === proposal.key && o.ok));
    const failed = outcomes.length - added.length;
    setSummary(
      [
        added.length > 0 && `${countOf(added.length, ACTIVITY)} added to the itinerary.`,
        failed > 0 && `${countOf(failed, ACTIVITY)} could not be added; see why below.`,
      ]
        .filter(Boolean)
        .join(' '),
    );
    if (added[0]) onAdded(added[0].date);
  };

  return (
    <div className={styles.section}>
      <form
        className={styles.form}
        onSubmit={(event) => {
          event.preventDefault();
          void suggestions.run();
        }}
      >
        <Field
          label="What would help?"
          optional
          hint="For example: “a team dinner near the hotel”. Up to 500 characters."
        >
          <Textarea rows={2} maxLength={500} value={request} onChange={(event) => setRequest(event.target.value)} />
        </Field>
        <Field label="Day">
          <Select value={day} onChange={(event) => setDay(event.target.value)}>
            <option value="">Any day of the trip</option>
            {days.map((date, index) => (
              <option key={date} value={date}>
                Day {index + 1} · {formatDay(date)}
              </option>
            ))}
          </Select>
        </Field>
        {state.status !== 'running' && (
          <Button type="submit" variant="primary">
            Suggest activities
          </Button>
        )}
      </form>
      {state.status === 'running' && <Thinking label="Thinking of activities…" onCancel={suggestions.cancel} />}
      {state.status === 'failed' && <AssistantError error={state.error} onRetry={() => void suggestions.run()} />}
      {summary && <Alert tone={summary.includes('could not') ? 'warning' : 'success'}>{summary}</Alert>}
      {state.status === 'done' && (
        <ProposalList
          proposals={proposals}
          dropped={state.data.dropped}
          selection={selection}
          timezone={timezone}
          adding={adding}
          onToggle={(key) => setSelection((current) => toggleProposal(current, key))}
          onSelectAll={(on) =>
            setSelection((current) =>
              selectAll(
                current,
                proposals.map((proposal) => proposal.key),
                on,
              ),
            )
          }
          onAdd={() => void add()}
        />
      )}
    </div>
  );
}
