import { Injectable } from '@nestjs/common';
import { SelectQueryBuilder } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { AuthContext } from '../common/auth/auth-context';
import { TransactionRunner } from '../common/database/transaction-runner';
import { NotFoundError } from '../common/errors/domain-error';
import { OrganizationScopedRepository } from '../common/tenancy/organization-scoped.repository';
import { TRIP_SORTS, TripQuery } from './dto/trip.dto';
import { Trip, TripWithTraveller } from './trip.entity';
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

  /** The caller's organization, narrowed by the access table's `view` rule (a traveller: their own trips). */
  private visible(ctx: AuthContext, alias = 'trip'): SelectQueryBuilder<Trip> {
    const query = this.query(ctx, alias);
    const travellerId = visibleTravellerId(ctx);
    if (travellerId) query.andWhere(`${alias}.travellerId = :scopeTravellerId`, { scopeTravellerId: travellerId });
    return query;
  }

  async getVisible(ctx: AuthContext, id: string, options: { lock?: boolean } = {}): Promise<Trip> {
    const query = this.visible(ctx).andWhere('trip.id = :id', { id });
    if (options.lock) query.setLock('pessimistic_write');
    const trip = await query.getOne();
    if (!trip) throw new NotFoundError('Trip');
    return trip;
  }

  /** As `getVisible`, with the traveller's id and name joined for the response (never locked). */
  async getVisibleWithTraveller(ctx: AuthContext, id: string): Promise<TripWithTraveller> {
    const trip = await withTraveller(this.visible(ctx).andWhere('trip.id = :id', { id })).getOne();
    if (!trip) throw new NotFoundError('Trip');
    return trip as TripWithTraveller;
  }

  /**
   * A page of the trips the caller may see, and how many match. The hottest read of the API, so it
   * is plain SQL mapped straight to the response (no query builder, no entity hydration;
   * docs/performance.md); the page and a plain COUNT(*) run side by side on two pooled connections.
   */
  async list(ctx: AuthContext, query: TripQuery): Promise<[TripWithTraveller[], number]> {
    const parameters: unknown[] = [];
    const where = ['t.organization_id = $organization'];
    const travellerId = visibleTravellerId(ctx);
    if (travellerId) where.push(`t.traveller_id = $${parameters.push(travellerId)}`);
    if (query.status?.length) where.push(`t.status = ANY($${parameters.push(query.status)}::trip_status[])`);
    if (query.travellerId) where.push(`t.traveller_id = $${parameters.push(query.travellerId)}`);
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
      this.scopedSql<Trip & { travellerName: string }>(
        ctx,
        `SELECT ${this.selectList('t')}, u.name AS "travellerName" FROM trips t JOIN users u ON u.id = t.traveller_id
          WHERE ${conditions} ORDER BY t.${TRIP_SORTS[query.sort]} ${direction}, t.id ${direction} LIMIT ${query.limit} OFFSET ${query.offset}`,
        parameters,
      ),
      this.scopedSql<{ total: number }>(ctx, `SELECT COUNT(*)::int AS total FROM trips t WHERE ${conditions}`, parameters),
    ]);
    const trips = rows.map(({ travellerName, ...trip }) => Object.assign(trip, { traveller: { id: trip.travellerId, name: travellerName } }));
    return [trips, counted[0].total];
  }

  /** The trips a user travels on, ending on or after `since`, for their calendar feed. */
  listForFeed(ctx: AuthContext, since: string, statuses: TripStatus[]): Promise<Trip[]> {
    return this.query(ctx, 'trip')
      .andWhere('trip.travellerId = :userId AND trip.endDate >= :since AND trip.status IN (:...statuses)', { userId: ctx.userId, since, statuses })
      .orderBy('trip.startDate', 'ASC')
      .take(500)
      .getMany();
  }

  /** Compare-and-set on the trip's version (see `compareAndSet`). */
  updateIfVersion(ctx: AuthContext, id: string, expectedVersion: number | undefined, changes: TripChanges): Promise<boolean> {
    return this.compareAndSet(ctx, id, expectedVersion, changes);
  }

  /** Moves the trip from `from` to `to` only if it is still in `from` (concurrent transitions lose). */
  async updateStatusIf(ctx: AuthContext, id: string, from: TripStatus, to: TripStatus, changes: TripChanges = {}): Promise<boolean> {
    return (await this.updateWhere(ctx, { id, status: from }, { ...changes, status: to, version: () => 'version + 1' })) === 1;
  }
}

/** Joins the traveller's id and name only (one join, no per-trip look-up; never the whole user). */
function withTraveller(query: SelectQueryBuilder<Trip>): SelectQueryBuilder<Trip> {
  return query.leftJoin('trip.traveller', 'traveller').addSelect(['traveller.id', 'traveller.name']);
}
