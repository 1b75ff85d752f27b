import { Inject, Injectable } from '@nestjs/common';
import { ActivitiesRepository } from '../activities/activities.repository';
import { toActivityResponse } from '../activities/activity.mapper';
import type { AuthContext } from '../common/auth/auth-context';
import { hashToken, newOpaqueToken } from '../common/auth/opaque-token';
import { UserRole } from '../common/auth/user-role';
import { TransactionRunner } from '../common/database/transaction-runner';
import { NotFoundError } from '../common/errors/domain-error';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DomainEvents } from '../events/domain-events';
import { TripAccessService } from '../trips/trip-access.service';
import { TripsRepository } from '../trips/trips.repository';
import type {
  CreatedShareLinkResponse,
  ShareLinkListResponse,
  ShareLinkResponse,
  SharedTripResponse,
} from './dto/share-link.dto';
import { PreAuthShareLinks } from './pre-auth-share-links.repository';
import type { ShareLink } from './share-link.entity';
import { ShareLinksRepository } from './share-links.repository';

const DEFAULT_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Read-only links to a trip for people outside the company (docs/collaboration.md). Whoever may
 * `share` the trip makes and revokes them; the token is shown once and only its keyed hash is
 * stored. The public read shows the itinerary and map data, never costs, people or comments.
 */
@Injectable()
export class ShareLinksService {
  constructor(
    private readonly db: TransactionRunner,
    private readonly access: TripAccessService,
    private readonly links: ShareLinksRepository,
    private readonly publicLinks: PreAuthShareLinks,
    private readonly trips: TripsRepository,
    private readonly activities: ActivitiesRepository,
    private readonly events: DomainEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(ctx: AuthContext, tripId: string): Promise<ShareLinkListResponse> {
    await this.access.require(ctx, tripId, 'share');
    return { items: (await this.links.listForTrip(ctx, tripId)).map(toShareLinkResponse) };
  }

  create(ctx: AuthContext, tripId: string, expiresInDays = DEFAULT_DAYS): Promise<CreatedShareLinkResponse> {
    return this.db.run(async () => {
      await this.access.require(ctx, tripId, 'share');
      const token = newOpaqueToken();
      const link = await this.links.insert(ctx, {
        tripId,
        tokenHash: hashToken(this.config.sessionSecret, token),
        expiresAt: new Date(Date.now() + expiresInDays * DAY_MS),
        revokedAt: null,
        createdById: ctx.userId,
      });
      await this.events.publish(ctx, 'share_link.created', {
        tripId,
        shareLinkId: link.id,
        expiresAt: link.expiresAt.toISOString(),
      });
      return { ...toShareLinkResponse(link), url: `${this.config.webUrl.replace(/\/$/, '')}/share/${token}` };
    });
  }

  revoke(ctx: AuthContext, id: string): Promise<void> {
    return this.db.run(async () => {
      const link = await this.links.getById(ctx, id);
      await this.access.require(ctx, link.tripId, 'share');
      await this.links.revoke(ctx, id);
      await this.events.publish(ctx, 'share_link.revoked', { tripId: link.tripId, shareLinkId: id });
    });
  }

  /** The public read: 404 for an unknown, revoked or expired token, the same answer for each. */
  async shared(token: string): Promise<SharedTripResponse> {
    const link = await this.publicLinks.findLive(hashToken(this.config.sessionSecret, token));
    if (!link) throw new NotFoundError('Shared trip');
    // No caller: the token is the credential. The repositories read only the organization from this.
    const scope: AuthContext = { userId: '', organizationId: link.organizationId, role: UserRole.Traveller };
    const trip = await this.trips.getById(scope, link.tripId);
    const activities = await this.activities.listForTrip(scope, link.tripId);
    return {
      title: trip.title,
      destination: trip.destination,
      destinationCountry: trip.destinationCountry,
      startDate: trip.startDate,
      endDate: trip.endDate,
      timezone: trip.timezone,
      latitude: trip.latitude,
      longitude: trip.longitude,
      activities: activities.map(toActivityResponse).map((activity) => ({
        title: activity.title,
        type: activity.type,
        startsAt: activity.startsAt,
        endsAt: activity.endsAt,
        timezone: activity.timezone,
        endTimezone: activity.endTimezone,
        locationName: activity.locationName,
        latitude: activity.latitude,
        longitude: activity.longitude,
      })),
      expiresAt: new Date(link.expiresAt).toISOString(),
    };
  }
}

function toShareLinkResponse(link: ShareLink): ShareLinkResponse {
  return {
    id: link.id,
    tripId: link.tripId,
    expiresAt: link.expiresAt.toISOString(),
    revokedAt: link.revokedAt?.toISOString() ?? null,
    active: link.revokedAt === null && link.expiresAt.getTime() > Date.now(),
    createdAt: link.createdAt.toISOString(),
  };
}
