import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../common/auth/auth-context';
import { TransactionRunner } from '../common/database/transaction-runner';
import { CalendarFeed, TripCalendarFeed } from './calendar-feed.entity';

/** Which feed: the caller's feed of all their trips (`tripId` null) or of one trip. */
export interface FeedKey {
  tripId: string | null;
}

export interface FeedSecretValues {
  tokenHash: string;
  tokenSeed: string;
}

/** One feed per user, and one per (user, trip); replacing one revokes its previous URL. */
@Injectable()
export class CalendarFeedsRepository {
  constructor(private readonly db: TransactionRunner) {}

  private get all() {
    return this.db.manager.getRepository(CalendarFeed);
  }

  private get perTrip() {
    return this.db.manager.getRepository(TripCalendarFeed);
  }

  find(ctx: AuthContext, { tripId }: FeedKey): Promise<CalendarFeed | TripCalendarFeed | null> {
    const owner = ownerOf(ctx);
    return tripId ? this.perTrip.findOne({ where: { ...owner, tripId } }) : this.all.findOne({ where: owner });
  }

  /** Creates the feed, or gives it a new secret (the previous URL stops working). */
  async replace(ctx: AuthContext, { tripId }: FeedKey, secret: FeedSecretValues): Promise<void> {
    const row = { ...ownerOf(ctx), ...secret };
    if (tripId) await this.perTrip.upsert({ ...row, tripId }, ['userId', 'tripId']);
    else await this.all.upsert(row, ['userId']);
  }

  /** Creates the feed unless one exists (two first looks at once keep the first). */
  async insertIfAbsent(ctx: AuthContext, { tripId }: FeedKey, secret: FeedSecretValues): Promise<void> {
    const row = { ...ownerOf(ctx), ...secret };
    const builder = (tripId ? this.perTrip : this.all).createQueryBuilder().insert();
    await (tripId ? builder.into(TripCalendarFeed).values({ ...row, tripId }) : builder.into(CalendarFeed).values(row))
      .orIgnore()
      .execute();
  }

  async revoke(ctx: AuthContext, { tripId }: FeedKey): Promise<void> {
    const owner = ownerOf(ctx);
    if (tripId) await this.perTrip.delete({ ...owner, tripId });
    else await this.all.delete(owner);
  }
}

/** Feeds belong to the caller within the caller's organization: every look-up is scoped by both. */
function ownerOf(ctx: AuthContext) {
  return { userId: ctx.userId, organizationId: ctx.organizationId };
}
