import { Injectable, OnModuleInit } from '@nestjs/common';
import { contextOf, type BookingPayload, type OneOf } from '../events/event-map';
import { EventHandlers } from '../events/event-handlers';
import { MailService } from '../mail/mail.service';
import { UsersRepository } from '../users/users.repository';
import { BookingApprovalLinks } from './booking-approval-links';

const EVENTS = [
  'booking.requested',
  'booking.rejected',
  'booking.confirmed',
  'booking.failed',
  'booking.cancelled',
  'booking.changed_by_airline',
] as const;

/**
 * E-mails about flight and hotel bookings: a booking waiting for approval to the organization's approvers
 * (not the booker or its passengers), each with an approval link of their own, and every outcome
 * to the booker and the passengers. Sandbox bookings say so in the subject and the text: nobody is
 * flying. Queued in the handler's transaction, so a redelivered event queues nothing twice.
 */
@Injectable()
export class BookingNotifier implements OnModuleInit {
  /** Stored in outbox rows: keep it when moving the class. */
  readonly name = 'mail.booking-notifier';
  readonly events = EVENTS;

  constructor(
    private readonly handlers: EventHandlers,
    private readonly users: UsersRepository,
    private readonly mail: MailService,
    private readonly links: BookingApprovalLinks,
  ) {}

  onModuleInit(): void {
    this.handlers.subscribe(this);
  }

  async handle(event: OneOf<(typeof EVENTS)[number]>): Promise<void> {
    const ctx = contextOf(event);
    const booking = event.payload;
    const sandbox = booking.supplier === 'sandbox';
    const label = sandbox ? '[Sandbox] ' : '';
    const stay = booking.kind === 'stay';
    const note = !sandbox
      ? ''
      : stay
        ? '\n\nThis is a SANDBOX booking made with NestMap’s simulated supplier: no room was reserved.'
        : '\n\nThis is a SANDBOX booking made with NestMap’s simulated supplier: no ticket was issued and nobody is flying.';
    const noun = stay ? 'Hotel' : 'Flight';
    if (event.type === 'booking.requested') {
      const involved = new Set([booking.bookerId, ...booking.passengerIds]);
      const approvers = (await this.users.listApprovers(ctx)).filter((user) => !involved.has(user.id));
      for (const approver of approvers) {
        // The link is made here, in the delivery's transaction: its token is in this e-mail only, never in an event.
        const link = await this.links.create(ctx, booking.bookingId, approver.id);
        await this.mail.enqueue({
          organizationId: event.organizationId,
          to: approver.email,
          subject: `${label}${noun} booking needs approval: ${booking.tripTitle}`,
          text: `A ${noun.toLowerCase()} booking for "${booking.tripTitle}" (${money(booking)}) is out of the travel policy and waits for your approval.\n\n${lines(booking)}\n\nReview and decide it (the link asks you to confirm; it works for 72 hours, for you only):\n${link}\n\nor in NestMap's approvals queue.${note}`,
        });
      }
      return;
    }
    const { subject, text } = stay ? stayWording(event.type, booking) : wording(event.type, booking);
    for (const id of new Set([booking.bookerId, ...booking.passengerIds])) {
      const user = await this.users.findById(ctx, id);
      if (!user) continue;
      await this.mail.enqueue({
        organizationId: event.organizationId,
        to: user.email,
        subject: `${label}${subject}`,
        text: `${text}${note}`,
      });
    }
  }
}

function wording(
  type: Exclude<(typeof EVENTS)[number], 'booking.requested'>,
  booking: BookingPayload,
): { subject: string; text: string } {
  const flights = booking.flights.join('\n');
  switch (type) {
    case 'booking.confirmed':
      return {
        subject: `Flight booked: ${booking.tripTitle} (${booking.bookingReference})`,
        text: `Your flights for "${booking.tripTitle}" are booked.\n\nBooking reference: ${booking.bookingReference}\n${flights}\n\nTotal: ${money(booking)}, invoiced to your organization.\nThe flights are in the trip's itinerary.`,
      };
    case 'booking.rejected':
      return {
        subject: `Flight booking rejected: ${booking.tripTitle}`,
        text: `The flight booking for "${booking.tripTitle}" (${money(booking)}) was rejected; nothing was booked.${booking.reason ? `\n\nReason: ${booking.reason}` : ''}\n\n${flights}`,
      };
    case 'booking.failed':
      return {
        subject: `Flight booking failed: ${booking.tripTitle}`,
        text: `The flight booking for "${booking.tripTitle}" could not be made; nothing was booked.${booking.reason ? `\n\n${booking.reason}` : ''}\n\n${flights}`,
      };
    case 'booking.cancelled':
      return {
        subject: `Flight booking cancelled: ${booking.tripTitle} (${booking.bookingReference})`,
        text: `The flights of booking ${booking.bookingReference} for "${booking.tripTitle}" are cancelled and have left the itinerary.\n\n${flights}`,
      };
    case 'booking.changed_by_airline':
      return {
        subject: `The airline changed your flights: ${booking.tripTitle} (${booking.bookingReference})`,
        text: `The airline changed booking ${booking.bookingReference} for "${booking.tripTitle}". Your itinerary shows the new flights:\n\n${flights}${booking.reason ? `\n\n${booking.reason}` : ''}`,
      };
  }
}

function stayWording(
  type: Exclude<(typeof EVENTS)[number], 'booking.requested'>,
  booking: BookingPayload,
): { subject: string; text: string } {
  const stay = lines(booking);
  switch (type) {
    case 'booking.confirmed':
      return {
        subject: `Hotel booked: ${booking.tripTitle} (${booking.bookingReference ?? 'confirmation to follow'})`,
        text: `Your stay for "${booking.tripTitle}" is booked.\n\nConfirmation number: ${booking.bookingReference ?? 'the hotel has not given one yet'}\n${stay}\n\nTotal: ${money(booking)}, invoiced to your organization.\nThe stay is in the trip's itinerary.`,
      };
    case 'booking.rejected':
      return {
        subject: `Hotel booking rejected: ${booking.tripTitle}`,
        text: `The hotel booking for "${booking.tripTitle}" (${money(booking)}) was rejected; nothing was booked.${booking.reason ? `\n\nReason: ${booking.reason}` : ''}\n\n${stay}`,
      };
    case 'booking.failed':
      return {
        subject: `Hotel booking failed: ${booking.tripTitle}`,
        text: `The hotel booking for "${booking.tripTitle}" could not be made; nothing was booked.${booking.reason ? `\n\n${booking.reason}` : ''}\n\n${stay}`,
      };
    case 'booking.cancelled':
    case 'booking.changed_by_airline':
      return {
        subject: `Hotel booking cancelled: ${booking.tripTitle} (${booking.bookingReference ?? ''})`,
        text: `The stay of booking ${booking.bookingReference ?? ''} for "${booking.tripTitle}" is cancelled and has left the itinerary.\n\n${stay}`,
      };
  }
}

/** What was booked, one line each: the flights, or the stay. */
function lines(booking: BookingPayload): string {
  return booking.stay ? booking.stay : booking.flights.join('\n');
}

function money(booking: BookingPayload): string {
  return `${booking.amount} ${booking.currency}`;
}
