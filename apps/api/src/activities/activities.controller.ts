import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthContext } from '../common/auth/auth-context';
import { Auth } from '../common/auth/auth.decorators';
import { ApiAuthenticated } from '../common/http/api-errors.decorator';
import { versionFrom } from '../common/http/if-match';
import { ActivitiesService } from './activities.service';
import {
  ActivityResponse,
  CreateActivityDto,
  ItineraryResponse,
  ReorderActivitiesDto,
  UpdateActivityDto,
} from './dto/activity.dto';
import { UuidParamPipe } from '../common/http/validation.pipes';

@ApiTags('activities')
@ApiAuthenticated(400, 404)
@Controller()
export class ActivitiesController {
  constructor(private readonly activities: ActivitiesService) {}

  @ApiOperation({ summary: "A trip's itinerary with its conflicts" })
  @Get('trips/:tripId/activities')
  @ApiOkResponse({ type: ItineraryResponse, description: 'The itinerary in order, with its conflicts' })
  list(@Auth() ctx: AuthContext, @Param('tripId', UuidParamPipe) tripId: string) {
    return this.activities.itinerary(ctx, tripId);
  }

  @ApiOperation({ summary: 'Add an activity to a trip' })
  @Post('trips/:tripId/activities')
  @ApiAuthenticated(409, 422)
  @ApiCreatedResponse({ type: ActivityResponse })
  create(@Auth() ctx: AuthContext, @Param('tripId', UuidParamPipe) tripId: string, @Body() dto: CreateActivityDto) {
    return this.activities.create(ctx, tripId, dto);
  }

  @ApiOperation({ summary: "Set the manual order of a trip's activities" })
  @Put('trips/:tripId/activities/order')
  @ApiAuthenticated(409, 422)
  @ApiOkResponse({ type: ItineraryResponse })
  reorder(@Auth() ctx: AuthContext, @Param('tripId', UuidParamPipe) tripId: string, @Body() dto: ReorderActivitiesDto) {
    return this.activities.reorder(ctx, tripId, dto.activityIds);
  }

  @ApiOperation({ summary: 'Edit an activity' })
  @Patch('activities/:id')
  @ApiAuthenticated(409, 422)
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The version you read (alternative to `version` in the body)',
  })
  @ApiOkResponse({ type: ActivityResponse })
  update(
    @Auth() ctx: AuthContext,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateActivityDto,
    @Headers('if-match') ifMatch?: string,
  ) {
    return this.activities.update(ctx, id, { ...dto, version: versionFrom(dto.version, ifMatch, 'activity') });
  }

  @ApiOperation({ summary: 'Delete an activity' })
  @Delete('activities/:id')
  @HttpCode(204)
  @ApiAuthenticated(409)
  @ApiNoContentResponse()
  remove(@Auth() ctx: AuthContext, @Param('id', UuidParamPipe) id: string) {
    return this.activities.remove(ctx, id);
  }
}
