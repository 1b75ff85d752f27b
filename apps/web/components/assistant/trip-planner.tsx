'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Alert, Button, ButtonLink, Field, Loading, Textarea } from '@/components/ui';
import { addProposedActivity, planTrip, useAssistantStatus, type TripPlan } from '@/lib/api/assistant';
import { describeError } from '@/lib/api/api-error';
import { useCreateTrip } from '@/lib/api/trips';
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
import { formatDateRange } from '@/lib/time/zoned-time';
import { AssistantError, BudgetUsedUp, NotConfigured, Thinking } from './assistant-states';
import { ACTIVITY, ProposalList } from './proposal-list';
import { useCancellable } from './use-cancellable';
import styles from './assistant.module.css';

function DraftTrip({ plan }: { plan: TripPlan }) {
  const { trip } = plan;
  return (
    <dl className={styles.draft} aria-label="Draft trip">
      <dt>Title</dt>
      <dd>{trip.title}</dd>
      <dt>Destination</dt>
      <dd>{[trip.destination, trip.destinationCountry].filter(Boolean).join(', ')}</dd>
      <dt>Dates</dt>
      <dd>{formatDateRange(trip.startDate, trip.endDate)}</dd>
      {trip.purpose && (
        <>
          <dt>Purpose</dt>
          <dd>{trip.purpose}</dd>
        </>
      )}
    </dl>
  );
}

/**
 * "Plan a trip from a sentence": the assistant drafts the trip and its first activities, the user
 * looks them over, and Create saves the trip and then the chosen activities through the normal routes.
 */
export default function TripPlanner({ onCancel }: { onCancel(): void }) {
  const router = useRouter();
  const status = useAssistantStatus();
  const createTrip = useCreateTrip();
  const [creating, setCreating] = useState(false);
  const [sentence, setSentence] = useState('');
  const [selection, setSelection] = useState<ProposalSelection>(initialSelection([]));
  const [created, setCreated] = useState<{ id: string; failed: number } | null>(null);
  const plan = useCancellable(async (signal) => {
    const result = await planTrip(sentence.trim(), signal);
    setSelection(initialSelection(result.proposals.map((proposal) => proposal.key)));
    return result;
  });
  const { state } = plan;
  const chosen = state.status === 'done' ? toAccept(selection, state.data.proposals).length : 0;

  const create = async (draft: TripPlan) => {
    setCreating(true);
    try {
      await save(draft);
    } catch {
      // createTrip's error is shown under the preview.
    } finally {
      setCreating(false);
    }
  };
  const save = async (draft: TripPlan) => {
    const trip = await createTrip.mutateAsync(draft.trip);
    const outcomes = await acceptEach(
      toAccept(selection, draft.proposals),
      (proposal) => addProposedActivity(trip.id, proposal.activity),
      describeError,
    );
    setSelection((current) => afterAccept(current, outcomes));
    const failed = outcomes.filter((outcome) => !outcome.ok).length;
    if (failed === 0) router.push(`/trips/${trip.id}?created=1`);
    else setCreated({ id: trip.id, failed });
  };

  if (status.isPending) return <Loading label="Checking the assistant…" />;
  if (status.isError) return <AssistantError error={status.error} onRetry={() => void status.refetch()} />;
  if (!status.data.configured)
    return (
      <div className={styles.planner}>
        <NotConfigured what="Planning from a sentence" rest="“New trip” plans one by hand." />
        <div className={styles.actions}>
          <ButtonLink href="/trips/new" variant="primary">
            New trip
          </ButtonLink>
          <Button variant="ghost" onClick={onCancel}>
            Close
          </Button>
        </div>
      </div>
    );
  if (status.data.budget.exceeded) return <BudgetUsedUp />;

  return (
    <div className={styles.planner}>
      <form
        className={styles.form}
        onSubmit={(event) => {
          event.preventDefault();
          if (sentence.trim()) void plan.run();
        }}
      >
        <Field
          label="Describe the trip"
          hint="For example: “3 days in Tokyo for the Q3 partner summit, arriving Monday”. Nothing is saved until you create it."
        >
          <Textarea
            rows={2}
            maxLength={500}
            required
            value={sentence}
            onChange={(event) => setSentence(event.target.value)}
          />
        </Field>
        {state.status !== 'running' && (
          <div className={styles.actions}>
            <Button
              type="submit"
              variant={state.status === 'done' ? 'secondary' : 'primary'}
              disabled={!sentence.trim()}
            >
              {state.status === 'done' ? 'Draft again' : 'Draft the trip'}
            </Button>
            <Button variant="ghost" onClick={onCancel}>
              Cancel
            </Button>
          </div>
        )}
      </form>
      {state.status === 'running' && <Thinking label="Drafting the trip…" onCancel={plan.cancel} />}
      {state.status === 'failed' && <AssistantError error={state.error} onRetry={() => void plan.run()} />}
      {state.status === 'done' && (
        <>
          <DraftTrip plan={state.data} />
          {state.data.notes.length > 0 && (
            <Alert tone="info" title="What the assistant assumed or adjusted">
              <ul>
                {state.data.notes.map((note) => (
                  <li key={note.code + note.message}>{note.message}</li>
                ))}
              </ul>
            </Alert>
          )}
          <ProposalList
            proposals={state.data.proposals}
            dropped={state.data.dropped}
            selection={selection}
            timezone={state.data.trip.timezone ?? null}
            adding={creating}
            onToggle={(key) => setSelection((current) => toggleProposal(current, key))}
            onSelectAll={(on) =>
              setSelection((current) =>
                selectAll(
                  current,
                  state.data.proposals.map((proposal) => proposal.key),
                  on,
                ),
              )
            }
          />
          {createTrip.isError && <Alert tone="danger">{describeError(createTrip.error)}</Alert>}
          {created ? (
            <Alert
              tone="warning"
              title="Trip created"
              actions={
                <ButtonLink href={`/trips/${created.id}?created=1`} size="sm" variant="primary">
                  Open the trip
                </ButtonLink>
              }
            >
              Some activities could not be added (see why above); add them from the trip page.
            </Alert>
          ) : (
            <div className={styles.actions}>
              <Button variant="primary" loading={creating} onClick={() => void create(state.data)}>
                {chosen > 0 ? `Create the trip and ${countOf(chosen, ACTIVITY)}` : 'Create the trip'}
              </Button>
            </div>
          )}
        </>
      )}
    </div>
  );
}
