import { Injectable } from '@nestjs/common';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { AuthContext } from '../common/auth/auth-context';
import { TransactionRunner } from '../common/database/transaction-runner';
import { OrganizationScopedRepository } from '../common/tenancy/organization-scoped.repository';
import { Comment } from './comment.entity';

export type CommentWithAuthor = Comment & { authorName: string };

@Injectable()
export class CommentsRepository extends OrganizationScopedRepository<Comment> {
  protected readonly entity = Comment;
  protected readonly noun = 'Comment';

  constructor(db: TransactionRunner) {
    super(db);
  }

  /** A trip's comments (or one activity's) with their authors' names, oldest first; at most 500. */
  listForTrip(ctx: AuthContext, tripId: string, activityId?: string): Promise<CommentWithAuthor[]> {
    const parameters: unknown[] = [tripId];
    const activity = activityId ? `AND c.activity_id = $${parameters.push(activityId)}` : '';
    return this.scopedSql<CommentWithAuthor>(
      ctx,
      `SELECT ${this.selectList('c')}, u.name AS "authorName"
         FROM comments c JOIN users u ON u.id = c.author_id AND u.organization_id = $organization
        WHERE c.trip_id = $1 AND c.organization_id = $organization ${activity}
        ORDER BY c.created_at, c.id LIMIT 500`,
      parameters,
    );
  }

  async getWithAuthor(ctx: AuthContext, id: string): Promise<CommentWithAuthor> {
    const comment = await this.getById(ctx, id);
    const [author] = await this.scopedSql<{ name: string }>(
      ctx,
      'SELECT name FROM users WHERE id = $1 AND organization_id = $organization',
      [comment.authorId],
    );
    return Object.assign(comment, { authorName: author.name });
  }

  updateIfVersion(
    ctx: AuthContext,
    id: string,
    expectedVersion: number | undefined,
    changes: QueryDeepPartialEntity<Comment>,
  ): Promise<boolean> {
    return this.compareAndSet(ctx, id, expectedVersion, changes);
  }
}
