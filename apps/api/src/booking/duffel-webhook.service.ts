import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error';
import { BookingErrorCode, CommonErrorCode } from '../common/errors/error-codes';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { FLIGHT_SUPPLIER, type FlightSupplier, SupplierError } from '../flights/supplier/flight-supplier';
import { BookingOrders } from './booking-orders';
import { BookingStatus } from './booking-status.machine';
import { BookingsRepository } from './bookings.repository';
import { PreAuthBookings } from './pre-auth-bookings.repository';
import { webhookSignatureProblem } from './webhook-signature';

/** The part of a Duffel webhook event we read; anything else in it is ignored. */
interface DuffelEvent {
  id: string;
  type: string;
  data: { object: Record<string, unknown> };
}

export interface WebhookAnswer {
  received: true;
  /** What it did (the booking's new status, or why nothing). */
  outcome: string;
}

/**
 * Duffel's webhooks (docs/booking.md § Airline changes): signed over the raw body, delivered at
 * least once and in no particular order. An event id handled before is acknowledged and ignored;
 * handlers read the order from Duffel (never trust the event's copy) and move the booking only by
 * the state machine's compare-and-sets, so a late or repeated event cannot roll state back.
 */
@Injectable()
export class DuffelWebhookService {
  private readonly logger = new Logger(DuffelWebhookService.name);

  constructor(
    @Inject(FLIGHT_SUPPLIER) private readonly supplier: FlightSupplier,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly lookups: PreAuthBookings,
    private readonly bookings: BookingsRepository,
    private readonly orders: BookingOrders,
  ) {}

  async receive(rawBody: string | undefined, signature: string | string[] | undefined): Promise<WebhookAnswer> {
    const problem = webhookSignatureProblem(signature, rawBody ?? '', this.config.booking.duffelWebhookSecret);
    if (problem) {
      this.logger.warn({ problem }, 'Duffel webhook refused: bad signature; nothing changed');
      throw new DomainError(
        BookingErrorCode.WebhookSignatureInvalid,
        'The webhook signature is missing, invalid or too old',
      );
    }
    const event = parseEvent(rawBody!);
    if (await this.lookups.seen(event.id)) return { received: true, outcome: 'duplicate' };
    const outcome = await this.handle(event);
    // Recorded after handling: a failure is retried by Duffel; two concurrent deliveries both apply the same idempotent step.
    const first = await this.lookups.record(event.id, event.type, outcome);
    this.logger.log({ eventId: event.id, type: event.type, outcome }, 'Duffel webhook handled');
    return { received: true, outcome: first ? outcome : 'duplicate' };
  }

  private async handle(event: DuffelEvent): Promise<string> {
    const object = event.data.object;
    switch (event.type) {
      case 'ping.triggered':
        return 'pong';
      case 'order.created':
        return this.orderCreated(text(object.id), metadataBookingId(object));
      case 'order.creation_failed':
        return this.orderCreationFailed(metadataBookingId(object));
      case 'order.airline_initiated_change_detected':
        return this.airlineChange(text(object.order_id) ?? text(object.id));
      default:
        return 'ignored';
    }
  }

  /** The order exists: a booking still `ordering` (its request lost the answer) is confirmed now. */
  private async orderCreated(orderId: string | null, bookingId: string | null): Promise<string> {
    if (!orderId) return 'no_order';
    const found = await this.lookups.findByOrder(orderId, bookingId);
    if (!found) return 'unknown_order';
    const booking = await this.bookings.getById(found.ctx, found.id);
    if (booking.status !== BookingStatus.Ordering) return booking.status;
    const order = await this.supplier.getOrder(orderId);
    return (await this.orders.confirm(found.ctx, found.id, { kind: 'flight', order })).status;
  }

  /** The order was not made: a booking still `ordering` fails, once the supplier confirms it has no order for it. */
  private async orderCreationFailed(bookingId: string | null): Promise<string> {
    if (!bookingId) return 'no_booking';
    const found = await this.lookups.findByOrder('', bookingId);
    if (!found) return 'unknown_booking';
    const booking = await this.bookings.getById(found.ctx, found.id);
    if (booking.status !== BookingStatus.Ordering) return booking.status;
    const since = new Date((booking.orderingStartedAt ?? booking.createdAt).getTime() - 5 * 60_000);
    const order = await this.supplier.findOrderByBookingId(found.id, since);
    if (order) return (await this.orders.confirm(found.ctx, found.id, { kind: 'flight', order })).status;
    const failed = await this.orders.fail(found.ctx, found.id, {
      code: BookingErrorCode.SupplierRefused,
      message: 'The airline could not issue the order; nothing was booked. Search again',
    });
    return failed ? BookingStatus.Failed : booking.status;
  }

  /** The airline changed the flights: the booking and the itinerary follow the order as Duffel has it now. */
  private async airlineChange(orderId: string | null): Promise<string> {
    if (!orderId) return 'no_order';
    const found = await this.lookups.findByOrder(orderId, null);
    if (!found) return 'unknown_order';
    let order;
    try {
      order = await this.supplier.getOrder(orderId);
    } catch (error) {
      if (error instanceof SupplierError && error.failure === 'not_found') return 'unknown_order';
      throw error;
    }
    const note = 'Check the new times in the itinerary; cancel the booking from the trip if they no longer suit you.';
    const changed = await this.orders.applyAirlineChange(found.ctx, found.id, order, note);
    return changed ? BookingStatus.ChangedByAirline : (await this.bookings.getById(found.ctx, found.id)).status;
  }
}

/** The event, checked: an id, a type and a data object (else 400: Duffel does not retry a 4xx forever). */
function parseEvent(rawBody: string): DuffelEvent {
  let value: unknown;
  try {
    value = JSON.parse(rawBody);
  } catch {
    value = null;
  }
  const event = value as Partial<DuffelEvent> | null;
  const object = event?.data?.object;
  if (
    !event ||
    typeof event.id !== 'string' ||
    !/^[\w-]{1,100}$/.test(event.id) ||
    typeof event.type !== 'string' ||
    !object ||
    typeof object !== 'object'
  ) {
    throw new DomainError(
      CommonErrorCode.MalformedRequest,
      'Not a Duffel webhook event: id, type and data.object are required',
    );
  }
  return event as DuffelEvent;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 && value.length <= 200 ? value : null;
}

function metadataBookingId(object: Record<string, unknown>): string | null {
  const metadata = object.metadata as Record<string, unknown> | undefined;
  return text(metadata?.booking_id);
}
