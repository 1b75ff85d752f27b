import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../common/auth/auth-context';
import { Auth, Roles } from '../common/auth/auth.decorators';
import { UserRole } from '../common/auth/user-role';
import { ApiAuthenticated } from '../common/http/api-errors.decorator';
import { AiSettingsDto, AiSettingsResponse, AiUsageQuery, AiUsageResponse } from './dto/ai-admin.dto';
import { AiUsageService } from './ai-usage.service';

@ApiTags('assistant')
@ApiAuthenticated(400, 403)
@Controller('organizations/current')
export class AiUsageController {
  constructor(private readonly usage: AiUsageService) {}

  @ApiOperation({ summary: "The organization's AI usage in a month, per user and per feature, with its budget" })
  @Get('ai-usage')
  @Roles([UserRole.Admin])
  @ApiOkResponse({ type: AiUsageResponse })
  report(@Auth() ctx: AuthContext, @Query() query: AiUsageQuery) {
    return this.usage.report(ctx, query.month);
  }

  @ApiOperation({ summary: "The organization's AI limits" })
  @Get('ai-settings')
  @Roles([UserRole.Admin])
  @ApiOkResponse({ type: AiSettingsResponse })
  settings(@Auth() ctx: AuthContext) {
    return this.usage.settingsOf(ctx);
  }

  @ApiOperation({ summary: "Set the organization's monthly AI token budget and requests per minute" })
  @Put('ai-settings')
  @Roles([UserRole.Admin])
  @ApiOkResponse({ type: AiSettingsResponse })
  update(@Auth() ctx: AuthContext, @Body() dto: AiSettingsDto) {
    return this.usage.update(ctx, dto);
  }
}
