import { Injectable, OnModuleInit } from '@nestjs/common';
import { contextOf, type OneOf } from '../events/event-map';
import { EventHandlers } from '../events/event-handlers';
import { AUDIT_ACTIONS, type AuditEntityType } from './audit-actions';
import { AuditRepository } from './audit.repository';

/** Every audit action is recorded from the domain event of the same name (the compiler checks each exists). */
const EVENTS = AUDIT_ACTIONS;

type Audited = OneOf<(typeof EVENTS)[number]>;

interface Entry {
  entityType: AuditEntityType;
  entityId: string;
  data: Record<string, unknown>;
}

/**
 * Writes the audit log from domain events: one row per event, stamped with the time of the change
 * (the event's), idempotent on the event id. Itinerary edits (activity events) are not audited.
 */
@Injectable()
export class AuditRecorder implements OnModuleInit {
  readonly name = 'audit.recorder';
  readonly events = EVENTS;

  constructor(
    private readonly handlers: EventHandlers,
    private readonly audit: AuditRepository,
  ) {}

  onModuleInit(): void {
    this.handlers.subscribe(this);
  }

  async handle(event: Audited): Promise<void> {
    await this.audit.record(contextOf(event), {
      eventId: event.id,
      action: event.type,
      createdAt: event.occurredAt,
      ...entryOf(event),
    });
  }
}

function entryOf(event: Audited): Entry {
  switch (event.type) {
    case 'trip.created':
    case 'trip.deleted':
      return { entityType: 'trip', entityId: event.payload.tripId, data: { title: event.payload.title } };
    case 'trip.submitted':
    case 'trip.approved':
    case 'trip.rejected':
    case 'trip.revised':
    case 'trip.booked':
    case 'trip.unbooked':
    case 'trip.completed':
    case 'trip.cancelled': {
      // Absent fields (undefined) are left out of the stored JSON.
      const { tripId, from, to, reason, policy, policyVersion, automatic } = event.payload;
      return { entityType: 'trip', entityId: tripId, data: { from, to, reason, policy, policyVersion, automatic } };
    }
    case 'member.role_changed': {
      const { userId, name, from, to } = event.payload;
      return { entityType: 'user', entityId: userId, data: { name, from, to } };
    }
    case 'member.deactivated':
    case 'member.reactivated':
      return { entityType: 'user', entityId: event.payload.userId, data: { name: event.payload.name } };
    case 'invitation.created':
    case 'invitation.accepted':
      return {
        entityType: 'invitation',
        entityId: event.payload.invitationId,
        data: { email: event.payload.email, role: event.payload.role },
      };
    case 'invitation.revoked':
      return { entityType: 'invitation', entityId: event.payload.invitationId, data: { email: event.payload.email } };
    case 'policy.updated':
      return {
        entityType: 'policy',
        entityId: event.organizationId,
        data: { version: event.payload.version, changed: event.payload.changed },
      };
    case 'booking.requested':
    case 'booking.approved':
    case 'booking.rejected':
    case 'booking.ordering':
    case 'booking.confirmed':
    case 'booking.failed':
    case 'booking.cancellation_quoted':
    case 'booking.cancelled':
    case 'booking.changed_by_airline': {
      // Who flies and the flights are in the booking; the audit row keeps the step and the money.
      const { bookingId, tripId, from, to, amount, currency, supplier, bookingReference, reason, policy } =
        event.payload;
      return {
        entityType: 'booking',
        entityId: bookingId,
        data: { tripId, from, to, amount, currency, supplier, bookingReference, reason, policy },
      };
    }
  }
}
