import { Injectable } from '@nestjs/common';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { AuthContext } from '../common/auth/auth-context';
import { TransactionRunner } from '../common/database/transaction-runner';
import { NotFoundError } from '../common/errors/domain-error';
import { OrganizationScopedRepository } from '../common/tenancy/organization-scoped.repository';
import { TRIP_SORTS, TripQuery } from './dto/trip.dto';
import { Trip, TripWithDecider, TripWithTraveller, TripWithTravellerIds } from './trip.entity';
import { visibleTravellerId } from './trip-access';
import type { TripStatus } from './trip-status.machine';

export type TripChanges = QueryDeepPartialEntity<Trip>;

@Injectable()
export class TripsRepository extends OrganizationScopedRepository<Trip> {
  protected readonly entity = Trip;
  protected readonly noun = 'Trip';

  constructor(db: TransactionRunner) {
    super(db);
  }

  /**
   * The caller's organization, narrowed by the access table's `view` rule (a traveller: their own
   * trips), as SQL conditions on `t`; values go to `parameters`. Trip reads are plain SQL: they run
   * on every trip and itinerary request, and TypeORM's query building and hydration were their
   * largest cost (docs/performance.md).
   */
  private visibleConditions(ctx: AuthContext, parameters: unknown[]): string[] {
    const conditions = ['t.organization_id = $organization'];
    const travellerId = visibleTravellerId(ctx);
    if (travellerId) {
      const parameter = `$${parameters.push(travellerId)}`;
      conditions.push(`(${travelsOn(parameter)} OR ${collaboratesOn(parameter)})`);
    }
    return conditions;
  }

  /** The one trip `id` the caller may see, or NotFoundError. */
  private async visibleOne<R>(ctx: AuthContext, id: string, select: string, suffix = ''): Promise<R> {
    const parameters: unknown[] = [id];
    const conditions = ['t.id = $1', ...this.visibleConditions(ctx, parameters)].join(' AND ');
    const [row] = await this.scopedSql<R>(ctx, `SELECT ${select} WHERE ${conditions}${suffix}`, parameters);
    if (!row) throw new NotFoundError('Trip');
    return row;
  }

  /** The trip with its co-travellers' ids: what the access check needs to know the caller's relation. */
  getVisible(ctx: AuthContext, id: string, options: { lock?: boolean } = {}): Promise<TripWithTravellerIds> {
    return this.visibleOne<TripWithTravellerIds>(
      ctx,
      id,
      `${this.selectList('t')}, ${CO_TRAVELLER_IDS}, ${COLLABORATOR_IDS} FROM trips t`,
      options.lock ? ' FOR UPDATE' : '',
    );
  }

  /**
   * Replaces the trip's co-travellers with `userIds`, in that order. The caller has checked the
   * trip (`edit`) and that each id is an active member of the organization.
   */
  async replaceCoTravellers(ctx: AuthContext, tripId: string, userIds: readonly string[]): Promise<void> {
    await this.scopedSql(ctx, 'DELETE FROM trip_travellers WHERE trip_id = $1 AND organization_id = $organization', [
      tripId,
    ]);
    if (userIds.length === 0) return;
    await this.scopedSql(
      ctx,
      `INSERT INTO trip_travellers (trip_id, user_id, organization_id, position)
        SELECT $1, u.id, $organization, ids.position FROM unnest($2::uuid[]) WITH ORDINALITY AS ids(user_id, position)
          JOIN users u ON u.id = ids.user_id AND u.organization_id = $organization`,
      [tripId, userIds],
    );
  }

  /** As `getVisible`, with the traveller's id and name joined for the response (never locked). */
  async getVisibleWithTraveller(ctx: AuthContext, id: string): Promise<TripWithTraveller> {
    return withTraveller(
      await this.visibleOne<TravellerRow>(ctx, id, `${this.selectWithTraveller()} FROM ${TRIPS_WITH_TRAVELLER}`),
    );
  }

  /** As `getVisibleWithTraveller`, with the name of who took the last decision (the single-trip read). */
  async getVisibleWithDecider(ctx: AuthContext, id: string): Promise<TripWithDecider> {
    const row = await this.visibleOne<TravellerRow & { deciderName: string | null }>(
      ctx,
      id,
      `${this.selectWithTraveller()}, d.name AS "deciderName" FROM ${TRIPS_WITH_TRAVELLER}
        LEFT JOIN users d ON d.id = t.decided_by_id AND d.organization_id = $organization`,
    );
    return Object.assign(withTraveller(row), { deciderName: row.deciderName });
  }

  /** A page of the trips the caller may see, and how many match (side by side, on two pooled connections). */
  async list(ctx: AuthContext, query: TripQuery): Promise<[TripWithTraveller[], number]> {
    const parameters: unknown[] = [];
    const where = this.visibleConditions(ctx, parameters);
    if (query.status?.length) where.push(`t.status = ANY($${parameters.push(query.status)}::trip_status[])`);
    const shared = query.sharedWithMe ? collaboratesOn(`$${parameters.push(ctx.userId)}`) : null;
    if (query.travellerId) {
      const travelling = travelsOn(`$${parameters.push(query.travellerId)}`);
      where.push(shared ? `(${travelling} OR ${shared})` : travelling);
    } else if (shared) where.push(shared);
    // Date-range overlap: the trip ends on/after `from` and starts on/before `to`.
    if (query.from) where.push(`t.end_date >= $${parameters.push(query.from)}`);
    if (query.to) where.push(`t.start_date <= $${parameters.push(query.to)}`);
    if (query.q) {
      const pattern = `$${parameters.push(`%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)}`;
      where.push(`(t.title ILIKE ${pattern} OR t.destination ILIKE ${pattern})`);
    }
    const conditions = where.join(' AND ');
    const direction = query.order === 'desc' ? 'DESC' : 'ASC';
    const [rows, counted] = await Promise.all([
      this.scopedSql<TravellerRow>(
        ctx,
        `SELECT ${this.selectWithTraveller()} FROM ${TRIPS_WITH_TRAVELLER}
          WHERE ${conditions} ORDER BY t.${TRIP_SORTS[query.sort]} ${direction}, t.id ${direction} LIMIT ${query.limit} OFFSET ${query.offset}`,
        parameters,
      ),
      this.scopedSql<{ total: number }>(
        ctx,
        `SELECT COUNT(*)::int AS total FROM trips t WHERE ${conditions}`,
        parameters,
      ),
    ]);
    return [rows.map(withTraveller), counted[0].total];
  }

  /** The trip's columns and its traveller's name (only the id and name, never the whole user). */
  private selectWithTraveller(): string {
    return `${this.selectList('t')}, u.name AS "travellerName", ${CO_TRAVELLERS}, ${COLLABORATOR_IDS}`;
  }

  /** The trips a user travels on (as the lead or a co-traveller), ending on or after `since`, for their calendar feed. */
  listForFeed(ctx: AuthContext, since: string, statuses: TripStatus[]): Promise<Trip[]> {
    return this.query(ctx, 'trip')
      .andWhere(
        `(trip.travellerId = :userId OR EXISTS (SELECT 1 FROM trip_travellers tt
          WHERE tt.trip_id = trip.id AND tt.user_id = :userId AND tt.organization_id = :scopeOrganizationId))`,
        { userId: ctx.userId },
      )
      .andWhere('trip.endDate >= :since AND trip.status IN (:...statuses)', { since, statuses })
      .orderBy('trip.startDate', 'ASC')
      .take(500)
      .getMany();
  }

  /** Compare-and-set on the trip's version (see `compareAndSet`). */
  updateIfVersion(
    ctx: AuthContext,
    id: string,
    expectedVersion: number | undefined,
    changes: TripChanges,
  ): Promise<boolean> {
    return this.compareAndSet(ctx, id, expectedVersion, changes);
  }

  /** Moves the trip from `from` to `to` only if it is still in `from` (concurrent transitions lose). */
  async updateStatusIf(
    ctx: AuthContext,
    id: string,
    from: TripStatus,
    to: TripStatus,
    changes: TripChanges = {},
  ): Promise<boolean> {
    return (
      (await this.updateWhere(ctx, { id, status: from }, { ...changes, status: to, version: () => 'version + 1' })) ===
      1
    );
  }
}

/** Every trip has its traveller (a NOT NULL foreign key), so the join never drops a trip. */
const TRIPS_WITH_TRAVELLER = 'trips t JOIN users u ON u.id = t.traveller_id';

/** Trip `t` has the user `parameter` on it, as its lead or a co-traveller. */
function travelsOn(parameter: string): string {
  return `(t.traveller_id = ${parameter} OR EXISTS (SELECT 1 FROM trip_travellers tt
    WHERE tt.trip_id = t.id AND tt.user_id = ${parameter} AND tt.organization_id = $organization))`;
}

/** Trip `t` is shared with the user `parameter` (docs/collaboration.md). */
function collaboratesOn(parameter: string): string {
  return `EXISTS (SELECT 1 FROM trip_collaborators tc
    WHERE tc.trip_id = t.id AND tc.user_id = ${parameter} AND tc.organization_id = $organization)`;
}

/** The collaborators' ids by role (the access check's input). */
const COLLABORATOR_IDS = (['editor', 'viewer'] as const)
  .map(
    (role) => `ARRAY(SELECT tc.user_id::text FROM trip_collaborators tc
  WHERE tc.trip_id = t.id AND tc.organization_id = $organization AND tc.role = '${role}') AS "${role}Ids"`,
  )
  .join(', ');

/** The co-travellers' ids in order (the access check's input). */
const CO_TRAVELLER_IDS = `ARRAY(SELECT tt.user_id::text FROM trip_travellers tt
  WHERE tt.trip_id = t.id AND tt.organization_id = $organization ORDER BY tt.position) AS "coTravellerIds"`;

/** The co-travellers' ids and names in order, for responses (a handful per trip, from the primary key). */
const CO_TRAVELLERS = `COALESCE((SELECT json_agg(json_build_object('id', cu.id, 'name', cu.name) ORDER BY tt.position)
  FROM trip_travellers tt JOIN users cu ON cu.id = tt.user_id AND cu.organization_id = $organization
  WHERE tt.trip_id = t.id AND tt.organization_id = $organization), '[]'::json) AS "coTravellers"`;

type TravellerRow = Trip & {
  travellerName: string;
  coTravellers: { id: string; name: string }[];
  editorIds: string[];
  viewerIds: string[];
};

function withTraveller({ travellerName, coTravellers, ...trip }: TravellerRow): TripWithTraveller {
  return Object.assign(trip, {
    traveller: { id: trip.travellerId, name: travellerName },
    coTravellers,
    coTravellerIds: coTravellers.map((traveller) => traveller.id),
  });
}
