'use client';

import { useState } from 'react';
import { Alert, Button } from '@/components/ui';
import { describeError } from '@/lib/api/api-error';
import { useTripTransition, type TripDetail } from '@/lib/api/trips';
import { formatTimestamp } from '@/lib/time/zoned-time';
import styles from './trip-decision-panel.module.css';

type Decision = NonNullable<TripDetail['decision']>;

function decidedBy(decision: Decision): string {
  return `${decision.decidedBy.name ?? 'A former member'} on ${formatTimestamp(decision.decidedAt)}`;
}

function Reason({ decision, label }: { decision: Decision; label: string }) {
  if (!decision.reason) return null;
  return (
    <figure className={styles.reason}>
      <figcaption className="sr-only">{label}</figcaption>
      <blockquote>{decision.reason}</blockquote>
    </figure>
  );
}

/**
 * The approver's decision where the traveller works: the rejection reason (or the approval's
 * comment), who decided and when, and for a rejected trip the way back: revise and resubmit.
 */
export function TripDecisionPanel({ trip }: { trip: TripDetail }) {
  const transition = useTripTransition();
  const [error, setError] = useState<string | null>(null);
  const decision = trip.decision;

  if (trip.status === 'rejected') {
    const revise = async () => {
      setError(null);
      try {
        await transition.mutateAsync({ id: trip.id, action: 'revise' });
      } catch (err) {
        setError(describeError(err));
      }
    };
    return (
      <Alert
        tone="danger"
        title={decision ? `Rejected by ${decidedBy(decision)}` : 'This trip was rejected'}
        actions={
          <Button variant="primary" size="sm" loading={transition.isPending} onClick={revise}>
            Revise and resubmit
          </Button>
        }
      >
        {decision && <Reason decision={decision} label="The approver’s reason" />}
        <p>Revising makes the trip a draft again: change what was asked, then submit it for approval.</p>
        {error && <p className={styles.error}>{error}</p>}
      </Alert>
    );
  }
  if (!decision) return null;

  if (decision.outcome === 'rejected' && (trip.status === 'draft' || trip.status === 'submitted')) {
    return (
      <Alert tone="warning" title={`Revising after a rejection by ${decidedBy(decision)}`}>
        <Reason decision={decision} label="The approver’s reason" />
        <p>
          {trip.status === 'draft'
            ? 'Change what was asked, then submit the trip for approval again.'
            : 'The revised trip is waiting for approval.'}
        </p>
      </Alert>
    );
  }

  if (decision.outcome === 'approved' && trip.status !== 'cancelled') {
    if (decision.automatic) {
      return (
        <Alert tone="success" title={`Approved automatically on ${formatTimestamp(decision.decidedAt)}`}>
          <p>It was within the travel policy, and your organization approves such trips without an approver.</p>
        </Alert>
      );
    }
    return (
      <Alert tone="success" title={`Approved by ${decidedBy(decision)}`}>
        <Reason decision={decision} label="The approver’s comment" />
      </Alert>
    );
  }
  return null;
}
