import { Injectable } from '@nestjs/common';
import { ActivitiesRepository } from '../../activities/activities.repository';
import type { AuthContext } from '../../common/auth/auth-context';
import { DomainError } from '../../common/errors/domain-error';
import { ActivityErrorCode } from '../../common/errors/error-codes';
import { TravelPoliciesRepository } from '../../policy/travel-policies.repository';
import { TripAccessService } from '../../trips/trip-access.service';
import type { SuggestionsDto, SuggestionsResponse } from '../dto/assistant.dto';
import { ModelCalls } from '../model-calls';
import { DATA_NOT_INSTRUCTIONS, dataBlock, tripData } from '../trip-prompt';
import { MAX_PROPOSALS, reviewProposals } from './proposal-review';
import { ModelProposals, PROPOSALS_SCHEMA_NAME } from './proposal.schema';

const SYSTEM = `You are a corporate travel assistant. You propose activities for one business trip: meals, sights,
meetings, transport. Each proposal fits the trip's purpose, lies within its dates and near its destination, fits
around the activities already planned (no overlaps, time to travel between places), respects the policy's limits,
and gives local times in the destination's zone. Propose at most ${MAX_PROPOSALS / 2} activities.
${DATA_NOT_INSTRUCTIONS}`;

/**
 * "Suggest activities" (docs/ai.md § 1): the model sees only the caller's own trip, and everything
 * it proposes passes our own rules before it is shown. Nothing is written here: accepting is the
 * web app posting each chosen `activity` to the normal activities route.
 */
@Injectable()
export class SuggestionsService {
  constructor(
    private readonly access: TripAccessService,
    private readonly activities: ActivitiesRepository,
    private readonly policies: TravelPoliciesRepository,
    private readonly calls: ModelCalls,
  ) {}

  async suggest(
    ctx: AuthContext,
    tripId: string,
    dto: SuggestionsDto,
    signal?: AbortSignal,
  ): Promise<SuggestionsResponse> {
    const trip = await this.access.require(ctx, tripId, 'edit_itinerary');
    if (dto.date && (dto.date < trip.startDate || dto.date > trip.endDate)) {
      throw new DomainError(ActivityErrorCode.OutsideTrip, `${dto.date} is not a day of this trip`);
    }
    const [activities, policy] = await Promise.all([this.activities.listForTrip(ctx, tripId), this.policies.get(ctx)]);
    const ask = dto.date ? `Propose activities for ${dto.date} only.` : 'Propose activities for the trip.';
    const answer = await this.calls.structured(ctx, 'suggestions', {
      system: SYSTEM,
      user: [
        ask,
        dataBlock('trip_data', tripData(trip, activities, policy)),
        ...(dto.request ? ['What the traveller asks for:', dataBlock('request', dto.request)] : []),
      ].join('\n\n'),
      schema: ModelProposals,
      schemaName: PROPOSALS_SCHEMA_NAME,
      maxOutputTokens: 3000,
      signal,
    });
    const review = reviewProposals(answer.proposals, {
      trip: {
        startDate: trip.startDate,
        endDate: trip.endDate,
        timezone: trip.timezone ?? 'UTC',
        latitude: trip.latitude,
        longitude: trip.longitude,
      },
      existing: activities,
      date: dto.date,
    });
    return { ...review, model: this.calls.model! };
  }
}
