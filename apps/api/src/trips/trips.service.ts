import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../common/auth/auth-context';
import { TransactionRunner } from '../common/database/transaction-runner';
import { DomainError, StaleVersionError } from '../common/errors/domain-error';
import { CommonErrorCode, TripErrorCode } from '../common/errors/error-codes';
import { Page, toPage } from '../common/http/pagination.dto';
import { DomainEvents } from '../events/domain-events';
import type { TripStepPayload } from '../events/event-map';
import { placeTypedDestination } from '../places/place-search';
import { timezoneAt } from '../places/places.index';
import type { PolicyVerdict } from '../policy/policy-verdict';
import { TripPolicyService } from '../policy/trip-policy.service';
import type { User } from '../users/user.entity';
import { UserRole } from '../common/auth/user-role';
import { UsersRepository } from '../users/users.repository';
import { CreateTripDto, TripQuery, TripResponse, UpdateTripDto } from './dto/trip.dto';
import { TripDetailResponse } from './dto/trip-decision.dto';
import { TripBudget } from './trip-budget';
import { decisionColumns, submissionColumns, toTripDecision } from './trip-decision';
import { Trip } from './trip.entity';
import { toTripResponse } from './trip.mapper';
import { STEP_PERMISSION } from './trip-access';
import { TripAccessService } from './trip-access.service';
import { IllegalTransitionError, transition, TripAction, TripStatus } from './trip-status.machine';
import { TripChanges, TripsRepository } from './trips.repository';

const PAST_TENSE = {
  submit: 'submitted',
  approve: 'approved',
  reject: 'rejected',
  revise: 'revised',
  cancel: 'cancelled',
  complete: 'completed',
  book: 'booked',
} as const satisfies Record<TripAction, string>;

@Injectable()
export class TripsService {
  constructor(
    private readonly db: TransactionRunner,
    private readonly trips: TripsRepository,
    private readonly access: TripAccessService,
    private readonly users: UsersRepository,
    private readonly events: DomainEvents,
    private readonly budget: TripBudget,
    private readonly policy: TripPolicyService,
  ) {}

  async list(ctx: AuthContext, query: TripQuery): Promise<Page<TripResponse>> {
    const [trips, total] = await this.trips.list(ctx, query);
    return toPage(
      trips.map((trip) => toTripResponse(trip, ctx)),
      total,
      query,
    );
  }

  async get(ctx: AuthContext, id: string): Promise<TripDetailResponse> {
    const trip = await this.trips.getVisibleWithDecider(ctx, id);
    return { ...toTripResponse(trip, ctx), ...toTripDecision(trip) };
  }

  create(ctx: AuthContext, dto: CreateTripDto): Promise<TripResponse> {
    // A destination typed without picking a suggestion is placed when its text is unambiguous.
    dto = { ...dto, ...placeTypedDestination(dto) };
    checkDates(dto.startDate, dto.endDate);
    checkCoordinates(dto.latitude, dto.longitude);
    return this.db.run(async () => {
      const travellerId = await this.travellerFor(ctx, dto.travellerId);
      const coTravellerIds = await this.coTravellersFor(ctx, travellerId, dto.coTravellerIds ?? []);
      const trip = await this.trips.insert(ctx, {
        title: dto.title,
        destination: dto.destination,
        destinationCountry: dto.destinationCountry ?? null,
        timezone: dto.timezone ?? defaultTimezone(dto.latitude, dto.longitude),
        startDate: dto.startDate,
        endDate: dto.endDate,
        purpose: dto.purpose ?? null,
        costCentre: dto.costCentre ?? null,
        budgetAmount: dto.budget?.amount ?? null,
        budgetCurrency: dto.budget?.currency ?? null,
        latitude: dto.latitude ?? null,
        longitude: dto.longitude ?? null,
        travellerId,
        status: TripStatus.Draft,
      });
      await this.trips.replaceCoTravellers(ctx, trip.id, coTravellerIds);
      await this.events.publish(ctx, 'trip.created', { tripId: trip.id, title: trip.title });
      return toTripResponse(await this.trips.getVisibleWithTraveller(ctx, trip.id), ctx);
    });
  }

  /**
   * Edits a draft. With `version` the write is a compare-and-set: a stale version is a 409,
   * never a silent overwrite. Without it the edit applies to whatever is current.
   */
  update(ctx: AuthContext, id: string, dto: UpdateTripDto): Promise<TripResponse> {
    return this.db.run(async () => {
      // A budget change locks the row, as activity writers do, so the check sees a settled itinerary.
      const trip = await this.access.require(ctx, id, 'edit', { lock: dto.budget !== undefined });
      const { version, budget, coTravellerIds, ...fields } = dto;
      checkDates(dto.startDate ?? trip.startDate, dto.endDate ?? trip.endDate);
      checkCoordinates(dto.latitude ?? trip.latitude ?? undefined, dto.longitude ?? trip.longitude ?? undefined);
      const changes: TripChanges = { ...fields, ...placeTypedDestination(dto) };
      if (budget) {
        await this.budget.applyBudget(ctx, trip, budget);
        Object.assign(changes, { budgetAmount: budget.amount, budgetCurrency: budget.currency });
      }
      if (!(await this.trips.updateIfVersion(ctx, id, version, changes))) {
        throw new StaleVersionError('trip', version, (await this.trips.getVisible(ctx, id)).version);
      }
      // After the compare-and-set: a stale edit changes no traveller either (the transaction rolls back).
      if (coTravellerIds)
        await this.trips.replaceCoTravellers(
          ctx,
          id,
          await this.coTravellersFor(ctx, trip.travellerId, coTravellerIds),
        );
      const updated = await this.trips.getVisibleWithTraveller(ctx, id);
      await this.events.publish(ctx, 'trip.updated', { tripId: id, title: updated.title, version: updated.version });
      return toTripResponse(updated, ctx);
    });
  }

  async remove(ctx: AuthContext, id: string): Promise<void> {
    await this.db.run(async () => {
      const trip = await this.access.require(ctx, id, 'delete', { lock: true });
      await this.trips.deleteById(ctx, id);
      await this.events.publish(ctx, 'trip.deleted', { tripId: id, title: trip.title });
    });
  }

  /**
   * One lifecycle step (state machine in trip-status.machine.ts), published as a domain event in
   * the same transaction: the audit log and the e-mails follow from it (docs/events.md). The status
   * write is conditional on the status read, so two concurrent steps cannot both apply.
   */
  step(ctx: AuthContext, id: string, action: TripAction, reason?: string, reasonCode?: string): Promise<TripResponse> {
    return this.db.run(async () => {
      const trip = await this.access.require(ctx, id, STEP_PERMISSION[action], { step: action });
      // Only after existence (404) and authorization (403): a refused caller learns nothing from the body.
      if (action === 'reject' && !reason)
        throw new DomainError(TripErrorCode.RejectionReasonRequired, 'A reason is required to reject a trip');
      const next = nextStatus(trip.status, action);
      // A submission is judged against the travel policy: refused when blocked, else stored with the trip.
      const judged = action === 'submit' ? await this.policy.judgeSubmission(ctx, trip, reasonCode ?? null) : null;
      const changes = { ...stepColumns(ctx, action, reason), ...(judged ? verdictColumns(judged.verdict) : {}) };
      if (!(await this.trips.updateStatusIf(ctx, id, trip.status, next, changes))) {
        throw new DomainError(TripErrorCode.IllegalTransition, 'The trip changed meanwhile; reload and try again');
      }
      const policy = judged
        ? {
            policy: judged.verdict.verdict,
            policyVersion: judged.verdict.policyVersion,
            ...(judged.autoApprove ? { automatic: true } : {}),
          }
        : {};
      await this.events.publish(ctx, `trip.${PAST_TENSE[action]}`, {
        ...stepOf(trip, trip.status, next),
        version: trip.version + 1,
        ...(reason ? { reason } : {}),
        ...policy,
      });
      if (judged?.autoApprove) await this.approveInPolicy(ctx, trip, judged.verdict.policyVersion);
      return toTripResponse(await this.trips.getVisibleWithTraveller(ctx, id), ctx);
    });
  }

  /** The organization approves in-policy trips at once: submitted → approved, recorded as automatic. */
  private async approveInPolicy(ctx: AuthContext, trip: Trip, policyVersion: number): Promise<void> {
    const decision = decisionColumns(ctx, 'approved', null, true);
    if (!(await this.trips.updateStatusIf(ctx, trip.id, TripStatus.Submitted, TripStatus.Approved, decision))) {
      throw new DomainError(TripErrorCode.IllegalTransition, 'The trip changed meanwhile; reload and try again');
    }
    await this.events.publish(ctx, 'trip.approved', {
      ...stepOf(trip, TripStatus.Submitted, TripStatus.Approved),
      version: trip.version + 2,
      automatic: true,
      policyVersion,
    });
  }

  /**
   * The co-travellers to store: active members of the organization, in the order given, without
   * the lead (who travels anyway). Anyone who may edit the trip may name them; another
   * organization's user is refused like an unknown one (422), revealing nothing.
   */
  private async coTravellersFor(ctx: AuthContext, leadId: string, ids: readonly string[]): Promise<string[]> {
    const others = ids.filter((id) => id !== leadId);
    const active = await this.users.activeMemberIds(ctx, others);
    const refused = others.filter((id) => !active.has(id));
    if (refused.length > 0) {
      throw new DomainError(
        TripErrorCode.TravellerNotActive,
        `coTravellerIds: ${refused.join(', ')} is not an active member of your organization`,
      );
    }
    return others;
  }

  /** The traveller of a new trip: the caller, or a colleague when a manager/admin plans it. */
  private async travellerFor(ctx: AuthContext, travellerId: string | undefined): Promise<string> {
    if (!travellerId || travellerId === ctx.userId) return ctx.userId;
    if (ctx.role === UserRole.Traveller) {
      throw new DomainError(CommonErrorCode.Forbidden, 'Only managers and admins can plan trips for colleagues');
    }
    const traveller: User | null = await this.users.findById(ctx, travellerId);
    if (!traveller?.active)
      throw new DomainError(
        TripErrorCode.TravellerNotActive,
        'travellerId is not an active member of your organization',
      );
    return traveller.id;
  }
}

/** What a step records on the trip besides its status: a submission's time, a decision. */
function stepColumns(ctx: AuthContext, action: TripAction, reason: string | undefined): TripChanges {
  if (action === 'submit') return submissionColumns();
  if (action === 'approve' || action === 'reject')
    return decisionColumns(ctx, action === 'approve' ? 'approved' : 'rejected', reason || null);
  return {};
}

/** The verdict as the trip stores it, with the policy version it was judged against. */
function verdictColumns(verdict: PolicyVerdict): TripChanges {
  return {
    policyVerdict: verdict.verdict,
    policyVersion: verdict.policyVersion,
    policyReasons: verdict.reasons,
    policyReasonCode: verdict.reasonCode,
    policyCheckedAt: new Date(),
  };
}

/** A lifecycle step's event: the trip as it was, for the audit log and the e-mails. */
function stepOf(trip: Trip, from: TripStatus, to: TripStatus): TripStepPayload {
  const { id: tripId, travellerId, title, destination, startDate, endDate } = trip;
  return { tripId, travellerId, title, destination, startDate, endDate, from, to };
}

function nextStatus(from: TripStatus, action: TripAction): TripStatus {
  try {
    return transition(from, action);
  } catch (error) {
    if (error instanceof IllegalTransitionError) {
      throw new DomainError(TripErrorCode.IllegalTransition, `Cannot ${action} a trip that is ${from}`);
    }
    throw error;
  }
}

function checkDates(startDate: string, endDate: string): void {
  if (endDate < startDate) throw new DomainError(TripErrorCode.EndsBeforeStart, 'endDate must not be before startDate');
}

function checkCoordinates(latitude: number | undefined, longitude: number | undefined): void {
  if ((latitude === undefined) !== (longitude === undefined)) {
    throw new DomainError(CommonErrorCode.CoordinatesIncomplete, 'latitude and longitude go together');
  }
}

function defaultTimezone(latitude: number | undefined, longitude: number | undefined): string | null {
  return latitude !== undefined && longitude !== undefined ? timezoneAt(latitude, longitude) : null;
}
