import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post } from '@nestjs/common';
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
import { UuidParamPipe } from '../common/http/validation.pipes';
import { ChecklistService } from './checklist.service';
import {
  ChecklistItemResponse,
  ChecklistResponse,
  CreateChecklistItemDto,
  UpdateChecklistItemDto,
} from './dto/checklist.dto';

@ApiTags('collaboration')
@ApiAuthenticated(400, 404)
@Controller()
export class ChecklistController {
  constructor(private readonly checklist: ChecklistService) {}

  @ApiOperation({ summary: "A trip's checklist" })
  @Get('trips/:tripId/checklist')
  @ApiOkResponse({ type: ChecklistResponse })
  list(@Auth() ctx: AuthContext, @Param('tripId', UuidParamPipe) tripId: string) {
    return this.checklist.list(ctx, tripId);
  }

  @ApiOperation({ summary: "Add a to-do to a trip's checklist" })
  @Post('trips/:tripId/checklist')
  @ApiAuthenticated(403, 409, 422)
  @ApiCreatedResponse({ type: ChecklistItemResponse })
  create(
    @Auth() ctx: AuthContext,
    @Param('tripId', UuidParamPipe) tripId: string,
    @Body() dto: CreateChecklistItemDto,
  ) {
    return this.checklist.create(ctx, tripId, dto);
  }

  @ApiOperation({ summary: 'Change a to-do: title, assignee, due date, done' })
  @Patch('checklist-items/:id')
  @ApiAuthenticated(403, 409, 422)
  @ApiHeader({ name: 'If-Match', required: false, description: 'The version you read (alternative to `version`)' })
  @ApiOkResponse({ type: ChecklistItemResponse })
  update(
    @Auth() ctx: AuthContext,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateChecklistItemDto,
    @Headers('if-match') ifMatch?: string,
  ) {
    return this.checklist.update(ctx, id, { ...dto, version: versionFrom(dto.version, ifMatch, 'to-do') });
  }

  @ApiOperation({ summary: 'Remove a to-do' })
  @Delete('checklist-items/:id')
  @HttpCode(204)
  @ApiAuthenticated(403, 409)
  @ApiNoContentResponse()
  remove(@Auth() ctx: AuthContext, @Param('id', UuidParamPipe) id: string) {
    return this.checklist.remove(ctx, id);
  }
}
