import { Controller, Get, Header, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthContext } from '../common/auth/auth-context';
import { Auth, Roles } from '../common/auth/auth.decorators';
import { UserRole } from '../common/auth/user-role';
import { ApiAuthenticated } from '../common/http/api-errors.decorator';
import { SpendReportQuery, SpendReportResponse } from './dto/spend-report.dto';
import { SpendReportService } from './spend-report.service';

/** Spend and CO2 reports for the organization's managers and admins (docs/reports.md). */
@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(private readonly spend: SpendReportService) {}

  @ApiOperation({ summary: 'Spend and CO2 of the organization’s bookings over a period' })
  @Get('spend')
  @Roles([UserRole.Admin, UserRole.Manager])
  @ApiAuthenticated(400, 403)
  @ApiOkResponse({ type: SpendReportResponse })
  report(@Auth() ctx: AuthContext, @Query() query: SpendReportQuery): Promise<SpendReportResponse> {
    return this.spend.report(ctx, query);
  }

  @ApiOperation({ summary: 'Export the spend report’s bookings and refunds as CSV' })
  @Get('spend.csv')
  @Roles([UserRole.Admin, UserRole.Manager])
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiAuthenticated(400, 403)
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description:
      'One line per booking confirmed and per refund in the period, oldest first, streamed. Cells that a spreadsheet would read as a formula start with an apostrophe',
    schema: { type: 'string' },
  })
  async export(
    @Auth() ctx: AuthContext,
    @Query() query: SpendReportQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { stream, filename } = await this.spend.csv(ctx, query);
    reply.header('Content-Disposition', `attachment; filename="${filename}"`);
    return stream;
  }
}
