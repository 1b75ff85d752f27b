import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthContext } from '../common/auth/auth-context';
import { Auth } from '../common/auth/auth.decorators';
import { ApiAuthenticated } from '../common/http/api-errors.decorator';
import { versionFrom } from '../common/http/if-match';
import { UuidParamPipe } from '../common/http/validation.pipes';
import { CommentsService } from './comments.service';
import {
  CommentListResponse,
  CommentQuery,
  CommentResponse,
  CreateCommentDto,
  UpdateCommentDto,
} from './dto/comment.dto';

@ApiTags('collaboration')
@ApiAuthenticated(400, 404)
@Controller()
export class CommentsController {
  constructor(private readonly comments: CommentsService) {}

  @ApiOperation({ summary: "A trip's comments, or one activity's, oldest first" })
  @Get('trips/:tripId/comments')
  @ApiOkResponse({ type: CommentListResponse })
  list(@Auth() ctx: AuthContext, @Param('tripId', UuidParamPipe) tripId: string, @Query() query: CommentQuery) {
    return this.comments.list(ctx, tripId, query.activityId);
  }

  @ApiOperation({ summary: 'Comment on a trip or one of its activities, mentioning colleagues' })
  @Post('trips/:tripId/comments')
  @ApiAuthenticated(422)
  @ApiCreatedResponse({ type: CommentResponse })
  create(@Auth() ctx: AuthContext, @Param('tripId', UuidParamPipe) tripId: string, @Body() dto: CreateCommentDto) {
    return this.comments.create(ctx, tripId, dto);
  }

  @ApiOperation({ summary: 'Edit your comment' })
  @Patch('comments/:id')
  @ApiAuthenticated(403, 409, 422)
  @ApiHeader({ name: 'If-Match', required: false, description: 'The version you read (alternative to `version`)' })
  @ApiOkResponse({ type: CommentResponse })
  update(
    @Auth() ctx: AuthContext,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateCommentDto,
    @Headers('if-match') ifMatch?: string,
  ) {
    return this.comments.update(ctx, id, { ...dto, version: versionFrom(dto.version, ifMatch, 'comment') });
  }

  @ApiOperation({ summary: 'Delete a comment (yours; an admin any)' })
  @Delete('comments/:id')
  @HttpCode(204)
  @ApiAuthenticated(403)
  @ApiNoContentResponse()
  remove(@Auth() ctx: AuthContext, @Param('id', UuidParamPipe) id: string) {
    return this.comments.remove(ctx, id);
  }
}
