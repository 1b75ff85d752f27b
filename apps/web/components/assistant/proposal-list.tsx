'use client';

import { Alert, Badge, Button, Checkbox } from '@/components/ui';
import type { DroppedProposal, Proposal } from '@/lib/api/assistant';
import type { ProposalSelection } from '@/lib/assistant/proposal-selection';
import { countOf } from '@/lib/format/plural';
import { ACTIVITY_TYPE_LABELS } from '@/lib/itinerary/activity-types';
import { formatMoney } from '@/lib/trips/money';
import { formatDay, formatWallTime, zoneCity } from '@/lib/time/zoned-time';
import styles from './assistant.module.css';

const PROPOSAL = { one: 'proposal', other: 'proposals' };
export const ACTIVITY = { one: 'activity', other: 'activities' };

function when(proposal: Proposal): string {
  const times = [proposal.startTime, proposal.endTime].filter((time): time is string => time !== null);
  return [formatDay(proposal.date), times.map((time) => formatWallTime(time)).join(' – ')].filter(Boolean).join(', ');
}

export interface ProposalListProps {
  proposals: Proposal[];
  dropped: DroppedProposal[];
  selection: ProposalSelection;
  /** The trip's zone: a proposal in another zone says which. */
  timezone: string | null;
  adding: boolean;
  onToggle(key: string): void;
  onSelectAll(on: boolean): void;
  /** The "Add selected" button; without it the caller has its own (the trip planner's "Create"). */
  onAdd?(): void;
}

/**
 * The assistant's proposals for the user to choose from: each with what our rules changed in it,
 * a checkbox, and after adding, whether it was added or why the API refused it. Nothing is saved
 * until "Add".
 */
export function ProposalList(props: ProposalListProps) {
  const { proposals, dropped, selection } = props;
  const open = proposals.filter((proposal) => !selection.added.has(proposal.key));
  const chosen = open.filter((proposal) => selection.selected.has(proposal.key)).length;
  return (
    <div className={styles.preview}>
      {proposals.length === 0 ? (
        <Alert tone="info" title="No proposals this time">
          The assistant proposed nothing that passes the trip’s rules. Try asking for something more specific.
        </Alert>
      ) : (
        <>
          <div className={styles.previewBar}>
            <span>{countOf(proposals.length, PROPOSAL)}</span>
            {open.length > 1 && (
              <Button size="sm" variant="ghost" onClick={() => props.onSelectAll(chosen < open.length)}>
                {chosen < open.length ? 'Select all' : 'Clear selection'}
              </Button>
            )}
          </div>
          <ul className={styles.proposals} aria-label="Proposals">
            {proposals.map((proposal) => {
              const added = selection.added.has(proposal.key);
              const failure = selection.failed.get(proposal.key);
              return (
                <li key={proposal.key} className={styles.proposal} data-added={added || undefined}>
                  <Checkbox
                    label={<span className={styles.proposalTitle}>{proposal.title}</span>}
                    checked={added || selection.selected.has(proposal.key)}
                    disabled={added || props.adding}
                    onChange={() => props.onToggle(proposal.key)}
                  />
                  <p className={styles.proposalMeta}>
                    <Badge>{ACTIVITY_TYPE_LABELS[proposal.type] ?? proposal.type}</Badge>
                    <span>{when(proposal)}</span>
                    {proposal.timezone !== props.timezone && <span>{zoneCity(proposal.timezone)} time</span>}
                    {proposal.placeName && <span>{proposal.placeName}</span>}
                    {proposal.estimatedCost && <span>about {formatMoney(proposal.estimatedCost)}</span>}
                    {added && <Badge tone="success">Added</Badge>}
                  </p>
                  {proposal.notes && <p className={styles.proposalNotes}>{proposal.notes}</p>}
                  {proposal.validation.length > 0 && (
                    <ul className={styles.notes} aria-label={`What was adjusted in “${proposal.title}”`}>
                      {proposal.validation.map((note) => (
                        <li key={note.code + note.message}>{note.message}</li>
                      ))}
                    </ul>
                  )}
                  {failure && (
                    <p className={styles.failure} role="alert">
                      Not added: {failure}
                    </p>
                  )}
                </li>
              );
            })}
          </ul>
          {props.onAdd && open.length > 0 && (
            <Button variant="primary" loading={props.adding} disabled={chosen === 0} onClick={props.onAdd}>
              Add selected ({chosen})
            </Button>
          )}
        </>
      )}
      {dropped.length > 0 && (
        <details className={styles.dropped}>
          <summary>{countOf(dropped.length, { one: 'idea', other: 'ideas' })} left out by our rules</summary>
          <ul>
            {dropped.map((item, index) => (
              <li key={index}>
                <strong>{item.title}</strong>: {item.reasons.map((reason) => reason.message).join(' ')}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
