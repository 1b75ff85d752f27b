import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { BookingsService } from '../../booking/bookings.service';
import type { AuthContext } from '../../common/auth/auth-context';
import { NotFoundError } from '../../common/errors/domain-error';
import { FlightSearchesService } from '../../flights/search/flight-searches.service';
import type { PolicyReason, Verdict } from '../../policy/policy-verdict';
import { TripPolicyService } from '../../policy/trip-policy.service';
import { TripAccessService } from '../../trips/trip-access.service';
import type { VerdictExplanationDto, VerdictExplanationResponse } from '../dto/assistant.dto';
import { ModelCalls } from '../model-calls';
import { plainText } from '../suggestions/proposal-review';
import { DATA_NOT_INSTRUCTIONS, dataBlock } from '../trip-prompt';

const MAX_EXPLANATION = 1200;

const SYSTEM = `You explain a travel-policy verdict to a traveller or an approver in plain language (at most
120 words). The verdict and its reasons come from the organization's policy engine and are final: explain
them, in order, with their limits and actual values, and what would bring the item within policy. Do not
add rules, judge anything yourself, or change the verdict.
${DATA_NOT_INSTRUCTIONS}`;

const WHAT = { trip: 'the trip', booking: 'the booked flight', offer: 'the flight offer' } as const;

/**
 * "Explain a verdict" (docs/ai.md § 4): the engine decides, the model only words it. The verdict and
 * reasons in the answer are the engine's, unchanged; an in-policy verdict without reasons needs no model.
 */
@Injectable()
export class VerdictExplanationsService {
  constructor(
    private readonly access: TripAccessService,
    private readonly tripPolicy: TripPolicyService,
    private readonly bookings: BookingsService,
    private readonly flights: FlightSearchesService,
    private readonly calls: ModelCalls,
  ) {}

  async explain(
    ctx: AuthContext,
    tripId: string,
    dto: VerdictExplanationDto,
    signal?: AbortSignal,
  ): Promise<VerdictExplanationResponse> {
    const { subject, verdict, reasons } = await this.verdictOf(ctx, tripId, dto);
    this.calls.assertConfigured();
    if (reasons.length === 0) {
      return {
        verdict,
        reasons,
        explanation: `${capitalised(WHAT[subject])} is within every rule of your organization's travel policy.`,
      };
    }
    const answer = await this.calls.structured(ctx, 'verdict_explanations', {
      system: SYSTEM,
      user: dataBlock('verdict_data', {
        subject: WHAT[subject],
        verdict,
        reasons: reasons.map(({ rule, message, limit, actual, unit, overridable }) => ({
          rule,
          message,
          limit,
          actual,
          unit,
          overridable,
        })),
      }),
      schema: z.object({ explanation: z.string() }),
      schemaName: 'verdict_explanation',
      maxOutputTokens: 400,
      signal,
    });
    const text = plainText(answer.explanation, true);
    return {
      verdict,
      reasons,
      explanation:
        text.length > MAX_EXPLANATION
          ? `${text.slice(0, MAX_EXPLANATION - 1)}…`
          : text || reasons.map((r) => r.message).join(' '),
    };
  }

  /** The engine's verdict on the booking, the offer, or else the trip (stored at submission, judged now before). */
  private async verdictOf(
    ctx: AuthContext,
    tripId: string,
    dto: VerdictExplanationDto,
  ): Promise<{ subject: keyof typeof WHAT; verdict: Verdict; reasons: PolicyReason[] }> {
    const trip = await this.access.require(ctx, tripId, 'view');
    if (dto.bookingId) {
      const booking = await this.bookings.get(ctx, dto.bookingId);
      if (booking.tripId !== tripId) throw new NotFoundError('Booking');
      return { subject: 'booking', verdict: booking.policy.verdict, reasons: booking.policy.reasons };
    }
    if (dto.offerId) {
      const { offer, search } = await this.flights.storedOffer(ctx, dto.offerId);
      if (search.tripId !== tripId) throw new NotFoundError('Offer');
      return { subject: 'offer', verdict: offer.verdict, reasons: offer.reasons };
    }
    if (trip.policyVerdict !== null) {
      return { subject: 'trip', verdict: trip.policyVerdict, reasons: trip.policyReasons ?? [] };
    }
    const { verdict } = await this.tripPolicy.judge(ctx, trip, null);
    return { subject: 'trip', verdict: verdict.verdict, reasons: verdict.reasons };
  }
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
