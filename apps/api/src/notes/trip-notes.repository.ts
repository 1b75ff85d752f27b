import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../common/auth/auth-context';
import { TransactionRunner } from '../common/database/transaction-runner';
import { OrganizationScopedRepository } from '../common/tenancy/organization-scoped.repository';
import { TripNote } from './trip-note.entity';

export type TripNoteWithEditor = Pick<TripNote, 'body' | 'version' | 'updatedById' | 'updatedAt'> & {
  editorName: string | null;
};

@Injectable()
export class TripNotesRepository extends OrganizationScopedRepository<TripNote> {
  protected readonly entity = TripNote;
  protected readonly noun = 'Trip notes';

  constructor(db: TransactionRunner) {
    super(db);
  }

  async forTrip(ctx: AuthContext, tripId: string): Promise<TripNoteWithEditor | null> {
    const [row] = await this.scopedSql<TripNoteWithEditor>(
      ctx,
      `SELECT n.body, n.version, n.updated_by_id AS "updatedById", n.updated_at AS "updatedAt", u.name AS "editorName"
         FROM trip_notes n LEFT JOIN users u ON u.id = n.updated_by_id AND u.organization_id = $organization
        WHERE n.trip_id = $1 AND n.organization_id = $organization`,
      [tripId],
    );
    return row ?? null;
  }

  /**
   * Writes the notes if they are still at `expectedVersion` (0: none yet; undefined: whatever they
   * are), bumping the version; false when another edit came first. The caller holds the trip's lock.
   */
  async write(ctx: AuthContext, tripId: string, body: string, expectedVersion: number | undefined): Promise<boolean> {
    const rows = await this.scopedSql(
      ctx,
      `INSERT INTO trip_notes AS n (organization_id, trip_id, body, updated_by_id) VALUES ($organization, $1, $2, $3)
       ON CONFLICT (trip_id) DO UPDATE SET body = EXCLUDED.body, updated_by_id = EXCLUDED.updated_by_id,
              version = n.version + 1, updated_at = now()
        WHERE n.organization_id = $organization AND ($4::int IS NULL OR n.version = $4::int)
       RETURNING n.version`,
      [tripId, body, ctx.userId, expectedVersion ?? null],
    );
    // A first insert matches any expected version but a later one (0 or none).
    const [written] = rows as { version: number }[];
    return written !== undefined && (written.version > 1 || !expectedVersion);
  }
}
