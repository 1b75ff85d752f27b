import type { AuthContext } from '../common/auth/auth-context';
import type { TripDetailResponse } from './dto/trip-decision.dto';
import type { DecisionOutcome, TripWithDecider } from './trip.entity';
import type { TripChanges } from './trips.repository';

/**
 * When the trip was last submitted and its last decision live on the trip row, written by the step
 * in its transaction (not read back from the audit log, which the outbox fills after the commit).
 * `now()` is the transaction's time: the same instant the step's event, and so its audit row, carry.
 */
export function submissionColumns(): TripChanges {
  return { submittedAt: () => 'now()' };
}

/** A decision replaces the previous one; a revise or a resubmission leaves it until the next. */
export function decisionColumns(
  ctx: AuthContext,
  outcome: DecisionOutcome,
  reason: string | null,
  automatic = false,
): TripChanges {
  return {
    decisionOutcome: outcome,
    decisionReason: reason,
    decidedById: ctx.userId,
    decidedAt: () => 'now()',
    decisionAutomatic: automatic,
  };
}

/** The trip's `submittedAt` and `decision` as GET /api/trips/:id shows them. */
export function toTripDecision(trip: TripWithDecider): Pick<TripDetailResponse, 'submittedAt' | 'decision'> {
  const { decisionOutcome, decidedById, decidedAt } = trip;
  return {
    submittedAt: trip.submittedAt?.toISOString() ?? null,
    decision:
      decisionOutcome && decidedById && decidedAt
        ? {
            outcome: decisionOutcome,
            reason: trip.decisionReason,
            decidedBy: { id: decidedById, name: trip.deciderName },
            decidedAt: decidedAt.toISOString(),
            automatic: trip.decisionAutomatic,
          }
        : null,
  };
}
