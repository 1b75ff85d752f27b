import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../common/auth/auth-context';
import { TransactionRunner } from '../common/database/transaction-runner';
import { StaleVersionError } from '../common/errors/domain-error';
import { DomainEvents } from '../events/domain-events';
import type { TripWithTravellerIds } from '../trips/trip.entity';
import { TripAccessService } from '../trips/trip-access.service';
import type { ChecklistItem } from './checklist-item.entity';
import { type ChecklistItemWithAssignee, ChecklistRepository } from './checklist.repository';
import type {
  ChecklistItemResponse,
  ChecklistResponse,
  CreateChecklistItemDto,
  UpdateChecklistItemDto,
} from './dto/checklist.dto';

/**
 * A trip's checklist (docs/collaboration.md): planned by whoever may edit its itinerary (its
 * managers and editor collaborators), while it is open; an assignee may tick off their own to-do
 * whenever they can see the trip. Writes are compare-and-set on `version`, as for activities.
 */
@Injectable()
export class ChecklistService {
  constructor(
    private readonly db: TransactionRunner,
    private readonly access: TripAccessService,
    private readonly checklist: ChecklistRepository,
    private readonly events: DomainEvents,
  ) {}

  async list(ctx: AuthContext, tripId: string): Promise<ChecklistResponse> {
    await this.access.require(ctx, tripId, 'view');
    return { items: (await this.checklist.listForTrip(ctx, tripId)).map(toChecklistItemResponse) };
  }

  create(ctx: AuthContext, tripId: string, dto: CreateChecklistItemDto): Promise<ChecklistItemResponse> {
    return this.db.run(async () => {
      const trip = await this.access.require(ctx, tripId, 'edit_itinerary');
      if (dto.assigneeId) await this.access.requireViewers(ctx, trip, [dto.assigneeId]);
      const saved = await this.checklist.insert(ctx, {
        tripId,
        title: dto.title,
        assigneeId: dto.assigneeId ?? null,
        dueDate: dto.dueDate ?? null,
        createdById: ctx.userId,
      });
      await this.publish(ctx, trip, saved, 'created', saved.assigneeId);
      return this.read(ctx, tripId, saved.id);
    });
  }

  update(ctx: AuthContext, id: string, dto: UpdateChecklistItemDto): Promise<ChecklistItemResponse> {
    return this.db.run(async () => {
      const current = await this.checklist.getById(ctx, id);
      const { version, ...fields } = dto;
      const changes = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Omit<
        UpdateChecklistItemDto,
        'version'
      >;
      const keys = Object.keys(changes);
      const onlyTicking = keys.length === 1 && keys[0] === 'done' && current.assigneeId === ctx.userId;
      const trip = await this.access.require(ctx, current.tripId, onlyTicking ? 'view' : 'edit_itinerary');
      if (changes.assigneeId) await this.access.requireViewers(ctx, trip, [changes.assigneeId]);
      if (!(await this.checklist.updateIfVersion(ctx, id, version, changes))) {
        throw new StaleVersionError('to-do', version, (await this.checklist.getById(ctx, id)).version);
      }
      const updated = await this.checklist.getById(ctx, id);
      const assignedTo = changes.assigneeId && changes.assigneeId !== current.assigneeId ? changes.assigneeId : null;
      await this.publish(ctx, trip, updated, 'updated', assignedTo);
      return this.read(ctx, current.tripId, id);
    });
  }

  remove(ctx: AuthContext, id: string): Promise<void> {
    return this.db.run(async () => {
      const item = await this.checklist.getById(ctx, id);
      const trip = await this.access.require(ctx, item.tripId, 'edit_itinerary');
      await this.checklist.deleteById(ctx, id);
      await this.publish(ctx, trip, item, 'deleted', null);
    });
  }

  private async read(ctx: AuthContext, tripId: string, id: string): Promise<ChecklistItemResponse> {
    const [item] = await this.checklist.listForTrip(ctx, tripId, id);
    return toChecklistItemResponse(item);
  }

  private publish(
    ctx: AuthContext,
    trip: TripWithTravellerIds,
    item: ChecklistItem,
    change: 'created' | 'updated' | 'deleted',
    assignedTo: string | null,
  ): Promise<void> {
    return this.events.publish(ctx, 'checklist.updated', {
      tripId: trip.id,
      tripTitle: trip.title,
      itemId: item.id,
      change,
      version: item.version,
      title: item.title,
      // Assigning a to-do to oneself notifies nobody.
      ...(assignedTo && assignedTo !== ctx.userId ? { assignedTo } : {}),
    });
  }
}

function toChecklistItemResponse(item: ChecklistItemWithAssignee): ChecklistItemResponse {
  return {
    id: item.id,
    tripId: item.tripId,
    title: item.title,
    assignee: item.assigneeId ? { id: item.assigneeId, name: item.assigneeName ?? '' } : null,
    dueDate: item.dueDate,
    done: item.done,
    version: item.version,
    createdAt: new Date(item.createdAt).toISOString(),
    updatedAt: new Date(item.updatedAt).toISOString(),
  };
}
