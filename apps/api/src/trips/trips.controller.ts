import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
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
import {
  CreateTripDto,
  SubmitTripDto,
  TransitionDto,
  TripQuery,
  TripResponse,
  TripsPage,
  UpdateTripDto,
} from './dto/trip.dto';
import { TripDetailResponse } from './dto/trip-decision.dto';
import { TripsService } from './trips.service';
import { UuidParamPipe } from '../common/http/validation.pipes';

const IdParam = () => Param('id', UuidParamPipe);

@ApiTags('trips')
@ApiAuthenticated()
@Controller('trips')
export class TripsController {
  constructor(private readonly trips: TripsService) {}

  @ApiOperation({ summary: 'List trips the caller may see' })
  @Get()
  @ApiAuthenticated(400)
  @ApiOkResponse({
    type: TripsPage,
    description: "Travellers see their own trips; managers and admins the organization's",
  })
  list(@Auth() ctx: AuthContext, @Query() query: TripQuery) {
    return this.trips.list(ctx, query);
  }

  @ApiOperation({ summary: 'Create a trip' })
  @Post()
  @ApiAuthenticated(400, 403, 422)
  @ApiCreatedResponse({ type: TripResponse })
  create(@Auth() ctx: AuthContext, @Body() dto: CreateTripDto) {
    return this.trips.create(ctx, dto);
  }

  @ApiOperation({ summary: 'A trip' })
  @Get(':id')
  @ApiAuthenticated(400, 404)
  @ApiOkResponse({ type: TripDetailResponse, description: 'With when it was last submitted and its last decision' })
  get(@Auth() ctx: AuthContext, @IdParam() id: string) {
    return this.trips.get(ctx, id);
  }

  @ApiOperation({ summary: 'Edit a draft trip' })
  @Patch(':id')
  @ApiAuthenticated(400, 404, 409)
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The version you read (alternative to `version` in the body)',
  })
  @ApiOkResponse({ type: TripResponse })
  update(
    @Auth() ctx: AuthContext,
    @IdParam() id: string,
    @Body() dto: UpdateTripDto,
    @Headers('if-match') ifMatch?: string,
  ) {
    return this.trips.update(ctx, id, { ...dto, version: versionFrom(dto.version, ifMatch, 'trip') });
  }

  @ApiOperation({ summary: 'Delete a trip' })
  @Delete(':id')
  @HttpCode(204)
  @ApiAuthenticated(400, 404, 409)
  @ApiNoContentResponse({ description: 'Deleted with its activities (draft, rejected or cancelled trips)' })
  remove(@Auth() ctx: AuthContext, @IdParam() id: string) {
    return this.trips.remove(ctx, id);
  }

  @ApiOperation({ summary: 'Submit a trip for approval' })
  @Post(':id/submit')
  @HttpCode(200)
  @ApiAuthenticated(400, 404, 409, 422)
  @ApiOkResponse({
    type: TripResponse,
    description:
      'draft → submitted, judged against the travel policy (the verdict is stored and returned as `policy`); approvers are e-mailed, or the trip is approved at once when it is in policy and the organization auto-approves. A blocked verdict is a 422 POLICY_BLOCKED',
  })
  submit(@Auth() ctx: AuthContext, @IdParam() id: string, @Body() dto: SubmitTripDto) {
    return this.trips.step(ctx, id, 'submit', dto.reason, dto.reasonCode);
  }

  @ApiOperation({ summary: 'Approve a submitted trip' })
  @Post(':id/approve')
  @HttpCode(200)
  @ApiAuthenticated(400, 403, 404, 409)
  @ApiOkResponse({
    type: TripResponse,
    description: 'submitted → approved (a manager or admin, never on their own trip)',
  })
  approve(@Auth() ctx: AuthContext, @IdParam() id: string, @Body() dto: TransitionDto) {
    return this.trips.step(ctx, id, 'approve', dto.reason);
  }

  @ApiOperation({ summary: 'Reject a submitted trip with a reason' })
  @Post(':id/reject')
  @HttpCode(200)
  @ApiAuthenticated(400, 403, 404, 409)
  @ApiOkResponse({ type: TripResponse, description: 'submitted → rejected, with a reason' })
  reject(@Auth() ctx: AuthContext, @IdParam() id: string, @Body() dto: TransitionDto) {
    return this.trips.step(ctx, id, 'reject', dto.reason);
  }

  @ApiOperation({ summary: 'Reopen a rejected trip as a draft to revise and resubmit' })
  @Post(':id/revise')
  @HttpCode(200)
  @ApiAuthenticated(400, 404, 409)
  @ApiOkResponse({
    type: TripResponse,
    description: 'rejected → draft; the rejection stays on the trip as its last decision',
  })
  revise(@Auth() ctx: AuthContext, @IdParam() id: string, @Body() dto: TransitionDto) {
    return this.trips.step(ctx, id, 'revise', dto.reason);
  }

  @ApiOperation({ summary: 'Cancel a trip' })
  @Post(':id/cancel')
  @HttpCode(200)
  @ApiAuthenticated(400, 404, 409)
  @ApiOkResponse({ type: TripResponse, description: 'Any non-final status → cancelled' })
  cancel(@Auth() ctx: AuthContext, @IdParam() id: string, @Body() dto: TransitionDto) {
    return this.trips.step(ctx, id, 'cancel', dto.reason);
  }

  @ApiOperation({ summary: 'Mark a trip completed' })
  @Post(':id/complete')
  @HttpCode(200)
  @ApiAuthenticated(400, 404, 409)
  @ApiOkResponse({ type: TripResponse, description: 'approved or booked → completed' })
  complete(@Auth() ctx: AuthContext, @IdParam() id: string, @Body() dto: TransitionDto) {
    return this.trips.step(ctx, id, 'complete', dto.reason);
  }
}
