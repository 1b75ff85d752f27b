import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../common/auth/auth-context';
import { Auth } from '../common/auth/auth.decorators';
import { ApiAuthenticated } from '../common/http/api-errors.decorator';
import { UuidParamPipe } from '../common/http/validation.pipes';
import { NotificationQuery, NotificationsPage, UnreadCountResponse } from './dto/notification.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@ApiAuthenticated(400)
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @ApiOperation({ summary: 'Your notifications, newest first, with the unread count' })
  @Get()
  @ApiOkResponse({ type: NotificationsPage })
  list(@Auth() ctx: AuthContext, @Query() query: NotificationQuery) {
    return this.notifications.list(ctx, query);
  }

  @ApiOperation({ summary: 'How many of your notifications are unread (the bell)' })
  @Get('unread-count')
  @ApiOkResponse({ type: UnreadCountResponse })
  unreadCount(@Auth() ctx: AuthContext) {
    return this.notifications.unreadCount(ctx);
  }

  @ApiOperation({ summary: 'Mark every one of your notifications read' })
  @Post('read-all')
  @HttpCode(204)
  @ApiNoContentResponse()
  markAllRead(@Auth() ctx: AuthContext) {
    return this.notifications.markAllRead(ctx);
  }

  @ApiOperation({ summary: 'Mark one of your notifications read' })
  @Post(':id/read')
  @HttpCode(204)
  @ApiAuthenticated(404)
  @ApiNoContentResponse()
  markRead(@Auth() ctx: AuthContext, @Param('id', UuidParamPipe) id: string) {
    return this.notifications.markRead(ctx, id);
  }
}
