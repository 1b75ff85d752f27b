import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../common/auth/auth-context';
import { Auth, Roles } from '../common/auth/auth.decorators';
import { ApiAuthenticated } from '../common/http/api-errors.decorator';
import { toPage } from '../common/http/pagination.dto';
import { UserRole } from '../users/user-role';
import { AuditRepository } from './audit.repository';
import { AuditPage, AuditQuery, toAuditEventResponse } from './dto/audit.dto';

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditRepository) {}

  /** The organization's audit log, newest first, filterable. Admins only. */
  @ApiOperation({ summary: 'Search the audit log' })
  @Get()
  @Roles([UserRole.Admin])
  @ApiAuthenticated(400, 403)
  @ApiOkResponse({ type: AuditPage })
  async list(@Auth() ctx: AuthContext, @Query() query: AuditQuery) {
    const [events, total] = await this.audit.search(ctx, query);
    return toPage(events.map(toAuditEventResponse), total, query);
  }
}
