import { Injectable } from '@nestjs/common';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { AuthContext } from '../common/auth/auth-context';
import { TransactionRunner } from '../common/database/transaction-runner';
import { OrganizationScopedRepository } from '../common/tenancy/organization-scoped.repository';
import { ChecklistItem } from './checklist-item.entity';

export type ChecklistItemWithAssignee = ChecklistItem & { assigneeName: string | null };

@Injectable()
export class ChecklistRepository extends OrganizationScopedRepository<ChecklistItem> {
  protected readonly entity = ChecklistItem;
  protected readonly noun = 'Checklist item';

  constructor(db: TransactionRunner) {
    super(db);
  }

  /** The trip's to-dos (or one of them) with the assignee's name, oldest first. */
  listForTrip(ctx: AuthContext, tripId: string, itemId?: string): Promise<ChecklistItemWithAssignee[]> {
    const parameters: unknown[] = [tripId];
    const one = itemId ? `AND ci.id = $${parameters.push(itemId)}` : '';
    return this.scopedSql<ChecklistItemWithAssignee>(
      ctx,
      `SELECT ${this.selectList('ci')}, u.name AS "assigneeName"
         FROM checklist_items ci LEFT JOIN users u ON u.id = ci.assignee_id AND u.organization_id = $organization
        WHERE ci.trip_id = $1 AND ci.organization_id = $organization ${one}
        ORDER BY ci.created_at, ci.id LIMIT 500`,
      parameters,
    );
  }

  updateIfVersion(
    ctx: AuthContext,
    id: string,
    expectedVersion: number | undefined,
    changes: QueryDeepPartialEntity<ChecklistItem>,
  ): Promise<boolean> {
    return this.compareAndSet(ctx, id, expectedVersion, changes);
  }
}
