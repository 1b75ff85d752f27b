import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthContext } from '../common/auth/auth-context';
import { Auth } from '../common/auth/auth.decorators';
import { ApiAuthenticated } from '../common/http/api-errors.decorator';
import { UuidParamPipe } from '../common/http/validation.pipes';
import { AssistantStatusService } from './assistant-status.service';
import { clientGone } from './client-signal';
import { AssistantStatusResponse } from './dto/ai-admin.dto';
import { DayOptimisationService } from './day-optimisation/day-optimisation.service';
import { DayOptimisationDto, DayOptimisationResponse, SuggestionsDto, SuggestionsResponse } from './dto/assistant.dto';
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
}
