import { Controller, Get, Header, Injectable, Param, type PipeTransform, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthContext } from '../common/auth/auth-context';
import { Auth, Roles } from '../common/auth/auth.decorators';
import { UserRole } from '../common/auth/user-role';
import { FieldErrorCode } from '../common/errors/error-codes';
import { ValidationFailedError } from '../common/errors/validation-failed';
import { ApiAuthenticated } from '../common/http/api-errors.decorator';
import { StatementList, StatementResponse } from './dto/statement.dto';
import { StatementsService } from './statements.service';

/** As the spend report: managers and admins (docs/reports.md § Who). */
const READERS = [UserRole.Admin, UserRole.Manager];

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** `:month` as `YYYY-MM`; anything else is refused like a DTO field. */
@Injectable()
class MonthParamPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (MONTH.test(value)) return value;
    throw new ValidationFailedError([
      { field: 'month', code: FieldErrorCode.InvalidFormat, message: 'month must be a month as YYYY-MM' },
    ]);
  }
}

const MonthParam = () => Param('month', MonthParamPipe);
const ApiMonth = () =>
  ApiParam({
    name: 'month',
    example: '2027-03',
    description: 'YYYY-MM (UTC); the current month is provisional, a later one is refused',
  });

/** Monthly statements of what is invoiced to the organization, for its managers and admins (docs/statements.md). */
@ApiTags('statements')
@Controller('statements')
export class StatementsController {
  constructor(private readonly statements: StatementsService) {}

  @ApiOperation({ summary: 'Months with invoiced bookings or refunds, with their totals per currency' })
  @Get()
  @Roles(READERS)
  @ApiAuthenticated(403)
  @ApiOkResponse({ type: StatementList })
  list(@Auth() ctx: AuthContext): Promise<StatementList> {
    return this.statements.list(ctx);
  }

  @ApiOperation({ summary: 'Download a month’s statement as CSV' })
  @Get(':month.csv')
  @Roles(READERS)
  @ApiMonth()
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiAuthenticated(400, 403)
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description:
      'One line per booking confirmed and per refund in the month, oldest first, streamed. Cells that a spreadsheet would read as a formula start with an apostrophe',
    schema: { type: 'string' },
  })
  async csv(@Auth() ctx: AuthContext, @MonthParam() month: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const { stream, filename } = await this.statements.csv(ctx, month);
    reply.header('Content-Disposition', `attachment; filename="${filename}"`);
    return stream;
  }

  @ApiOperation({ summary: 'Download a month’s statement as PDF (A4)' })
  @Get(':month.pdf')
  @Roles(READERS)
  @ApiMonth()
  @Header('Content-Type', 'application/pdf')
  @ApiAuthenticated(400, 403)
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The statement as an A4 PDF', schema: { type: 'string', format: 'binary' } })
  async pdf(@Auth() ctx: AuthContext, @MonthParam() month: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const { stream, filename } = await this.statements.pdf(ctx, month);
    reply.header('Content-Disposition', `attachment; filename="${filename}"`);
    return stream;
  }

  @ApiOperation({ summary: 'A month’s statement: its lines and totals per currency' })
  @Get(':month')
  @Roles(READERS)
  @ApiMonth()
  @ApiAuthenticated(400, 403)
  @ApiOkResponse({ type: StatementResponse })
  statement(@Auth() ctx: AuthContext, @MonthParam() month: string): Promise<StatementResponse> {
    return this.statements.statement(ctx, month);
  }
}
