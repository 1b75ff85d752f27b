import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../common/auth/auth-context';
import { Auth, Roles } from '../common/auth/auth.decorators';
import { UserRole } from '../common/auth/user-role';
import { ApiAuthenticated } from '../common/http/api-errors.decorator';
import { BudgetsService } from './budgets.service';
import {
  CostCentreBudgetQuery,
  CostCentreBudgetResponse,
  CostCentreBudgetsResponse,
  SetCostCentreBudgetDto,
} from './dto/cost-centre-budget.dto';

/** Cost-centre budgets (docs/reports.md § Budgets): read by managers and admins, set by admins. */
@ApiTags('budgets')
@Controller('cost-centre-budgets')
export class BudgetsController {
  constructor(private readonly budgets: BudgetsService) {}

  @ApiOperation({ summary: 'The cost-centre budgets of a year, with what each has spent' })
  @Get()
  @Roles([UserRole.Admin, UserRole.Manager])
  @ApiAuthenticated(400, 403)
  @ApiOkResponse({ type: CostCentreBudgetsResponse })
  async list(@Auth() ctx: AuthContext, @Query() query: CostCentreBudgetQuery): Promise<CostCentreBudgetsResponse> {
    return { items: await this.budgets.list(ctx, query.year) };
  }

  @ApiOperation({ summary: "Set a cost centre's budget for a year (alerts at 80 % and 100 %)" })
  @Put()
  @Roles([UserRole.Admin])
  @ApiAuthenticated(400, 403)
  @ApiOkResponse({ type: CostCentreBudgetResponse })
  set(@Auth() ctx: AuthContext, @Body() dto: SetCostCentreBudgetDto): Promise<CostCentreBudgetResponse> {
    return this.budgets.set(ctx, dto);
  }
}
