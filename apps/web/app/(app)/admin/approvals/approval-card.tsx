'use client';

import { useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { TripActions } from '@/components/trips/trip-actions';
import { travellerName } from '@/components/trips/trip-list';
import { TripStatusBadge } from '@/components/trips/trip-status-badge';
import { Alert, Button, Card } from '@/components/ui';
import { describeError } from '@/lib/api/api-error';
import type { Policy } from '@/lib/api/organization';
import { fetchTrip, tripKeys, type Trip, type TripDetail } from '@/lib/api/trips';
import { formatWaited, hasWaitedLong } from '@/lib/format/waited';
import type { LifecycleAction } from '@/lib/trips/lifecycle';
import { STATUS_LABELS } from '@/lib/trips/lifecycle';
import { formatMoney } from '@/lib/trips/money';
import { formatDateRange, formatTimestamp } from '@/lib/time/zoned-time';
import { ItineraryPreview } from '@/components/approvals/itinerary-preview';
import { PolicyVerdict } from '@/components/policy/policy-verdict';
import styles from '@/components/approvals/approvals.module.css';
import adminStyles from '../admin.module.css';

export interface ApprovalCardProps {
  trip: Trip;
  userId: string;
  /** For the names of travellers' reason codes. */
  policy: Policy | undefined;
  onDecided(action: LifecycleAction, trip: Trip): void;
}

/** What happened to a trip that someone else decided (or changed) while this page was open. */
export function describeSettled(current: TripDetail): string {
  const decision = current.decision;
  if (decision && (current.status === 'approved' || current.status === 'rejected')) {
    const who = decision.decidedBy.name ?? 'A former member';
    return `Already decided: ${who} ${decision.outcome} it (${formatTimestamp(decision.decidedAt)}), in another tab or window. Nothing more to do here.`;
  }
  return `This trip changed meanwhile: it is now “${STATUS_LABELS[current.status].toLowerCase()}”, so it no longer waits for a decision.`;
}

/**
 * One trip waiting for a decision: the facts, how long it has waited, the API's policy verdict, a preview
 * of its itinerary and the buttons. When a decision fails because someone else decided first (409),
 * the card shows the trip as it is now and says what happened, instead of offering the buttons again.
 */
export function ApprovalCard({ trip, userId, policy, onDecided }: ApprovalCardProps) {
  const queryClient = useQueryClient();
  const [settled, setSettled] = useState<{ trip: TripDetail; message: string } | null>(null);
  const [refreshError, setRefreshError] = useState<string | null>(null);
  const shown = settled?.trip ?? trip;
  const reasonLabels = policy ? new Map(policy.reasonCodes.map((reason) => [reason.code, reason.label])) : undefined;
  // The API says who may decide (allowedActions): never the traveller, so a manager's own trip waits for another.
  const mayDecide = trip.allowedActions.includes('decide');
  // A submitted trip's row changes only when it is submitted (its fields are frozen until then).
  const waitingSince = trip.updatedAt;

  const refresh = async () => {
    setRefreshError(null);
    try {
      const current = await queryClient.fetchQuery({
        queryKey: tripKeys.detail(trip.id),
        queryFn: () => fetchTrip(trip.id),
      });
      setSettled({ trip: current, message: describeSettled(current) });
    } catch (error) {
      setRefreshError(`Someone else changed this trip meanwhile, and it could not be re-read: ${describeError(error)}`);
    }
  };

  return (
    <Card aria-label={trip.title}>
      <div className={adminStyles.approval}>
        <div>
          <Link href={`/trips/${trip.id}`} className={adminStyles.approvalTitle}>
            {shown.title}
          </Link>
          <div className={adminStyles.facts}>
            <span>{travellerName(shown, userId)}</span>
            <span>{[shown.destination, shown.destinationCountry].filter(Boolean).join(', ')}</span>
            <span>{formatDateRange(shown.startDate, shown.endDate)}</span>
            {shown.budget && <span>{formatMoney(shown.budget)}</span>}
            {settled ? (
              <TripStatusBadge status={settled.trip.status} />
            ) : (
              <span
                className={hasWaitedLong(waitingSince) ? styles.waitedLong : styles.waited}
                title={`Submitted ${formatTimestamp(waitingSince)}`}
              >
                Waiting {formatWaited(waitingSince)}
              </span>
            )}
          </div>
          {shown.purpose && <p className={adminStyles.purpose}>{shown.purpose}</p>}
          {shown.policy && <PolicyVerdict verdict={shown.policy} reasonLabels={reasonLabels} />}
          <ItineraryPreview trip={shown} />
        </div>
        <div className={adminStyles.buttons}>
          {settled ? (
            <Button size="sm" onClick={() => queryClient.invalidateQueries({ queryKey: ['trips', 'list'] })}>
              Remove from the queue
            </Button>
          ) : !mayDecide ? (
            <span className={adminStyles.facts}>
              {trip.travellerId === userId
                ? 'Your own trip: another manager or admin decides.'
                : 'Not yours to decide.'}
            </span>
          ) : (
            <TripActions
              trip={trip}
              size="sm"
              only={['approve', 'reject']}
              onDone={onDecided}
              onConflict={() => void refresh()}
              commentOnApprove
            />
          )}
        </div>
      </div>
      {settled && (
        <div className={styles.settled}>
          <Alert tone="info">{settled.message}</Alert>
        </div>
      )}
      {refreshError && (
        <div className={styles.settled}>
          <Alert tone="danger">{refreshError}</Alert>
        </div>
      )}
    </Card>
  );
}
