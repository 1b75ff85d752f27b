import { Controller, Get, Header, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthContext } from '../common/auth/auth-context';
import { Auth, Roles } from '../common/auth/auth.decorators';
import { ApiAuthenticated } from '../common/http/api-errors.decorator';
import { toPage } from '../common/http/pagination.dto';
import { UserRole } from '../common/auth/user-role';
import { AuditExportService } from './audit-export.service';
import { AuditRepository } from './audit.repository';
import { AuditFilter, AuditPage, AuditQuery, toAuditEventResponse } from './dto/audit.dto';

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(
    private readonly audit: AuditRepository,
    private readonly exports: AuditExportService,
  ) {}

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

  @ApiOperation({ summary: 'Export the audit log as CSV' })
  @Get('export.csv')
  @Roles([UserRole.Admin])
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiAuthenticated(400, 403, 422)
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description:
      'Every event matching the filters, newest first (at most 100,000; more is a 422). Cells that a spreadsheet would read as a formula start with an apostrophe',
    schema: { type: 'string' },
  })
  async export(
    @Auth() ctx: AuthContext,
    @Query() filter: AuditFilter,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const csv = await this.exports.csv(ctx, filter);
    reply.header(
      'Content-Disposition',
      `attachment; filename="audit-log-${new Date().toISOString().slice(0, 10)}.csv"`,
    );
    return csv;
  }
}
