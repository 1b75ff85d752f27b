import { Body, Controller, Get, Headers, Param, Put } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../common/auth/auth-context';
import { Auth } from '../common/auth/auth.decorators';
import { ApiAuthenticated } from '../common/http/api-errors.decorator';
import { versionFrom } from '../common/http/if-match';
import { UuidParamPipe } from '../common/http/validation.pipes';
import { PutTripNotesDto, TripNotesResponse } from './dto/trip-notes.dto';
import { TripNotesService } from './trip-notes.service';

@ApiTags('collaboration')
@ApiAuthenticated(400, 404)
@Controller('trips/:tripId/notes')
export class TripNotesController {
  constructor(private readonly notes: TripNotesService) {}

  @ApiOperation({ summary: "A trip's shared notes" })
  @Get()
  @ApiOkResponse({ type: TripNotesResponse })
  read(@Auth() ctx: AuthContext, @Param('tripId', UuidParamPipe) tripId: string) {
    return this.notes.read(ctx, tripId);
  }

  @ApiOperation({ summary: "Replace a trip's shared notes" })
  @Put()
  @ApiAuthenticated(403, 409)
  @ApiHeader({ name: 'If-Match', required: false, description: 'The version you read (alternative to `version`)' })
  @ApiOkResponse({ type: TripNotesResponse })
  write(
    @Auth() ctx: AuthContext,
    @Param('tripId', UuidParamPipe) tripId: string,
    @Body() dto: PutTripNotesDto,
    @Headers('if-match') ifMatch?: string,
  ) {
    return this.notes.write(ctx, tripId, dto.body, versionFrom(dto.version, ifMatch, 'notes'));
  }
}
