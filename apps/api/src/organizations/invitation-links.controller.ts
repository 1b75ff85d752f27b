import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../common/auth/auth.decorators';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { BruteForceGuarded } from '../common/throttling/throttling';
import { InvitationPreviewResponse, PeekInvitationDto } from './dto/invitation.dto';
import { OrganizationsService } from './organizations.service';

/**
 * The invitation link as its recipient sees it, before signing up. The token travels in the body,
 * not the URL, so it stays out of access logs.
 */
@ApiTags('organizations')
@Controller('invitations')
export class InvitationLinksController {
  constructor(private readonly organizations: OrganizationsService) {}

  @ApiOperation({ summary: 'What an invitation link is for, and whether it still works' })
  @Post('peek')
  @Public()
  @HttpCode(200)
  @BruteForceGuarded()
  @ApiErrors(400, 404, 429)
  @ApiOkResponse({
    type: InvitationPreviewResponse,
    description: "The organization's name, the invited e-mail and role, and the link's state",
  })
  peek(@Body() dto: PeekInvitationDto) {
    return this.organizations.peekInvitation(dto.token);
  }
}
