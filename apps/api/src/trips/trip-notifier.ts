import { Injectable, OnModuleInit } from '@nestjs/common';
import { contextOf, type OneOf, type TripStepPayload } from '../events/event-map';
import { EventHandlers } from '../events/event-handlers';
import { UsersRepository } from '../users/users.repository';
import { MailService } from '../mail/mail.service';

const EVENTS = ['trip.submitted', 'trip.approved', 'trip.rejected'] as const;

/**
 * E-mails the people a trip step concerns: a submission to the organization's managers and admins
 * (not the traveller), a decision to the traveller. The mails are queued in the handler's
 * transaction, so a redelivered event queues none twice.
 */
@Injectable()
export class TripNotifier implements OnModuleInit {
  /** Stored in outbox rows: keep it when moving the class. */
  readonly name = 'mail.trip-notifier';
  readonly events = EVENTS;

  constructor(
    private readonly handlers: EventHandlers,
    private readonly users: UsersRepository,
    private readonly mail: MailService,
  ) {}

  onModuleInit(): void {
    this.handlers.subscribe(this);
  }

  async handle(event: OneOf<(typeof EVENTS)[number]>): Promise<void> {
    const ctx = contextOf(event);
    const trip = event.payload;
    const traveller = await this.users.getById(ctx, trip.travellerId);
    if (event.type === 'trip.submitted') {
      if (trip.automatic) return; // approved at once by the policy: nobody needs to review it
      const approvers = (await this.users.listApprovers(ctx)).filter((user) => user.id !== trip.travellerId);
      for (const approver of approvers) {
        await this.mail.enqueue({
          organizationId: event.organizationId,
          to: approver.email,
          subject: `Approval needed: ${trip.title}`,
          text: `${traveller.name} submitted "${trip.title}" (${trip.destination}, ${dates(trip)}) for approval.\n\nReview it in NestMap's approvals queue.`,
        });
      }
      return;
    }
    const outcome = event.type === 'trip.approved' ? 'approved' : 'rejected';
    await this.mail.enqueue({
      organizationId: event.organizationId,
      to: traveller.email,
      subject: `Your trip "${trip.title}" was ${outcome}`,
      text: `Your trip "${trip.title}" (${trip.destination}, ${dates(trip)}) was ${outcome}.${trip.reason ? `\n\n${outcome === 'approved' ? 'Comment' : 'Reason'}: ${trip.reason}` : ''}`,
    });
  }
}

function dates(trip: TripStepPayload): string {
  return `${trip.startDate} – ${trip.endDate}`;
}
