import { Inject, Injectable } from '@nestjs/common';
import { ActivitiesRepository } from '../activities/activities.repository';
import type { AuthContext } from '../common/auth/auth-context';
import { hashToken, newOpaqueToken } from '../common/auth/opaque-token';
import { NotFoundError } from '../common/errors/domain-error';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { TripStatus } from '../trips/trip-status.machine';
import { TripsRepository } from '../trips/trips.repository';
import { UsersRepository } from '../users/users.repository';
import { CalendarFeedsRepository } from './calendar-feeds.repository';
import { buildCalendar } from './trip-calendar';

/** How far back a feed reaches: recent trips stay visible in the subscribed calendar. */
const FEED_HISTORY_DAYS = 90;
const FEED_STATUSES = [TripStatus.Draft, TripStatus.Submitted, TripStatus.Approved, TripStatus.Booked, TripStatus.Completed];

@Injectable()
export class CalendarService {
  constructor(
    private readonly trips: TripsRepository,
    private readonly activities: ActivitiesRepository,
    private readonly feeds: CalendarFeedsRepository,
    private readonly users: UsersRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async tripCalendar(ctx: AuthContext, tripId: string): Promise<{ filename: string; body: string }> {
    const trip = await this.trips.getVisible(ctx, tripId);
    const activities = await this.activities.listForTrip(ctx, tripId);
    const filename = `${trip.title.replace(/[^\w-]+/g, '-').replace(/^-|-$/g, '') || 'trip'}.ics`;
    return { filename, body: buildCalendar(trip.title, [{ trip, activities }]) };
  }

  /** A new secret feed URL for the caller's own trips; any earlier URL stops working. */
  async createFeed(ctx: AuthContext): Promise<{ url: string }> {
    const token = newOpaqueToken();
    await this.feeds.replace(ctx, hashToken(this.config.sessionSecret, token));
    return { url: `${this.config.webUrl.replace(/\/$/, '')}/api/calendar/${token}.ics` };
  }

  async revokeFeed(ctx: AuthContext): Promise<void> {
    await this.feeds.revoke(ctx);
  }

  /** The feed behind a token: the owner's trips (as traveller) from 90 days ago on. */
  async feed(token: string): Promise<string> {
    const feed = await this.feeds.findByTokenHash(hashToken(this.config.sessionSecret, token));
    const owner = feed ? await this.users.findSessionState(feed.userId) : null;
    if (!feed || !owner?.active) throw new NotFoundError('Calendar feed');
    const ctx: AuthContext = { userId: owner.id, organizationId: owner.organizationId, role: owner.role };
    const since = new Date(Date.now() - FEED_HISTORY_DAYS * 86_400_000).toISOString().slice(0, 10);
    const trips = await this.trips.listForFeed(ctx, since, FEED_STATUSES);
    const entries = await Promise.all(trips.map(async (trip) => ({ trip, activities: await this.activities.listForTrip(ctx, trip.id) })));
    return buildCalendar('NestMap trips', entries);
  }
}
