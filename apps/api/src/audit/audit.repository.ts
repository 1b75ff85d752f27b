import { Injectable } from '@nestjs/common';
import { In, type SelectQueryBuilder } from 'typeorm';
import type { AuthContext } from '../common/auth/auth-context';
import { TransactionRunner } from '../common/database/transaction-runner';
import { OrganizationScopedRepository } from '../common/tenancy/organization-scoped.repository';
import { Trip } from '../trips/trip.entity';
import { User } from '../users/user.entity';
import { AuditEvent } from './audit-event.entity';
import type { AuditFilter, AuditQuery } from './dto/audit.dto';

/** An event with the names of who did it and what it is about, as they are now. */
export interface NamedAuditEvent {
  event: AuditEvent;
  actorName: string | null;
  entityName: string | null;
}

@Injectable()
export class AuditRepository extends OrganizationScopedRepository<AuditEvent> {
  protected readonly entity = AuditEvent;
  protected readonly noun = 'Audit event';

  constructor(db: TransactionRunner) {
    super(db);
  }

  /** Records what the caller did, once per domain event: a redelivery (same `eventId`) adds nothing. */
  async record(
    ctx: AuthContext,
    event: Pick<AuditEvent, 'eventId' | 'action' | 'entityType' | 'entityId' | 'data' | 'createdAt'>,
  ): Promise<void> {
    await this.insertMany(ctx, [{ ...event, actorId: ctx.userId }], 'ignore');
  }

  async search(ctx: AuthContext, query: AuditQuery): Promise<[NamedAuditEvent[], number]> {
    const [events, total] = await this.filtered(ctx, query).skip(query.offset).take(query.limit).getManyAndCount();
    return [await this.named(ctx, events), total];
  }

  count(ctx: AuthContext, filter: AuditFilter): Promise<number> {
    return this.filtered(ctx, filter).getCount();
  }

  /**
   * Every matching event, newest first, read in batches by keyset (created_at, id) so that a large
   * log is never held in memory at once nor re-sorted per page.
   */
  async *each(ctx: AuthContext, filter: AuditFilter, batchSize = 1000): AsyncGenerator<NamedAuditEvent> {
    let after: AuditEvent | undefined;
    for (;;) {
      const builder = this.filtered(ctx, filter);
      if (after) {
        // The cursor row's own timestamp, from the database: a JS Date would drop the microseconds.
        builder.andWhere(
          '(event.createdAt, event.id) < (SELECT created_at, id FROM audit_events WHERE id = :afterId)',
          { afterId: after.id },
        );
      }
      const events = await builder.limit(batchSize).getMany();
      yield* await this.named(ctx, events);
      if (events.length < batchSize) return;
      after = events[events.length - 1];
    }
  }

  private filtered(ctx: AuthContext, filter: AuditFilter): SelectQueryBuilder<AuditEvent> {
    const builder = this.query(ctx, 'event');
    if (filter.entityType) builder.andWhere('event.entityType = :entityType', { entityType: filter.entityType });
    if (filter.entityId) builder.andWhere('event.entityId = :entityId', { entityId: filter.entityId });
    if (filter.actorId) builder.andWhere('event.actorId = :actorId', { actorId: filter.actorId });
    if (filter.action) builder.andWhere('event.action = :action', { action: filter.action });
    if (filter.from) builder.andWhere('event.createdAt >= :from', { from: filter.from });
    if (filter.to) builder.andWhere('event.createdAt < :to', { to: filter.to });
    return builder.orderBy('event.createdAt', 'DESC').addOrderBy('event.id', 'DESC');
  }

  /**
   * Names the actors and objects of a batch in two queries (the caller's organization only). A
   * deleted trip keeps the title its event recorded; an object that no longer exists has no name.
   */
  private async named(ctx: AuthContext, events: AuditEvent[]): Promise<NamedAuditEvent[]> {
    const idsOf = (type: string) => events.filter((event) => event.entityType === type).map((event) => event.entityId);
    const userIds = [...new Set([...events.map((event) => event.actorId), ...idsOf('user')])];
    const tripIds = [...new Set(idsOf('trip'))];
    // One after the other: inside a transaction both would share one connection.
    const users = userIds.length ? await this.findOwned(ctx, User, { id: In(userIds) }, { id: true, name: true }) : [];
    const trips = tripIds.length ? await this.findOwned(ctx, Trip, { id: In(tripIds) }, { id: true, title: true }) : [];
    const userNames = new Map(users.map((user) => [user.id, user.name]));
    const tripTitles = new Map(trips.map((trip) => [trip.id, trip.title]));
    return events.map((event) => ({
      event,
      actorName: userNames.get(event.actorId) ?? null,
      entityName: entityName(event, userNames, tripTitles),
    }));
  }
}

function entityName(event: AuditEvent, userNames: Map<string, string>, tripTitles: Map<string, string>): string | null {
  const recorded = (key: string) => (typeof event.data[key] === 'string' ? (event.data[key] as string) : null);
  if (event.entityType === 'trip') return tripTitles.get(event.entityId) ?? recorded('title');
  if (event.entityType === 'user') return userNames.get(event.entityId) ?? recorded('name');
  if (event.entityType === 'invitation') return recorded('email');
  if (event.entityType === 'policy') return 'Travel policy';
  return null;
}
