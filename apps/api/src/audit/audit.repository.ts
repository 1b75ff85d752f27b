import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../common/auth/auth-context';
import { TransactionRunner } from '../common/database/transaction-runner';
import { OrganizationScopedRepository } from '../common/tenancy/organization-scoped.repository';
import { AuditEvent } from './audit-event.entity';
import type { AuditQuery } from './dto/audit.dto';

@Injectable()
export class AuditRepository extends OrganizationScopedRepository<AuditEvent> {
  protected readonly entity = AuditEvent;
  protected readonly noun = 'Audit event';

  constructor(db: TransactionRunner) {
    super(db);
  }

  async record(ctx: AuthContext, event: Pick<AuditEvent, 'action' | 'entityType' | 'entityId' | 'data'>): Promise<void> {
    await this.repository.save(this.repository.create({ ...event, actorId: ctx.userId, organizationId: ctx.organizationId }));
  }

  search(ctx: AuthContext, query: AuditQuery): Promise<[AuditEvent[], number]> {
    const builder = this.query(ctx, 'event');
    if (query.entityType) builder.andWhere('event.entityType = :entityType', { entityType: query.entityType });
    if (query.entityId) builder.andWhere('event.entityId = :entityId', { entityId: query.entityId });
    if (query.actorId) builder.andWhere('event.actorId = :actorId', { actorId: query.actorId });
    if (query.action) builder.andWhere('event.action = :action', { action: query.action });
    if (query.from) builder.andWhere('event.createdAt >= :from', { from: query.from });
    if (query.to) builder.andWhere('event.createdAt < :to', { to: query.to });
    return builder.orderBy('event.createdAt', 'DESC').addOrderBy('event.id', 'DESC').skip(query.offset).take(query.limit).getManyAndCount();
  }
}
