import { Inject, Injectable } from '@nestjs/common';
import { ActivitiesRepository } from '../activities/activities.repository';
import type { AuthContext } from '../common/auth/auth-context';
import { hashToken, newOpaqueToken, tokenFromSeed } from '../common/auth/opaque-token';
import { NotFoundError } from '../common/errors/domain-error';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { TripStatus } from '../trips/trip-status.machine';
import { TripAccessService } from '../trips/trip-access.service';
import { TripsRepository } from '../trips/trips.repository';
import { PreAuthUsers } from '../users/pre-auth-users.repository';
import { CalendarFeedsRepository, FeedKey, FeedSecretValues } from './calendar-feeds.repository';
import { PreAuthCalendarFeeds } from './pre-auth-calendar-feeds.repository';
import { buildCalendar } from './trip-calendar';

/** How far back a feed reaches: recent trips stay visible in the subscribed calendar. */
const FEED_HISTORY_DAYS = 90;
const FEED_STATUSES = [
  TripStatus.Draft,
  TripStatus.Submitted,
  TripStatus.Approved,
  TripStatus.Booked,
  TripStatus.Completed,
];
const FEED_TOKEN_PURPOSE = 'calendar-feed';

@Injectable()
export class CalendarService {
  constructor(
    private readonly trips: TripsRepository,
    private readonly access: TripAccessService,
    private readonly activities: ActivitiesRepository,
    private readonly feeds: CalendarFeedsRepository,
    private readonly feedTokens: PreAuthCalendarFeeds,
    private readonly users: PreAuthUsers,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async tripCalendar(ctx: AuthContext, tripId: string): Promise<{ filename: string; body: string }> {
    const trip = await this.access.require(ctx, tripId, 'view');
    const activities = await this.activities.listForTrip(ctx, tripId);
    const filename = `${trip.title.replace(/[^\w-]+/g, '-').replace(/^-|-$/g, '') || 'trip'}.ics`;
    return { filename, body: buildCalendar(trip.title, [{ trip, activities }]) };
  }

  /**
   * The caller's feed address (of all their trips, or of one trip they may see): the same one on
   * every look, so subscribed calendars keep updating. Made on the first look.
   */
  async currentFeed(ctx: AuthContext, key: FeedKey): Promise<{ url: string }> {
    await this.assertTripVisible(ctx, key);
    const feed = await this.feeds.find(ctx, key);
    if (feed?.tokenSeed) return this.urlOf(feed.tokenSeed);
    // A feed made before addresses could be shown again has no seed: it gets one now.
    if (feed) return this.resetFeed(ctx, key);
    await this.feeds.insertIfAbsent(ctx, key, this.newSecret());
    return this.urlOf((await this.feeds.find(ctx, key))!.tokenSeed!);
  }

  /** A new address; the previous one stops working (for a leaked address). */
  async resetFeed(ctx: AuthContext, key: FeedKey): Promise<{ url: string }> {
    await this.assertTripVisible(ctx, key);
    const secret = this.newSecret();
    await this.feeds.replace(ctx, key, secret);
    return this.urlOf(secret.tokenSeed);
  }

  async revokeFeed(ctx: AuthContext, key: FeedKey): Promise<void> {
    await this.assertTripVisible(ctx, key);
    await this.feeds.revoke(ctx, key);
  }

  /**
   * The feed behind a token: the owner's trips (as traveller) from 90 days ago on, or the one trip
   * of a trip feed while its owner may still see it.
   */
  async feed(token: string): Promise<string> {
    const feed = await this.feedTokens.findByTokenHash(hashToken(this.config.sessionSecret, token));
    const owner = feed ? await this.users.findSessionState(feed.userId) : null;
    if (!feed || !owner?.active) throw new NotFoundError('Calendar feed');
    const ctx: AuthContext = { userId: owner.id, organizationId: owner.organizationId, role: owner.role };
    if (feed.tripId) {
      const trip = await this.access.require(ctx, feed.tripId, 'view').catch((error: unknown) => {
        throw error instanceof NotFoundError ? new NotFoundError('Calendar feed') : error;
      });
      return buildCalendar(trip.title, [{ trip, activities: await this.activities.listForTrip(ctx, trip.id) }]);
    }
    const since = new Date(Date.now() - FEED_HISTORY_DAYS * 86_400_000).toISOString().slice(0, 10);
    const trips = await this.trips.listForFeed(ctx, since, FEED_STATUSES);
    const entries = await Promise.all(
      trips.map(async (trip) => ({ trip, activities: await this.activities.listForTrip(ctx, trip.id) })),
    );
    return buildCalendar('NestMap trips', entries);
  }

  private async assertTripVisible(ctx: AuthContext, { tripId }: FeedKey): Promise<void> {
    if (tripId) await this.access.require(ctx, tripId, 'view');
  }

  private newSecret(): FeedSecretValues {
    const tokenSeed = newOpaqueToken();
    return { tokenSeed, tokenHash: hashToken(this.config.sessionSecret, this.tokenOf(tokenSeed)) };
  }

  private tokenOf(seed: string): string {
    return tokenFromSeed(this.config.sessionSecret, FEED_TOKEN_PURPOSE, seed);
  }

  private urlOf(seed: string): { url: string } {
    return { url: `${this.config.webUrl.replace(/\/$/, '')}/api/calendar/${this.tokenOf(seed)}.ics` };
  }
}
