import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../common/auth/auth-context';
import { TransactionRunner } from '../common/database/transaction-runner';
import { DomainError, NotFoundError } from '../common/errors/domain-error';
import { CollaborationErrorCode } from '../common/errors/error-codes';
import { DomainEvents } from '../events/domain-events';
import { TripAccessService } from '../trips/trip-access.service';
import { tripTravellerIds } from '../trips/trip-travellers';
import { UsersRepository } from '../users/users.repository';
import { type CollaboratorRow, CollaboratorsRepository } from './collaborators.repository';
import type { CandidateListResponse, CollaboratorListResponse, CollaboratorResponse } from './dto/collaborator.dto';
import type { CollaboratorRole } from './trip-collaborator.entity';

/**
 * Sharing a trip with colleagues of the same organization (docs/collaboration.md). Seeing the list
 * is the trip's `view`; adding, changing and removing is its `share` (its traveller, managers, admins).
 */
@Injectable()
export class CollaboratorsService {
  constructor(
    private readonly db: TransactionRunner,
    private readonly access: TripAccessService,
    private readonly collaborators: CollaboratorsRepository,
    private readonly users: UsersRepository,
    private readonly events: DomainEvents,
  ) {}

  async list(ctx: AuthContext, tripId: string): Promise<CollaboratorListResponse> {
    await this.access.require(ctx, tripId, 'view');
    return { items: (await this.collaborators.listForTrip(ctx, tripId)).map(toCollaboratorResponse) };
  }

  /** Colleagues the trip could be shared with (not travelling on it), for whoever may share it. */
  async candidates(ctx: AuthContext, tripId: string, q = ''): Promise<CandidateListResponse> {
    const trip = await this.access.require(ctx, tripId, 'share');
    const travelling = tripTravellerIds(trip);
    const members = await this.users.searchActive(ctx, q, 20 + travelling.length);
    return {
      items: members
        .filter((member) => !travelling.includes(member.id))
        .slice(0, 20)
        .map(({ id, name, email }) => ({ id, name, email })),
    };
  }

  put(ctx: AuthContext, tripId: string, userId: string, role: CollaboratorRole): Promise<CollaboratorResponse> {
    return this.db.run(async () => {
      const trip = await this.access.require(ctx, tripId, 'share', { lock: true });
      const [member] = await this.users.activeMembers(ctx, [userId]);
      if (!member) {
        throw new DomainError(
          CollaborationErrorCode.CollaboratorNotMember,
          'Only an active member of your organization can be added to a trip',
        );
      }
      if (tripTravellerIds(trip).includes(userId)) {
        throw new DomainError(
          CollaborationErrorCode.CollaboratorTravels,
          'This colleague travels on the trip and sees it already',
        );
      }
      const before = await this.collaborators.upsert(ctx, tripId, userId, role);
      if (before !== role) {
        await this.events.publish(ctx, before === null ? 'collaborator.added' : 'collaborator.updated', {
          tripId,
          tripTitle: trip.title,
          userId,
          role,
        });
      }
      const row = (await this.collaborators.listForTrip(ctx, tripId)).find((item) => item.userId === userId)!;
      return toCollaboratorResponse(row);
    });
  }

  remove(ctx: AuthContext, tripId: string, userId: string): Promise<void> {
    return this.db.run(async () => {
      const trip = await this.access.require(ctx, tripId, 'share', { lock: true });
      const role = await this.collaborators.remove(ctx, tripId, userId);
      if (role === null) throw new NotFoundError('Collaborator');
      await this.events.publish(ctx, 'collaborator.removed', { tripId, tripTitle: trip.title, userId, role });
    });
  }
}

function toCollaboratorResponse(row: CollaboratorRow): CollaboratorResponse {
  return { userId: row.userId, name: row.name, role: row.role, addedAt: new Date(row.createdAt).toISOString() };
}
