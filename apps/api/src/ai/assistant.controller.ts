import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthContext } from '../common/auth/auth-context';
import { Auth } from '../common/auth/auth.decorators';
import { ApiAuthenticated } from '../common/http/api-errors.decorator';
import { UuidParamPipe } from '../common/http/validation.pipes';
import { AssistantStatusService } from './assistant-status.service';
import { clientGone } from './client-signal';
import { AssistantStatusResponse } from './dto/ai-admin.dto';
import { DayOptimisationService } from './day-optimisation/day-optimisation.service';
import {
  BriefingDto,
  DayOptimisationDto,
  DayOptimisationResponse,
  SuggestionsDto,
  SuggestionsResponse,
  TripPlanDto,
  TripPlanResponse,
  VerdictExplanationDto,
  VerdictExplanationResponse,
} from './dto/assistant.dto';
import { BriefingsService } from './briefings/briefings.service';
import { TripPlansService } from './trip-plans/trip-plans.service';
import { VerdictExplanationsService } from './verdicts/verdict-explanations.service';
import { SuggestionsService } from './suggestions/suggestions.service';

/** The model routes answer 503 AI_NOT_CONFIGURED without a model, 429 over budget or rate, 502/504 when the model fails. */
const MODEL_ROUTE_ERRORS = [400, 404, 409, 429, 502, 504] as const;

@ApiTags('assistant')
@ApiAuthenticated()
@Controller()
export class AssistantController {
  constructor(
    private readonly statusService: AssistantStatusService,
    private readonly suggestions: SuggestionsService,
    private readonly days: DayOptimisationService,
    private readonly plans: TripPlansService,
    private readonly briefings: BriefingsService,
    private readonly verdicts: VerdictExplanationsService,
  ) {}

  @ApiOperation({ summary: 'Whether the AI assistant is configured, its features and the organization budget' })
  @Get('assistant/status')
  @ApiOkResponse({ type: AssistantStatusResponse })
  status(@Auth() ctx: AuthContext) {
    return this.statusService.status(ctx);
  }

  @ApiOperation({
    summary:
      'Proposed activities for a trip, checked by our rules; nothing is written (accept by POSTing each `activity`)',
  })
  @Post('trips/:tripId/assistant/suggestions')
  @HttpCode(200)
  @ApiAuthenticated(...MODEL_ROUTE_ERRORS)
  @ApiOkResponse({ type: SuggestionsResponse })
  suggest(
    @Auth() ctx: AuthContext,
    @Param('tripId', UuidParamPipe) tripId: string,
    @Body() dto: SuggestionsDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.suggestions.suggest(ctx, tripId, dto, clientGone(reply));
  }

  @ApiOperation({
    summary: "A day's flexible activities reordered to travel less (no model needed); `apply` saves the order",
  })
  @Post('trips/:tripId/assistant/day-optimisations')
  @HttpCode(200)
  @ApiAuthenticated(400, 404, 409, 422)
  @ApiOkResponse({ type: DayOptimisationResponse })
  optimiseDay(
    @Auth() ctx: AuthContext,
    @Param('tripId', UuidParamPipe) tripId: string,
    @Body() dto: DayOptimisationDto,
  ) {
    return this.days.optimise(ctx, tripId, dto);
  }

  @ApiOperation({
    summary: 'A draft trip and itinerary from one sentence; nothing is written (POST the trip, then the activities)',
  })
  @Post('assistant/trip-plans')
  @HttpCode(200)
  @ApiAuthenticated(400, 429, 502, 504)
  @ApiOkResponse({ type: TripPlanResponse })
  plan(@Auth() ctx: AuthContext, @Body() dto: TripPlanDto, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.plans.plan(ctx, dto.sentence, clientGone(reply));
  }

  @ApiOperation({
    summary:
      'A short briefing of one day, streamed as server-sent events: `{"type":"delta","text"}` …, then `{"type":"done"}` or `{"type":"error","code","message"}`',
  })
  @Post('trips/:tripId/assistant/briefings')
  @ApiAuthenticated(400, 404, 429)
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'An event stream; errors known before it starts are JSON', schema: { type: 'string' } })
  async briefing(
    @Auth() ctx: AuthContext,
    @Param('tripId', UuidParamPipe) tripId: string,
    @Body() dto: BriefingDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.briefings.stream(ctx, tripId, dto.date, reply);
  }

  @ApiOperation({
    summary:
      "A policy verdict (the trip's, a booking's or an offer's) explained in plain language from the engine's reasons",
  })
  @Post('trips/:tripId/assistant/verdict-explanations')
  @HttpCode(200)
  @ApiAuthenticated(...MODEL_ROUTE_ERRORS)
  @ApiOkResponse({ type: VerdictExplanationResponse })
  explain(
    @Auth() ctx: AuthContext,
    @Param('tripId', UuidParamPipe) tripId: string,
    @Body() dto: VerdictExplanationDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.verdicts.explain(ctx, tripId, dto, clientGone(reply));
  }
}
