import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '../common/database/transaction-runner';
import { PRE_AUTH } from '../common/tenancy/pre-auth';
import { CalendarFeed, TripCalendarFeed } from './calendar-feed.entity';

/** The owner behind a polled token, and the trip when it is a one-trip feed. */
export interface FeedOwner {
  userId: string;
  tripId: string | null;
}

/**
 * A subscribing calendar app has no session: the secret token in the URL is the credential, so
 * the feed is found by the token's hash alone. Unscoped on purpose (docs/access.md); the feed is
 * then built as its owner, through the scoped repositories.
 */
@Injectable()
export class PreAuthCalendarFeeds {
  constructor(private readonly db: TransactionRunner) {}

  async findByTokenHash(tokenHash: string): Promise<FeedOwner | null> {
    const all = await this.db.manager.getRepository(CalendarFeed).findOne({ where: { tokenHash }, comment: PRE_AUTH });
    if (all) return { userId: all.userId, tripId: null };
    const one = await this.db.manager
      .getRepository(TripCalendarFeed)
      .findOne({ where: { tokenHash }, comment: PRE_AUTH });
    return one ? { userId: one.userId, tripId: one.tripId } : null;
  }
}
