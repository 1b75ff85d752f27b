import type { AuditRepository } from '../audit/audit.repository';
import type { AuthContext } from '../common/auth/auth-context';
import type { TripDetailResponse } from './dto/trip-decision.dto';

/** When the trip was last submitted and its last decision, read from the audit log that records every step. */
export async function tripDecisionOf(
  audit: AuditRepository,
  ctx: AuthContext,
  tripId: string,
): Promise<Pick<TripDetailResponse, 'submittedAt' | 'decision'>> {
  const submitted = await audit.latest(ctx, 'trip', tripId, ['trip.submitted']);
  const decided = await audit.latest(ctx, 'trip', tripId, ['trip.approved', 'trip.rejected']);
  const reason = decided?.event.data.reason;
  return {
    submittedAt: submitted?.event.createdAt.toISOString() ?? null,
    decision: decided
      ? {
          outcome: decided.event.action === 'trip.approved' ? 'approved' : 'rejected',
          reason: typeof reason === 'string' ? reason : null,
          decidedBy: { id: decided.event.actorId, name: decided.actorName },
          decidedAt: decided.event.createdAt.toISOString(),
          automatic: decided.event.data.automatic === true,
        }
      : null,
  };
}
