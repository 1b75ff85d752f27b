import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../common/auth/auth-context';
import { Auth, Roles } from '../common/auth/auth.decorators';
import { ApiAuthenticated } from '../common/http/api-errors.decorator';
import { UserRole } from '../common/auth/user-role';
import { ExchangeRatesResponse, SetExchangeRatesDto } from './dto/exchange-rate.dto';
import { ExchangeRatesService } from './exchange-rates.service';

@ApiTags('exchange-rates')
@Controller('exchange-rates')
export class ExchangeRatesController {
  constructor(private readonly rates: ExchangeRatesService) {}

  @ApiOperation({ summary: 'Exchange rates used to convert costs into budgets' })
  @Get()
  @ApiAuthenticated()
  @ApiOkResponse({
    type: ExchangeRatesResponse,
    description: "The rates in use: the organization's own over the bundled ECB snapshot, with source and date",
  })
  list(@Auth() ctx: AuthContext) {
    return this.rates.list(ctx);
  }

  @ApiOperation({ summary: "Record the organization's own exchange rates" })
  @Put()
  @Roles([UserRole.Admin])
  @ApiAuthenticated(400, 403)
  @ApiOkResponse({
    type: ExchangeRatesResponse,
    description: "Records the organization's own rates (upsert); costs recorded later use them",
  })
  set(@Auth() ctx: AuthContext, @Body() dto: SetExchangeRatesDto) {
    return this.rates.set(ctx, dto.rates);
  }

  @ApiOperation({ summary: "Refresh exchange rates from the ECB's daily reference rates" })
  @Post('refresh')
  @HttpCode(200)
  @Roles([UserRole.Admin])
  @ApiAuthenticated(403)
  @ApiOkResponse({
    type: ExchangeRatesResponse,
    description: "Records today's ECB reference rates (503 when the ECB cannot be reached)",
  })
  refresh(@Auth() ctx: AuthContext) {
    return this.rates.refresh(ctx);
  }
}
