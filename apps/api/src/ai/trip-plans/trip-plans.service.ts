import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { AuthContext } from '../../common/auth/auth-context';
import { DomainError } from '../../common/errors/domain-error';
import { AiErrorCode } from '../../common/errors/error-codes';
import { resolveDestination } from '../../places/place-search';
import { CreateTripDto } from '../../trips/dto/trip.dto';
import type { TripPlanResponse } from '../dto/assistant.dto';
import { ModelCalls } from '../model-calls';
import { MAX_PROPOSALS, type Note, plainText, reviewProposals } from '../suggestions/proposal-review';
import { ModelProposal } from '../suggestions/proposal.schema';
import { DATA_NOT_INSTRUCTIONS, dataBlock } from '../trip-prompt';

const ModelTripPlan = z.object({
  title: z.string(),
  destination: z.string().describe('The city, as "City" or "City, Country"'),
  startDate: z.string().describe('YYYY-MM-DD'),
  endDate: z.string().describe('YYYY-MM-DD'),
  purpose: z.string().nullable(),
  proposals: z.array(ModelProposal.nullable().catch(null)),
});

/** A plan longer than this is cut to it (a note says so). */
const MAX_TRIP_DAYS = 30;

const SYSTEM = `You are a corporate travel assistant. From one sentence you draft a business trip: a short
title, the destination city, the dates (resolve words like "Monday" from today's date given), the purpose,
and up to ${MAX_PROPOSALS / 2} activities in the destination's local time (meetings named in the sentence,
meals, transport from the airport).
${DATA_NOT_INSTRUCTIONS}`;

/**
 * "Plan a trip from a sentence" (docs/ai.md § 2): a draft trip body (destination resolved through our
 * places data, never the model's coordinates) and draft activities checked by the suggestion rules.
 * Nothing is written: the web app posts the trip, then the accepted activities.
 */
@Injectable()
export class TripPlansService {
  constructor(private readonly calls: ModelCalls) {}

  async plan(ctx: AuthContext, sentence: string, signal?: AbortSignal, today = new Date()): Promise<TripPlanResponse> {
    const todayIso = today.toISOString().slice(0, 10);
    const answer = await this.calls.structured(ctx, 'trip_plans', {
      system: SYSTEM,
      user: `Today is ${DateTime.fromISO(todayIso).toFormat('cccc, yyyy-MM-dd')}.\n\n${dataBlock('request', sentence)}`,
      schema: ModelTripPlan,
      schemaName: 'trip_plan',
      maxOutputTokens: 3000,
      signal,
    });
    const notes: Note[] = [];
    const { startDate, endDate } = planDates(answer.startDate, answer.endDate, todayIso, notes);
    const destinationText = plainText(answer.destination).slice(0, 200);
    const place = resolveDestination(destinationText) ?? resolveDestination(destinationText.split(',')[0]);
    if (!place) {
      notes.push({
        code: 'DESTINATION_UNRESOLVED',
        message: `"${destinationText}" is not a place our data names clearly: pick it from the list`,
      });
    }
    const trip = {
      title: plainText(answer.title).slice(0, 200) || `Trip to ${place?.name ?? destinationText}`,
      destination: place?.name ?? (destinationText || 'Unknown'),
      ...(place
        ? {
            destinationCountry: place.country,
            timezone: place.timezone,
            latitude: place.latitude,
            longitude: place.longitude,
          }
        : {}),
      startDate,
      endDate,
      ...(answer.purpose ? { purpose: plainText(answer.purpose, true).slice(0, 2000) } : {}),
    };
    // The same validation as a person's POST /api/trips.
    if (
      validateSync(plainToInstance(CreateTripDto, trip), { whitelist: true, forbidNonWhitelisted: true }).length > 0
    ) {
      throw new DomainError(AiErrorCode.ModelError, 'The model did not draft a usable trip; try rephrasing');
    }
    const review = reviewProposals(answer.proposals, {
      trip: {
        startDate,
        endDate,
        timezone: place?.timezone ?? 'UTC',
        latitude: place?.latitude ?? null,
        longitude: place?.longitude ?? null,
      },
      existing: [],
    });
    return {
      trip,
      destination: place
        ? {
            name: place.name,
            countryCode: place.countryCode,
            latitude: place.latitude,
            longitude: place.longitude,
            timezone: place.timezone,
          }
        : null,
      ...review,
      notes,
      model: this.calls.model!,
    };
  }
}

const isDate = (text: string) => /^\d{4}-\d{2}-\d{2}$/.test(text) && DateTime.fromISO(text).isValid;

/** The model's dates made sane: real dates, in order, not in the past, at most MAX_TRIP_DAYS. */
function planDates(start: string, end: string, today: string, notes: Note[]): { startDate: string; endDate: string } {
  if (!isDate(start) || !isDate(end)) {
    throw new DomainError(AiErrorCode.ModelError, 'The model gave no usable dates; say when the trip is');
  }
  const startDate = start <= end ? start : end;
  let endDate = start <= end ? end : start;
  if (start > end) notes.push({ code: 'DATES_SWAPPED', message: 'The end came before the start: they were swapped' });
  if (startDate < today) {
    throw new DomainError(
      AiErrorCode.ModelError,
      `The model planned the trip in the past (${startDate}); say when it is`,
    );
  }
  const last = DateTime.fromISO(startDate)
    .plus({ days: MAX_TRIP_DAYS - 1 })
    .toISODate()!;
  if (endDate > last) {
    endDate = last;
    notes.push({ code: 'TRIP_SHORTENED', message: `A draft covers at most ${MAX_TRIP_DAYS} days` });
  }
  return { startDate, endDate };
}
