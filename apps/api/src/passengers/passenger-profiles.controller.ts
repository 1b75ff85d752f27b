import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../common/auth/auth-context';
import { Auth, Roles } from '../common/auth/auth.decorators';
import { UserRole } from '../common/auth/user-role';
import { ApiAuthenticated } from '../common/http/api-errors.decorator';
import { UuidParamPipe } from '../common/http/validation.pipes';
import { PassengerProfileDto, PassengerProfileResponse } from './dto/passenger-profile.dto';
import { PassengerProfilesService } from './passenger-profiles.service';

/** A person's passenger profile: theirs to read and write, and their organization's admins'; nobody else's (docs/access.md). */
@ApiTags('passenger profiles')
@ApiAuthenticated()
@Controller('users')
export class PassengerProfilesController {
  constructor(private readonly profiles: PassengerProfilesService) {}

  @ApiOperation({ summary: "The caller's passenger profile" })
  @Get('me/passenger-profile')
  @ApiAuthenticated(404)
  @ApiOkResponse({ type: PassengerProfileResponse, description: 'As in the passport; 404 until it is first saved' })
  getMine(@Auth() ctx: AuthContext) {
    return this.profiles.get(ctx, ctx.userId);
  }

  @ApiOperation({ summary: "Save the caller's passenger profile" })
  @Put('me/passenger-profile')
  @ApiAuthenticated(400)
  @ApiOkResponse({
    type: PassengerProfileResponse,
    description: 'Created or replaced whole; the date of birth and document number are stored encrypted',
  })
  putMine(@Auth() ctx: AuthContext, @Body() dto: PassengerProfileDto) {
    return this.profiles.put(ctx, ctx.userId, dto);
  }

  @ApiOperation({ summary: "A member's passenger profile (admin)" })
  @Get(':id/passenger-profile')
  @Roles([UserRole.Admin])
  @ApiAuthenticated(400, 403, 404)
  @ApiOkResponse({
    type: PassengerProfileResponse,
    description: '404 for a user of another organization, or until the profile is first saved',
  })
  get(@Auth() ctx: AuthContext, @Param('id', UuidParamPipe) id: string) {
    return this.profiles.get(ctx, id);
  }

  @ApiOperation({ summary: "Save a member's passenger profile (admin)" })
  @Put(':id/passenger-profile')
  @Roles([UserRole.Admin])
  @ApiAuthenticated(400, 403, 404)
  @ApiOkResponse({
    type: PassengerProfileResponse,
    description: 'Created or replaced whole; 404 for a user of another organization',
  })
  put(@Auth() ctx: AuthContext, @Param('id', UuidParamPipe) id: string, @Body() dto: PassengerProfileDto) {
    return this.profiles.put(ctx, id, dto);
  }
}
