import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../common/auth/auth-context';
import { TransactionRunner } from '../common/database/transaction-runner';
import { OrganizationScopedRepository } from '../common/tenancy/organization-scoped.repository';
import { type CollaboratorRole, TripCollaborator } from './trip-collaborator.entity';

export type CollaboratorRow = Pick<TripCollaborator, 'userId' | 'role' | 'createdAt'> & { name: string };

@Injectable()
export class CollaboratorsRepository extends OrganizationScopedRepository<TripCollaborator> {
  protected readonly entity = TripCollaborator;
  protected readonly noun = 'Collaborator';

  constructor(db: TransactionRunner) {
    super(db);
  }

  /** The trip's collaborators with their names, in the order they were added. */
  listForTrip(ctx: AuthContext, tripId: string): Promise<CollaboratorRow[]> {
    return this.scopedSql<CollaboratorRow>(
      ctx,
      `SELECT tc.user_id AS "userId", tc.role, tc.created_at AS "createdAt", u.name
         FROM trip_collaborators tc JOIN users u ON u.id = tc.user_id AND u.organization_id = $organization
        WHERE tc.trip_id = $1 AND tc.organization_id = $organization ORDER BY tc.created_at, tc.user_id`,
      [tripId],
    );
  }

  /** Adds the collaborator or changes their role; the role they had before (null: newly added). */
  async upsert(
    ctx: AuthContext,
    tripId: string,
    userId: string,
    role: CollaboratorRole,
  ): Promise<CollaboratorRole | null> {
    const [before] = await this.findWhere(ctx, { tripId, userId });
    await this.scopedSql(
      ctx,
      `INSERT INTO trip_collaborators (organization_id, trip_id, user_id, role, added_by_id)
         VALUES ($organization, $1, $2, $3, $4)
       ON CONFLICT (trip_id, user_id) DO UPDATE SET role = EXCLUDED.role, updated_at = now()`,
      [tripId, userId, role, ctx.userId],
    );
    return before?.role ?? null;
  }

  /** Removes the collaborator; the role they had, or null when they were none. */
  async remove(ctx: AuthContext, tripId: string, userId: string): Promise<CollaboratorRole | null> {
    // TypeORM returns [rows, affectedCount] for a DELETE … RETURNING.
    const [[row]] = (await this.scopedSql(
      ctx,
      `DELETE FROM trip_collaborators WHERE trip_id = $1 AND user_id = $2 AND organization_id = $organization
       RETURNING role`,
      [tripId, userId],
    )) as [{ role: CollaboratorRole }[], number];
    return row?.role ?? null;
  }
}
