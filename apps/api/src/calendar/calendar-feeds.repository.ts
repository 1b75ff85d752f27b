import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../common/auth/auth-context';
import { TransactionRunner } from '../common/database/transaction-runner';
import { CalendarFeed } from './calendar-feed.entity';

/** One feed per user; creating a new one replaces (and so revokes) the previous URL. */
@Injectable()
export class CalendarFeedsRepository {
  constructor(private readonly db: TransactionRunner) {}

  private get repository() {
    return this.db.manager.getRepository(CalendarFeed);
  }

  async replace(ctx: AuthContext, tokenHash: string): Promise<void> {
    await this.repository.upsert({ userId: ctx.userId, organizationId: ctx.organizationId, tokenHash }, ['userId']);
  }

  async revoke(ctx: AuthContext): Promise<void> {
    await this.repository.delete({ userId: ctx.userId, organizationId: ctx.organizationId });
  }

  /** A subscribing calendar app has no session: the secret token in the URL is the credential. */
  findByTokenHash(tokenHash: string): Promise<CalendarFeed | null> {
    return this.repository.findOne({ where: { tokenHash } });
  }
}
