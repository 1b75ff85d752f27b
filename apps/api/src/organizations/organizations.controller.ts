import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../common/auth/auth-context';
import { Auth, Roles } from '../common/auth/auth.decorators';
import { ApiAuthenticated } from '../common/http/api-errors.decorator';
import { PaginationQuery } from '../common/http/pagination.dto';
import { OutboxPage } from '../mail/outbox-message.dto';
import { UserResponse } from '../users/user.dto';
import { UserRole } from '../common/auth/user-role';
import { CreatedInvitationResponse, CreateInvitationDto, InvitationsPage } from './dto/invitation.dto';
import { MembersPage, UpdateMemberDto } from './dto/member.dto';
import { OrganizationResponse, UpdateOrganizationDto } from './dto/organization.dto';
import { TravelPolicyDto, TravelPolicyResponse } from './dto/travel-policy.dto';
import { OrganizationsService } from './organizations.service';
import { UuidParamPipe } from '../common/http/validation.pipes';

@ApiTags('organizations')
@ApiAuthenticated()
@Controller('organizations/current')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @ApiOperation({ summary: "The caller's organization" })
  @Get()
  @ApiOkResponse({ type: OrganizationResponse })
  get(@Auth() ctx: AuthContext) {
    return this.organizations.getCurrent(ctx);
  }

  @ApiOperation({ summary: 'Rename the organization' })
  @Patch()
  @Roles([UserRole.Admin])
  @ApiAuthenticated(400, 403)
  @ApiOkResponse({ type: OrganizationResponse })
  update(@Auth() ctx: AuthContext, @Body() dto: UpdateOrganizationDto) {
    return this.organizations.updateCurrent(ctx, dto);
  }

  @ApiOperation({ summary: "List the organization's members" })
  @Get('members')
  @Roles([UserRole.Admin, UserRole.Manager])
  @ApiAuthenticated(403)
  @ApiOkResponse({ type: MembersPage })
  members(@Auth() ctx: AuthContext, @Query() query: PaginationQuery) {
    return this.organizations.listMembers(ctx, query);
  }

  @ApiOperation({ summary: "Change a member's role or deactivate them" })
  @Patch('members/:userId')
  @Roles([UserRole.Admin])
  @ApiAuthenticated(400, 403, 404, 409)
  @ApiOkResponse({ type: UserResponse })
  updateMember(@Auth() ctx: AuthContext, @Param('userId', UuidParamPipe) userId: string, @Body() dto: UpdateMemberDto) {
    return this.organizations.updateMember(ctx, userId, dto);
  }

  @ApiOperation({ summary: 'Invite someone by e-mail' })
  @Post('invitations')
  @Roles([UserRole.Admin])
  @ApiAuthenticated(400, 403, 409)
  @ApiCreatedResponse({ type: CreatedInvitationResponse })
  invite(@Auth() ctx: AuthContext, @Body() dto: CreateInvitationDto) {
    return this.organizations.invite(ctx, dto);
  }

  @ApiOperation({ summary: 'List pending invitations' })
  @Get('invitations')
  @Roles([UserRole.Admin])
  @ApiAuthenticated(403)
  @ApiOkResponse({ type: InvitationsPage })
  invitations(@Auth() ctx: AuthContext, @Query() query: PaginationQuery) {
    return this.organizations.listInvitations(ctx, query);
  }

  @ApiOperation({ summary: 'Revoke an invitation' })
  @Delete('invitations/:id')
  @HttpCode(204)
  @Roles([UserRole.Admin])
  @ApiAuthenticated(403, 404)
  @ApiNoContentResponse({ description: 'Revoked (idempotent)' })
  revokeInvitation(@Auth() ctx: AuthContext, @Param('id', UuidParamPipe) id: string) {
    return this.organizations.revokeInvitation(ctx, id);
  }

  @ApiOperation({ summary: "The organization's travel policy" })
  @Get('policy')
  @ApiOkResponse({ type: TravelPolicyResponse })
  policy(@Auth() ctx: AuthContext) {
    return this.organizations.getPolicy(ctx);
  }

  @ApiOperation({ summary: 'Replace the travel policy' })
  @Put('policy')
  @Roles([UserRole.Admin])
  @ApiAuthenticated(400, 403)
  @ApiOkResponse({ type: TravelPolicyResponse })
  replacePolicy(@Auth() ctx: AuthContext, @Body() dto: TravelPolicyDto) {
    return this.organizations.replacePolicy(ctx, dto);
  }

  @ApiOperation({ summary: "List the organization's outgoing e-mail" })
  @Get('outbox')
  @Roles([UserRole.Admin])
  @ApiAuthenticated(403)
  @ApiOkResponse({ type: OutboxPage })
  outbox(@Auth() ctx: AuthContext, @Query() query: PaginationQuery) {
    return this.organizations.listOutbox(ctx, query);
  }
}
