import { Injectable } from '@nestjs/common';
import { AuditRepository } from '../audit/audit.repository';
import type { AuthContext } from '../common/auth/auth-context';
import { TransactionRunner } from '../common/database/transaction-runner';
import { DomainError, ErrorCode, StaleVersionError } from '../common/errors/domain-error';
import { Page, toPage } from '../common/http/pagination.dto';
import { MailService } from '../mail/mail.service';
import { placeTypedDestination } from '../places/place-search';
import { timezoneAt } from '../places/places.index';
import type { User } from '../users/user.entity';
import { UserRole } from '../common/auth/user-role';
import { UsersRepository } from '../users/users.repository';
import { CreateTripDto, TripQuery, TripResponse, UpdateTripDto } from './dto/trip.dto';
import { TripDetailResponse } from './dto/trip-decision.dto';
import { TripBudget } from './trip-budget';
import { tripDecisionOf } from './trip-decision';
import { Trip } from './trip.entity';
import { toTripResponse } from './trip.mapper';
import { STEP_PERMISSION } from './trip-access';
import { TripAccessService } from './trip-access.service';
import { IllegalTransitionError, transition, TripAction, TripStatus } from './trip-status.machine';
import { TripChanges, TripsRepository } from './trips.repository';

const PAST_TENSE: Record<TripAction, string> = {
  submit: 'submitted',
  approve: 'approved',
  reject: 'rejected',
  revise: 'revised',
  cancel: 'cancelled',
  complete: 'completed',
  book: 'booked',
};

@Injectable()
export class TripsService {
  constructor(
    private readonly db: TransactionRunner,
    private readonly trips: TripsRepository,
    private readonly access: TripAccessService,
    private readonly users: UsersRepository,
    private readonly audit: AuditRepository,
    private readonly mail: MailService,
    private readonly budget: TripBudget,
  ) {}

  async list(ctx: AuthContext, query: TripQuery): Promise<Page<TripResponse>> {
    const [trips, total] = await this.trips.list(ctx, query);
    return toPage(trips.map((trip) => toTripResponse(trip, ctx)), total, query);
  }

  async get(ctx: AuthContext, id: string): Promise<TripDetailResponse> {
    const trip = await this.trips.getVisible(ctx, id);
    return { ...toTripResponse(trip, ctx), ...(await tripDecisionOf(this.audit, ctx, id)) };
  }

  create(ctx: AuthContext, dto: CreateTripDto): Promise<TripResponse> {
    // A destination typed without picking a suggestion is placed when its text is unambiguous.
    dto = { ...dto, ...placeTypedDestination(dto) };
    checkDates(dto.startDate, dto.endDate);
    checkCoordinates(dto.latitude, dto.longitude);
    return this.db.run(async () => {
      const travellerId = await this.travellerFor(ctx, dto.travellerId);
      const trip = await this.trips.insert(ctx, {
        title: dto.title,
        destination: dto.destination,
        destinationCountry: dto.destinationCountry ?? null,
        timezone: dto.timezone ?? defaultTimezone(dto.latitude, dto.longitude),
        startDate: dto.startDate,
        endDate: dto.endDate,
        purpose: dto.purpose ?? null,
        budgetAmount: dto.budget?.amount ?? null,
        budgetCurrency: dto.budget?.currency ?? null,
        latitude: dto.latitude ?? null,
        longitude: dto.longitude ?? null,
        travellerId,
        status: TripStatus.Draft,
      });
      await this.audit.record(ctx, { action: 'trip.created', entityType: 'trip', entityId: trip.id, data: { title: trip.title } });
      return toTripResponse(await this.trips.getById(ctx, trip.id), ctx);
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
      const { version, budget, ...fields } = dto;
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
      return toTripResponse(await this.trips.getById(ctx, id), ctx);
    });
  }

  async remove(ctx: AuthContext, id: string): Promise<void> {
    await this.db.run(async () => {
      const trip = await this.access.require(ctx, id, 'delete', { lock: true });
      await this.trips.deleteById(ctx, id);
      await this.audit.record(ctx, { action: 'trip.deleted', entityType: 'trip', entityId: id, data: { title: trip.title } });
    });
  }

  /**
   * One lifecycle step (state machine in trip-status.machine.ts), recorded in the audit log and
   * announced by e-mail in the same transaction. The status write is conditional on the status
   * read, so two concurrent steps cannot both apply.
   */
  step(ctx: AuthContext, id: string, action: TripAction, reason?: string): Promise<TripResponse> {
    return this.db.run(async () => {
      const trip = await this.access.require(ctx, id, STEP_PERMISSION[action], { step: action });
      // Only after existence (404) and authorization (403): a refused caller learns nothing from the body.
      if (action === 'reject' && !reason) throw new DomainError(ErrorCode.InvalidInput, 'A reason is required to reject a trip');
      const next = nextStatus(trip.status, action);
      if (!(await this.trips.updateStatusIf(ctx, id, trip.status, next))) {
        throw new DomainError(ErrorCode.Conflict, 'The trip changed meanwhile; reload and try again');
      }
      await this.audit.record(ctx, {
        action: `trip.${PAST_TENSE[action]}`,
        entityType: 'trip',
        entityId: id,
        data: { from: trip.status, to: next, ...(reason ? { reason } : {}) },
      });
      await this.announce(ctx, trip, next, reason);
      return toTripResponse(await this.trips.getById(ctx, id), ctx);
    });
  }

  private async announce(ctx: AuthContext, trip: Trip, status: TripStatus, reason?: string): Promise<void> {
    const traveller = await this.users.getById(ctx, trip.travellerId);
    const dates = `${trip.startDate} – ${trip.endDate}`;
    if (status === TripStatus.Submitted) {
      const approvers = (await this.users.listApprovers(ctx)).filter((user) => user.id !== trip.travellerId);
      for (const approver of approvers) {
        await this.mail.enqueue({
          organizationId: ctx.organizationId,
          to: approver.email,
          subject: `Approval needed: ${trip.title}`,
          text: `${traveller.name} submitted "${trip.title}" (${trip.destination}, ${dates}) for approval.\n\nReview it in NestMap's approvals queue.`,
        });
      }
    } else if (status === TripStatus.Approved || status === TripStatus.Rejected) {
      await this.mail.enqueue({
        organizationId: ctx.organizationId,
        to: traveller.email,
        subject: `Your trip "${trip.title}" was ${status}`,
        text: `Your trip "${trip.title}" (${trip.destination}, ${dates}) was ${status}.${reason ? `\n\n${status === TripStatus.Approved ? 'Comment' : 'Reason'}: ${reason}` : ''}`,
      });
    }
  }

  /** The traveller of a new trip: the caller, or a colleague when a manager/admin plans it. */
  private async travellerFor(ctx: AuthContext, travellerId: string | undefined): Promise<string> {
    if (!travellerId || travellerId === ctx.userId) return ctx.userId;
    if (ctx.role === UserRole.Traveller) {
      throw new DomainError(ErrorCode.Forbidden, 'Only managers and admins can plan trips for colleagues');
    }
    const traveller: User | null = await this.users.findById(ctx, travellerId);
    if (!traveller?.active) throw new DomainError(ErrorCode.RuleViolation, 'travellerId is not an active member of your organization');
    return traveller.id;
  }
}

function nextStatus(from: TripStatus, action: TripAction): TripStatus {
  try {
    return transition(from, action);
  } catch (error) {
    if (error instanceof IllegalTransitionError) {
      throw new DomainError(ErrorCode.Conflict, `Cannot ${action} a trip that is ${from}`);
    }
    throw error;
  }
}

function checkDates(startDate: string, endDate: string): void {
  if (endDate < startDate) throw new DomainError(ErrorCode.InvalidInput, 'endDate must not be before startDate');
}

function checkCoordinates(latitude: number | undefined, longitude: number | undefined): void {
  if ((latitude === undefined) !== (longitude === undefined)) {
    throw new DomainError(ErrorCode.InvalidInput, 'latitude and longitude go together');
  }
}

function defaultTimezone(latitude: number | undefined, longitude: number | undefined): string | null {
  return latitude !== undefined && longitude !== undefined ? timezoneAt(latitude, longitude) : null;
}
