import { Injectable } from '@nestjs/common';
import { ActivitiesRepository } from '../activities/activities.repository';
import type { AuthContext } from '../common/auth/auth-context';
import { UserRole } from '../common/auth/user-role';
import { TransactionRunner } from '../common/database/transaction-runner';
import { DomainError, NotFoundError, StaleVersionError } from '../common/errors/domain-error';
import { CollaborationErrorCode } from '../common/errors/error-codes';
import { DomainEvents } from '../events/domain-events';
import type { TripWithTravellerIds } from '../trips/trip.entity';
import { TripAccessService } from '../trips/trip-access.service';
import type { Comment } from './comment.entity';
import { type CommentWithAuthor, CommentsRepository } from './comments.repository';
import type {
  CommentAction,
  CommentListResponse,
  CommentResponse,
  CreateCommentDto,
  UpdateCommentDto,
} from './dto/comment.dto';

/**
 * Comments on a trip and its activities (docs/collaboration.md): whoever may `comment` on the trip
 * reads and writes them; only the author edits one; the author or an admin deletes it. Mentions are
 * user ids the client sends, each someone who can see the trip; each is notified once.
 */
@Injectable()
export class CommentsService {
  constructor(
    private readonly db: TransactionRunner,
    private readonly access: TripAccessService,
    private readonly comments: CommentsRepository,
    private readonly activities: ActivitiesRepository,
    private readonly events: DomainEvents,
  ) {}

  async list(ctx: AuthContext, tripId: string, activityId?: string): Promise<CommentListResponse> {
    await this.access.require(ctx, tripId, 'comment');
    const rows = await this.comments.listForTrip(ctx, tripId, activityId);
    return { items: rows.map((row) => this.toResponse(ctx, row)) };
  }

  create(ctx: AuthContext, tripId: string, dto: CreateCommentDto): Promise<CommentResponse> {
    return this.db.run(async () => {
      const trip = await this.access.require(ctx, tripId, 'comment');
      if (dto.activityId && (await this.activities.findById(ctx, dto.activityId))?.tripId !== tripId) {
        throw new NotFoundError('Activity');
      }
      const mentions = dto.mentionedUserIds ?? [];
      await this.access.requireViewers(ctx, trip, mentions);
      const saved = await this.comments.insert(ctx, {
        tripId,
        activityId: dto.activityId ?? null,
        authorId: ctx.userId,
        body: dto.body,
        mentionedUserIds: mentions,
      });
      await this.publish(ctx, 'comment.created', trip, saved, mentions);
      return this.toResponse(ctx, await this.comments.getWithAuthor(ctx, saved.id));
    });
  }

  update(ctx: AuthContext, id: string, dto: UpdateCommentDto): Promise<CommentResponse> {
    return this.db.run(async () => {
      const current = await this.comments.getById(ctx, id);
      const trip = await this.access.require(ctx, current.tripId, 'comment');
      if (current.authorId !== ctx.userId) {
        throw new DomainError(CollaborationErrorCode.NotCommentAuthor, 'Only its author can edit a comment');
      }
      const mentions = dto.mentionedUserIds ?? current.mentionedUserIds;
      await this.access.requireViewers(ctx, trip, mentions);
      if (
        !(await this.comments.updateIfVersion(ctx, id, dto.version, { body: dto.body, mentionedUserIds: mentions }))
      ) {
        throw new StaleVersionError('comment', dto.version, (await this.comments.getById(ctx, id)).version);
      }
      const updated = await this.comments.getWithAuthor(ctx, id);
      const added = mentions.filter((userId) => !current.mentionedUserIds.includes(userId));
      await this.publish(ctx, 'comment.updated', trip, updated, added);
      return this.toResponse(ctx, updated);
    });
  }

  remove(ctx: AuthContext, id: string): Promise<void> {
    return this.db.run(async () => {
      const comment = await this.comments.getById(ctx, id);
      const trip = await this.access.require(ctx, comment.tripId, 'comment');
      if (!actionsOn(ctx, comment).includes('delete')) {
        throw new DomainError(
          CollaborationErrorCode.NotCommentAuthor,
          'Only its author or an admin can delete a comment',
        );
      }
      await this.comments.deleteById(ctx, id);
      await this.publish(ctx, 'comment.deleted', trip, comment, []);
    });
  }

  private publish(
    ctx: AuthContext,
    type: 'comment.created' | 'comment.updated' | 'comment.deleted',
    trip: TripWithTravellerIds,
    comment: Comment,
    newMentionIds: string[],
  ): Promise<void> {
    return this.events.publish(ctx, type, {
      tripId: trip.id,
      tripTitle: trip.title,
      commentId: comment.id,
      activityId: comment.activityId,
      authorId: comment.authorId,
      version: comment.version,
      newMentionIds: newMentionIds.filter((userId) => userId !== ctx.userId),
    });
  }

  private toResponse(ctx: AuthContext, comment: CommentWithAuthor): CommentResponse {
    return {
      id: comment.id,
      tripId: comment.tripId,
      activityId: comment.activityId,
      author: { id: comment.authorId, name: comment.authorName },
      body: comment.body,
      mentionedUserIds: comment.mentionedUserIds,
      allowedActions: actionsOn(ctx, comment),
      version: comment.version,
      edited: comment.version > 1,
      createdAt: new Date(comment.createdAt).toISOString(),
      updatedAt: new Date(comment.updatedAt).toISOString(),
    };
  }
}

/** The author edits and deletes their comment; an admin deletes anyone's (moderation). */
function actionsOn(ctx: AuthContext, comment: Pick<Comment, 'authorId'>): CommentAction[] {
  if (comment.authorId === ctx.userId) return ['edit', 'delete'];
  return ctx.role === UserRole.Admin ? ['delete'] : [];
}
