import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../common/auth/auth-context';
import { Auth } from '../common/auth/auth.decorators';
import { ApiAuthenticated } from '../common/http/api-errors.decorator';
import { AssistantStatusService } from './assistant-status.service';
import { AssistantStatusResponse } from './dto/ai-admin.dto';

@ApiTags('assistant')
@ApiAuthenticated()
@Controller()
export class AssistantController {
  constructor(private readonly statusService: AssistantStatusService) {}

  @ApiOperation({ summary: 'Whether the AI assistant is configured, its features and the organization budget' })
  @Get('assistant/status')
  @ApiOkResponse({ type: AssistantStatusResponse })
  status(@Auth() ctx: AuthContext) {
    return this.statusService.status(ctx);
  }
}
