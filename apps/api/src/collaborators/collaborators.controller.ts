import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../common/auth/auth-context';
import { Auth } from '../common/auth/auth.decorators';
import { ApiAuthenticated } from '../common/http/api-errors.decorator';
import { UuidParamPipe } from '../common/http/validation.pipes';
import { CollaboratorsService } from './collaborators.service';
import {
  CandidateListResponse,
  CandidateQuery,
  CollaboratorListResponse,
  CollaboratorResponse,
  PutCollaboratorDto,
} from './dto/collaborator.dto';

@ApiTags('collaboration')
@ApiAuthenticated(400, 404)
@Controller('trips/:tripId/collaborators')
export class CollaboratorsController {
  constructor(private readonly collaborators: CollaboratorsService) {}

  @ApiOperation({ summary: "The colleagues a trip is shared with (the trip's `view`)" })
  @Get()
  @ApiOkResponse({ type: CollaboratorListResponse })
  list(@Auth() ctx: AuthContext, @Param('tripId', UuidParamPipe) tripId: string) {
    return this.collaborators.list(ctx, tripId);
  }

  @ApiOperation({ summary: "Colleagues the trip could be shared with, by name or e-mail (the trip's `share`)" })
  @Get('candidates')
  @ApiAuthenticated(403)
  @ApiOkResponse({ type: CandidateListResponse })
  candidates(@Auth() ctx: AuthContext, @Param('tripId', UuidParamPipe) tripId: string, @Query() query: CandidateQuery) {
    return this.collaborators.candidates(ctx, tripId, query.q);
  }

  @ApiOperation({ summary: "Share a trip with a colleague, or change their role (the trip's `share`)" })
  @Put(':userId')
  @ApiAuthenticated(403, 422)
  @ApiOkResponse({ type: CollaboratorResponse })
  put(
    @Auth() ctx: AuthContext,
    @Param('tripId', UuidParamPipe) tripId: string,
    @Param('userId', UuidParamPipe) userId: string,
    @Body() dto: PutCollaboratorDto,
  ) {
    return this.collaborators.put(ctx, tripId, userId, dto.role);
  }

  @ApiOperation({ summary: "Stop sharing a trip with a colleague (the trip's `share`)" })
  @Delete(':userId')
  @HttpCode(204)
  @ApiAuthenticated(403)
  @ApiNoContentResponse()
  remove(
    @Auth() ctx: AuthContext,
    @Param('tripId', UuidParamPipe) tripId: string,
    @Param('userId', UuidParamPipe) userId: string,
  ) {
    return this.collaborators.remove(ctx, tripId, userId);
  }
}
