import { Injectable, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { localParts } from '../../activities/activity-time';
import { ActivitiesRepository } from '../../activities/activities.repository';
import { detectConflicts, requiredTravelMinutes } from '../../activities/itinerary-conflicts';
import type { AuthContext } from '../../common/auth/auth-context';
import { DomainError } from '../../common/errors/domain-error';
import { ActivityErrorCode, AiErrorCode } from '../../common/errors/error-codes';
import { distanceKm } from '../../places/great-circle';
import { TripAccessService } from '../../trips/trip-access.service';
import { AiCallError } from '../ai-client';
import { clientGone } from '../client-signal';
import { ModelCalls, modelFailure } from '../model-calls';
import { activityData, DATA_NOT_INSTRUCTIONS, dataBlock } from '../trip-prompt';

const NO_USAGE = { inputTokens: 0, outputTokens: 0 };

const SYSTEM = `You are a corporate travel assistant. Write a short briefing of one day of a business trip for
the traveller, in plain sentences (at most 150 words): what happens when (local times as given), how long it
takes to get from place to place, and every conflict listed, flagged clearly. Use only the facts given.
${DATA_NOT_INSTRUCTIONS}`;

/**
 * The daily briefing (docs/ai.md § 3), streamed as server-sent events. What is known before the
 * stream (404, 400, 503, 429) is a normal JSON error; once streaming, a failure is an `error` event.
 * The client going away aborts the model call.
 */
@Injectable()
export class BriefingsService {
  private readonly logger = new Logger('BriefingsService');

  constructor(
    private readonly access: TripAccessService,
    private readonly activities: ActivitiesRepository,
    private readonly calls: ModelCalls,
  ) {}

  async stream(ctx: AuthContext, tripId: string, date: string, reply: FastifyReply): Promise<void> {
    const trip = await this.access.require(ctx, tripId, 'view');
    if (date < trip.startDate || date > trip.endDate) {
      throw new DomainError(ActivityErrorCode.OutsideTrip, `${date} is not a day of this trip`);
    }
    await this.calls.admit(ctx);
    const day = (await this.activities.listForTrip(ctx, tripId)).filter(
      (activity) => localParts(activity.startsAt, activity.timezone).date === date,
    );
    const located = day.flatMap((activity) =>
      activity.latitude !== null && activity.longitude !== null
        ? [{ title: activity.title, latitude: activity.latitude, longitude: activity.longitude }]
        : [],
    );
    const dayData = {
      date,
      destination: trip.destination,
      timezone: trip.timezone ?? 'UTC',
      activities: day.map(activityData),
      travel: located.slice(1).map((to, index) => {
        const km = distanceKm(located[index], to);
        return {
          from: located[index].title,
          to: to.title,
          km: Math.round(km),
          minutes: Math.round(requiredTravelMinutes(km)),
        };
      }),
      conflicts: detectConflicts(day).map((conflict) => conflict.message),
    };

    // From here the answer is an event stream: written to the socket as it comes, past compression.
    const signal = clientGone(reply);
    reply.hijack();
    reply.raw.writeHead(200, {
      ...(reply.getHeaders() as Record<string, string>),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
      'x-request-id': reply.request.id,
    });
    const send = (event: object) => reply.raw.write(`data: ${JSON.stringify(event)}\n\n`);
    try {
      for await (const text of this.calls.text(ctx, 'briefings', {
        system: SYSTEM,
        user: dataBlock('day_data', dayData),
        maxOutputTokens: 600,
        signal,
      })) {
        send({ type: 'delta', text });
      }
      send({ type: 'done' });
    } catch (error) {
      // The status line is sent: whatever failed is told in the stream.
      const failure = error instanceof AiCallError ? error : new AiCallError('error', 'The briefing failed', NO_USAGE);
      if (!(error instanceof AiCallError)) this.logger.error({ err: error }, 'briefing failed');
      if (failure.outcome !== 'cancelled') {
        const { code, message } = modelFailure(failure);
        send({ type: 'error', code: code === AiErrorCode.ModelTimeout ? code : AiErrorCode.ModelError, message });
      }
    } finally {
      reply.raw.end();
    }
  }
}
