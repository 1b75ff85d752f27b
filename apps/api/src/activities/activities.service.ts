import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../common/auth/auth-context';
import { TransactionRunner } from '../common/database/transaction-runner';
import { DomainEvents } from '../events/domain-events';
import { DomainError, StaleVersionError } from '../common/errors/domain-error';
import { ActivityErrorCode, CommonErrorCode } from '../common/errors/error-codes';
import type { Conversion } from '../currency/exchange-rates.service';
import type { Trip } from '../trips/trip.entity';
import { TripBudget } from '../trips/trip-budget';
import { TripAccessService } from '../trips/trip-access.service';
import { Activity } from './activity.entity';
import { toActivityResponse } from './activity.mapper';
import { activityTimeProblem } from './activity-time';
import { ActivitiesRepository } from './activities.repository';
import { ActivityResponse, CreateActivityDto, ItineraryResponse, UpdateActivityDto } from './dto/activity.dto';
import { detectConflicts } from './itinerary-conflicts';

const DEFAULT_ZONE = 'UTC';

const TIME_PROBLEMS = {
  ends_before_start: { code: ActivityErrorCode.EndsBeforeStart, message: 'endsAt must be after startsAt' },
  outside_trip_dates: {
    code: ActivityErrorCode.OutsideTrip,
    message: "The activity must fall within the trip's dates (read in the activity's time zone)",
  },
} as const;

/**
 * The itinerary of a trip. Every use case first checks the trip through the trip access table, so
 * an activity is reachable exactly when its trip is visible to the caller (404 otherwise).
 */
@Injectable()
export class ActivitiesService {
  constructor(
    private readonly db: TransactionRunner,
    private readonly access: TripAccessService,
    private readonly activities: ActivitiesRepository,
    private readonly budget: TripBudget,
    private readonly events: DomainEvents,
  ) {}

  async itinerary(ctx: AuthContext, tripId: string): Promise<ItineraryResponse> {
    await this.access.require(ctx, tripId, 'view');
    return this.itineraryOf(ctx, tripId);
  }

  create(ctx: AuthContext, tripId: string, dto: CreateActivityDto): Promise<ActivityResponse> {
    return this.db.run(async () => {
      // The row lock serialises writers of one trip, so the budget check below cannot race.
      const trip = await this.editableTrip(ctx, tripId);
      const activity = Object.assign(new Activity(), {
        tripId,
        title: dto.title,
        type: dto.type,
        startsAt: new Date(dto.startsAt),
        endsAt: dto.endsAt ? new Date(dto.endsAt) : null,
        timezone: dto.timezone ?? trip.timezone ?? DEFAULT_ZONE,
        endTimezone: dto.endTimezone ?? null,
        locationName: dto.locationName ?? null,
        latitude: dto.latitude ?? null,
        longitude: dto.longitude ?? null,
        notes: dto.notes ?? null,
        costAmount: dto.cost?.amount ?? null,
        costCurrency: dto.cost?.currency ?? null,
        bookingReference: dto.bookingReference ?? null,
      });
      Object.assign(activity, costRateFields(await this.budget.conversionFor(ctx, trip, dto.cost ?? null)));
      await this.check(ctx, trip, activity);
      // Time order places it; among activities starting together it comes last.
      activity.position = await this.activities.nextPosition(ctx, tripId);
      const saved = await this.activities.insert(ctx, activity);
      await this.activities.renumber(ctx, tripId);
      const created = await this.activities.getById(ctx, saved.id);
      await this.events.publish(ctx, 'activity.created', {
        tripId,
        activityId: saved.id,
        title: saved.title,
        version: created.version,
      });
      return toActivityResponse(created);
    });
  }

  /**
   * Edits an activity. With `version` the write is a compare-and-set, as for trips: a stale version
   * is a 409 with code STALE_VERSION, never a silent overwrite of someone else's edit.
   */
  update(ctx: AuthContext, id: string, dto: UpdateActivityDto): Promise<ActivityResponse> {
    return this.db.run(async () => {
      const current = await this.activities.getById(ctx, id);
      const trip = await this.editableTrip(ctx, current.tripId);
      const changes: Partial<Activity> = {};
      if (dto.title !== undefined) changes.title = dto.title;
      if (dto.type !== undefined) changes.type = dto.type;
      if (dto.startsAt !== undefined) changes.startsAt = new Date(dto.startsAt);
      const retimed = changes.startsAt !== undefined && changes.startsAt.getTime() !== current.startsAt.getTime();
      // Retimed, it lands in its new place, after anything already starting at the same instant.
      if (retimed) changes.position = await this.activities.nextPosition(ctx, current.tripId);
      if (dto.endsAt !== undefined) changes.endsAt = dto.endsAt ? new Date(dto.endsAt) : null;
      if (dto.timezone !== undefined) changes.timezone = dto.timezone;
      if (dto.endTimezone !== undefined) changes.endTimezone = dto.endTimezone;
      if (dto.locationName !== undefined) changes.locationName = dto.locationName;
      if (dto.latitude !== undefined) changes.latitude = dto.latitude;
      if (dto.longitude !== undefined) changes.longitude = dto.longitude;
      if (dto.notes !== undefined) changes.notes = dto.notes;
      if (dto.bookingReference !== undefined) changes.bookingReference = dto.bookingReference;
      if (dto.cost !== undefined) {
        // A new cost is converted at today's rate; an unchanged one keeps the rate recorded with it.
        Object.assign(changes, { costAmount: dto.cost?.amount ?? null, costCurrency: dto.cost?.currency ?? null });
        Object.assign(changes, costRateFields(await this.budget.conversionFor(ctx, trip, dto.cost ?? null)));
      }
      await this.check(ctx, trip, { ...current, ...changes } as Activity);
      if (!(await this.activities.updateIfVersion(ctx, id, dto.version, changes))) {
        throw new StaleVersionError('activity', dto.version, (await this.activities.getById(ctx, id)).version);
      }
      if (retimed) await this.activities.renumber(ctx, current.tripId);
      const updated = await this.activities.getById(ctx, id);
      await this.events.publish(ctx, 'activity.updated', {
        tripId: current.tripId,
        activityId: id,
        title: updated.title,
        version: updated.version,
      });
      return toActivityResponse(updated);
    });
  }

  async remove(ctx: AuthContext, id: string): Promise<void> {
    await this.db.run(async () => {
      const activity = await this.activities.getById(ctx, id);
      await this.editableTrip(ctx, activity.tripId);
      await this.activities.deleteById(ctx, id);
      await this.activities.renumber(ctx, activity.tripId);
      await this.events.publish(ctx, 'activity.deleted', {
        tripId: activity.tripId,
        activityId: id,
        title: activity.title,
      });
    });
  }

  /**
   * Sets the manual order; the list must name every activity of the trip exactly once. Times win:
   * only activities that start at the same instant may change places (no 12:30 lunch above an
   * 11:00 call).
   */
  reorder(ctx: AuthContext, tripId: string, activityIds: string[]): Promise<ItineraryResponse> {
    return this.db.run(async () => {
      await this.editableTrip(ctx, tripId);
      const existing = new Map(
        (await this.activities.listForTrip(ctx, tripId)).map((activity) => [activity.id, activity]),
      );
      const same = existing.size === activityIds.length && activityIds.every((id) => existing.has(id));
      if (!same)
        throw new DomainError(
          ActivityErrorCode.OrderIncomplete,
          'activityIds must list every activity of the trip exactly once',
        );
      const starts = activityIds.map((id) => existing.get(id)!.startsAt.getTime());
      if (starts.some((start, index) => index > 0 && start < starts[index - 1])) {
        throw new DomainError(
          ActivityErrorCode.OrderContradictsTime,
          'Activities keep their time order; only activities starting at the same time can be reordered',
        );
      }
      await this.activities.reorder(ctx, tripId, activityIds);
      await this.events.publish(ctx, 'activity.reordered', { tripId });
      return this.itineraryOf(ctx, tripId);
    });
  }

  private async itineraryOf(ctx: AuthContext, tripId: string): Promise<ItineraryResponse> {
    const activities = await this.activities.listForTrip(ctx, tripId);
    return { items: activities.map(toActivityResponse), conflicts: detectConflicts(activities) };
  }

  /** The trip, locked, when the caller may change its itinerary now. */
  private editableTrip(ctx: AuthContext, tripId: string): Promise<Trip> {
    return this.access.require(ctx, tripId, 'edit_itinerary', { lock: true });
  }

  /** Time rules, coordinates in pairs, and the budget in every currency (R17). */
  private async check(ctx: AuthContext, trip: Trip, activity: Activity): Promise<void> {
    const problem = activityTimeProblem(activity, trip);
    if (problem) throw new DomainError(TIME_PROBLEMS[problem].code, TIME_PROBLEMS[problem].message);
    if ((activity.latitude === null) !== (activity.longitude === null)) {
      throw new DomainError(CommonErrorCode.CoordinatesIncomplete, 'latitude and longitude go together');
    }
    await this.budget.assertActivityFits(ctx, trip, activity);
  }
}

function costRateFields(conversion: Conversion | null): Pick<Activity, 'costRate' | 'costRateDate'> {
  return { costRate: conversion?.rate ?? null, costRateDate: conversion?.date ?? null };
}
