import { Injectable } from '@nestjs/common';
import { localParts } from '../../activities/activity-time';
import { ActivitiesRepository } from '../../activities/activities.repository';
import { ActivitiesService } from '../../activities/activities.service';
import type { AuthContext } from '../../common/auth/auth-context';
import { DomainError } from '../../common/errors/domain-error';
import { ActivityErrorCode } from '../../common/errors/error-codes';
import { TripAccessService } from '../../trips/trip-access.service';
import type { DayOptimisationDto, DayOptimisationResponse } from '../dto/assistant.dto';
import { optimiseDay } from './day-optimiser';

/**
 * "Optimise the day" (docs/ai.md § 5): no model, so it works without configuration. Proposes the
 * order; with `apply` saves it through the itinerary's own reorder (its rules, its transaction).
 */
@Injectable()
export class DayOptimisationService {
  constructor(
    private readonly access: TripAccessService,
    private readonly activities: ActivitiesRepository,
    private readonly itinerary: ActivitiesService,
  ) {}

  async optimise(ctx: AuthContext, tripId: string, dto: DayOptimisationDto): Promise<DayOptimisationResponse> {
    const trip = await this.access.require(ctx, tripId, dto.apply ? 'edit_itinerary' : 'view');
    if (dto.date < trip.startDate || dto.date > trip.endDate) {
      throw new DomainError(ActivityErrorCode.OutsideTrip, `${dto.date} is not a day of this trip`);
    }
    const all = await this.activities.listForTrip(ctx, tripId);
    // The day an activity belongs to is its start's date in its own zone, as the itinerary shows it.
    const day = all.filter((activity) => localParts(activity.startsAt, activity.timezone).date === dto.date);
    const result = optimiseDay(day);
    const applied = Boolean(dto.apply) && result.moved.length > 0;
    if (applied) {
      const proposed = [...result.activityIds];
      const dayIds = new Set(proposed);
      // The rest of the trip keeps its order; the day's activities take the proposed one.
      await this.itinerary.reorder(
        ctx,
        tripId,
        all.map((activity) => (dayIds.has(activity.id) ? proposed.shift()! : activity.id)),
      );
    }
    return { date: dto.date, ...result, applied };
  }
}
