import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../common/auth/auth-context';
import { TransactionRunner } from '../common/database/transaction-runner';
import { StaleVersionError } from '../common/errors/domain-error';
import { DomainEvents } from '../events/domain-events';
import { TripAccessService } from '../trips/trip-access.service';
import type { TripNotesResponse } from './dto/trip-notes.dto';
import { TripNotesRepository } from './trip-notes.repository';

/** A trip's shared notes: read with the trip (`view`), written by whoever edits its itinerary. */
@Injectable()
export class TripNotesService {
  constructor(
    private readonly db: TransactionRunner,
    private readonly access: TripAccessService,
    private readonly notes: TripNotesRepository,
    private readonly events: DomainEvents,
  ) {}

  async read(ctx: AuthContext, tripId: string): Promise<TripNotesResponse> {
    await this.access.require(ctx, tripId, 'view');
    return this.current(ctx, tripId);
  }

  write(ctx: AuthContext, tripId: string, body: string, version: number | undefined): Promise<TripNotesResponse> {
    return this.db.run(async () => {
      await this.access.require(ctx, tripId, 'edit_itinerary', { lock: true });
      if (!(await this.notes.write(ctx, tripId, body, version))) {
        throw new StaleVersionError('trip note', version, (await this.notes.forTrip(ctx, tripId))?.version ?? 0);
      }
      const notes = await this.current(ctx, tripId);
      await this.events.publish(ctx, 'notes.updated', { tripId, version: notes.version });
      return notes;
    });
  }

  private async current(ctx: AuthContext, tripId: string): Promise<TripNotesResponse> {
    const notes = await this.notes.forTrip(ctx, tripId);
    return {
      tripId,
      body: notes?.body ?? '',
      version: notes?.version ?? 0,
      updatedBy: notes?.updatedById ? { id: notes.updatedById, name: notes.editorName ?? '' } : null,
      updatedAt: notes ? new Date(notes.updatedAt).toISOString() : null,
    };
  }
}
