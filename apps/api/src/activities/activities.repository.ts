import { Injectable } from '@nestjs/common';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { AuthContext } from '../common/auth/auth-context';
import { TransactionRunner } from '../common/database/transaction-runner';
import { OrganizationScopedRepository } from '../common/tenancy/organization-scoped.repository';
import { Activity } from './activity.entity';

@Injectable()
export class ActivitiesRepository extends OrganizationScopedRepository<Activity> {
  protected readonly entity = Activity;
  protected readonly noun = 'Activity';

  constructor(db: TransactionRunner) {
    super(db);
  }

  /**
   * The itinerary in time order; the manual order only ranks activities that start together.
   * Plain SQL without entity hydration: the itinerary read is one of the hottest (docs/performance.md).
   */
  listForTrip(ctx: AuthContext, tripId: string): Promise<Activity[]> {
    return this.scopedSql<Activity>(
      ctx,
      `SELECT ${this.selectList('a')} FROM activities a
        WHERE a.organization_id = $organization AND a.trip_id = $1 ORDER BY a.starts_at, a.position, a.created_at`,
      [tripId],
    );
  }

  async nextPosition(ctx: AuthContext, tripId: string): Promise<number> {
    const row = await this.query(ctx, 'activity')
      .andWhere('activity.tripId = :tripId', { tripId })
      .select('COALESCE(MAX(activity.position) + 1, 0)', 'next')
      .getRawOne<{ next: number }>();
    return Number(row?.next ?? 0);
  }

  /**
   * Rewrites `position` as each activity's index in the itinerary order (time, then the manual
   * order among equal starts), so a response's position is where the activity stands. Called in
   * the writer's transaction, under the trip's row lock; rows already in place are not touched.
   */
  async renumber(ctx: AuthContext, tripId: string): Promise<void> {
    await this.scopedSql(
      ctx,
      `UPDATE activities AS a SET position = o.position
         FROM (SELECT id, row_number() OVER (ORDER BY starts_at, position, created_at, id) - 1 AS position
                 FROM activities WHERE trip_id = $1 AND organization_id = $organization) AS o
        WHERE a.id = o.id AND a.organization_id = $organization AND a.position <> o.position`,
      [tripId],
    );
  }

  /** Compare-and-set on the activity's version (see `compareAndSet`). */
  updateIfVersion(
    ctx: AuthContext,
    id: string,
    expectedVersion: number | undefined,
    changes: QueryDeepPartialEntity<Activity>,
  ): Promise<boolean> {
    return this.compareAndSet(ctx, id, expectedVersion, changes);
  }

  /** Writes the new order in one statement: position = index in `ids`. */
  async reorder(ctx: AuthContext, tripId: string, ids: string[]): Promise<void> {
    await this.scopedSql(
      ctx,
      `UPDATE activities AS a SET position = o.position - 1, updated_at = now()
         FROM unnest($1::uuid[]) WITH ORDINALITY AS o(id, position)
        WHERE a.id = o.id AND a.trip_id = $2 AND a.organization_id = $organization`,
      [ids, tripId],
    );
  }
}
