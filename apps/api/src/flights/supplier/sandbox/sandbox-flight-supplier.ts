import { randomInt, randomUUID } from 'node:crypto';
import { IsNull, MoreThanOrEqual, type Repository } from 'typeorm';
import {
  type CancellationQuote,
  type CreateOrderRequest,
  type FlightOffer,
  type FlightOrder,
  type FlightSearchRequest,
  type FlightSearchResult,
  type FlightSupplier,
  SupplierError,
} from '../flight-supplier';
import type { SandboxFlightOrder } from './sandbox-flight-order.entity';
import { SandboxIds, sandboxPassengerIds } from './sandbox-offer-id';
import { SANDBOX_OFFER_TTL_MINUTES, type SandboxSearch, sandboxOffers } from './sandbox-offers';

const ORDER_PREFIX = 'sbx_ord_';
const CANCELLATION_PREFIX = 'sbx_ore_';
/** Like Duffel's quotes: confirm within minutes or ask again. */
const CANCELLATION_QUOTE_TTL_MS = 15 * 60_000;
/** No 0/O or 1/I: a reference read over the phone stays unambiguous. */
const REFERENCE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * The built-in supplier used when no DUFFEL_API_KEY is set: offers computed from the bundled airports
 * (sandbox-offers.ts), orders and cancellations kept in `sandbox_flight_orders`. Everything it returns
 * says `supplier: 'sandbox'`, and its booking references start with "SBX-": nobody is flying.
 */
export class SandboxFlightSupplier implements FlightSupplier {
  readonly name = 'sandbox' as const;
  private readonly ids: SandboxIds;

  constructor(
    private readonly orders: Repository<SandboxFlightOrder>,
    secret: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.ids = new SandboxIds(secret);
  }

  async search(request: FlightSearchRequest): Promise<FlightSearchResult> {
    return this.searchNow(request);
  }

  /** Synchronous core of `search`, for the bench and tests. */
  searchNow(request: FlightSearchRequest): FlightSearchResult {
    const searchedAt = new Date(Math.floor(this.now().getTime() / 1000) * 1000);
    const search: SandboxSearch = { request: normalize(request), searchedAt };
    return { supplierSearchId: this.ids.searchId(search), offers: this.offersOf(search) };
  }

  async getOffer(supplierOfferId: string): Promise<FlightOffer> {
    return this.offerNow(supplierOfferId);
  }

  private offerNow(supplierOfferId: string): FlightOffer {
    const parsed = this.ids.parseOfferId(supplierOfferId);
    if (!parsed) throw new SupplierError('not_found', 'no such sandbox offer', ['not_found']);
    // The id says when its search was made: an expired offer is known without re-deriving it.
    if (parsed.search.searchedAt.getTime() + SANDBOX_OFFER_TTL_MINUTES * 60_000 <= this.now().getTime()) {
      throw new SupplierError('offer_expired', 'the sandbox offer has expired: search again', [
        'offer_no_longer_available',
      ]);
    }
    const offer = this.offersOf(parsed.search)[parsed.index];
    if (!offer) throw new SupplierError('not_found', 'no such sandbox offer', ['not_found']);
    return offer;
  }

  async createOrder(request: CreateOrderRequest): Promise<FlightOrder> {
    const offer = this.offerNow(request.supplierOfferId);
    const { amount, currency } = request.payment.amount;
    if (currency !== offer.totalAmount.currency || Number(amount) !== Number(offer.totalAmount.amount)) {
      throw new SupplierError(
        'price_changed',
        `the offer costs ${offer.totalAmount.amount} ${offer.totalAmount.currency}, not ${amount} ${currency}`,
        ['price_changed'],
      );
    }
    const named = request.passengers.map((passenger) => passenger.supplierPassengerId).sort();
    if (named.join() !== [...offer.supplierPassengerIds].sort().join()) {
      throw new SupplierError('invalid_request', "the order must name each of the offer's passengers once", [
        'invalid_passengers',
      ]);
    }
    const row = await this.orders.save(
      this.orders.create({
        bookingId: request.bookingId,
        offerId: offer.supplierOfferId,
        bookingReference: bookingReference(),
        totalAmount: offer.totalAmount.amount,
        totalCurrency: offer.totalAmount.currency,
        passengerCount: named.length,
        slices: offer.slices,
        conditions: offer.conditions,
        cancellationId: null,
        refundAmount: null,
        cancellationExpiresAt: null,
        cancelledAt: null,
      }),
    );
    return toOrder(row);
  }

  async getOrder(supplierOrderId: string): Promise<FlightOrder> {
    return toOrder(await this.orderRow(supplierOrderId));
  }

  async findOrderByBookingId(bookingId: string, createdAfter: Date): Promise<FlightOrder | null> {
    const row = await this.orders.findOne({
      where: { bookingId, createdAt: MoreThanOrEqual(createdAfter) },
      order: { createdAt: 'DESC' },
    });
    return row && toOrder(row);
  }

  async quoteCancellation(supplierOrderId: string): Promise<CancellationQuote> {
    const row = await this.orderRow(supplierOrderId);
    if (row.cancelledAt)
      throw new SupplierError('invalid_request', 'the order is already cancelled', ['already_cancelled']);
    const now = this.now();
    if (Date.parse(row.slices[0].segments[0].departingAt) <= now.getTime()) {
      throw new SupplierError('invalid_request', 'the flight has departed', ['order_not_cancellable']);
    }
    const refund = refundOf(row);
    const cancellationId = `${CANCELLATION_PREFIX}${randomUUID()}`;
    const expiresAt = new Date(now.getTime() + CANCELLATION_QUOTE_TTL_MS);
    // Only an unconfirmed order takes a new quote: a concurrent confirm wins.
    const { affected } = await this.orders.update(
      { id: row.id, cancelledAt: IsNull() },
      { cancellationId, refundAmount: refund, cancellationExpiresAt: expiresAt },
    );
    if (!affected) throw new SupplierError('invalid_request', 'the order is already cancelled', ['already_cancelled']);
    return {
      supplierCancellationId: cancellationId,
      supplierOrderId,
      refund: { amount: refund, currency: row.totalCurrency },
      expiresAt: expiresAt.toISOString(),
      confirmedAt: null,
    };
  }

  async confirmCancellation(supplierCancellationId: string): Promise<CancellationQuote> {
    const row = supplierCancellationId.startsWith(CANCELLATION_PREFIX)
      ? await this.orders.findOneBy({ cancellationId: supplierCancellationId })
      : null;
    if (!row) throw new SupplierError('not_found', 'no such sandbox cancellation', ['not_found']);
    const quote = (confirmedAt: Date): CancellationQuote => ({
      supplierCancellationId,
      supplierOrderId: `${ORDER_PREFIX}${row.id}`,
      refund: { amount: row.refundAmount!, currency: row.totalCurrency },
      expiresAt: null,
      confirmedAt: confirmedAt.toISOString(),
    });
    // Confirming twice answers the first confirmation again, as a retried request should.
    if (row.cancelledAt) return quote(row.cancelledAt);
    const now = this.now();
    if (row.cancellationExpiresAt && row.cancellationExpiresAt.getTime() <= now.getTime()) {
      throw new SupplierError('offer_expired', 'the cancellation quote has expired: ask for a new one', [
        'cancellation_expired',
      ]);
    }
    const { affected } = await this.orders.update(
      { id: row.id, cancellationId: supplierCancellationId, cancelledAt: IsNull() },
      { cancelledAt: now },
    );
    if (!affected) {
      const latest = await this.orders.findOneBy({ id: row.id });
      if (latest?.cancelledAt && latest.cancellationId === supplierCancellationId) return quote(latest.cancelledAt);
      throw new SupplierError('offer_expired', 'the cancellation quote was replaced: ask for a new one', [
        'cancellation_expired',
      ]);
    }
    return quote(now);
  }

  private offersOf(search: SandboxSearch): FlightOffer[] {
    return sandboxOffers(search, this.ids.offerIds(search), sandboxPassengerIds(search));
  }

  private async orderRow(supplierOrderId: string): Promise<SandboxFlightOrder> {
    const id = supplierOrderId.startsWith(ORDER_PREFIX) ? supplierOrderId.slice(ORDER_PREFIX.length) : '';
    const row = /^[0-9a-f-]{36}$/.test(id) ? await this.orders.findOneBy({ id }) : null;
    if (!row) throw new SupplierError('not_found', 'no such sandbox order', ['not_found']);
    return row;
  }
}

/** Upper-case codes; what the offer ids cannot carry is refused here (sandbox-offer-id.ts). */
function normalize(request: FlightSearchRequest): FlightSearchRequest {
  const slices = request.slices.map((slice) => ({
    origin: slice.origin.trim().toUpperCase(),
    destination: slice.destination.trim().toUpperCase(),
    departureDate: slice.departureDate,
  }));
  for (const { origin, destination, departureDate } of slices) {
    for (const code of [origin, destination]) {
      if (!/^[A-Z0-9]{3}$/.test(code))
        throw new SupplierError('invalid_request', `unknown airport ${JSON.stringify(code)}`, ['unknown_airport']);
    }
    if (!/^20\d\d-\d\d-\d\d$/.test(departureDate)) {
      throw new SupplierError('invalid_request', `departure date ${JSON.stringify(departureDate)} is not a date`, [
        'invalid_date',
      ]);
    }
  }
  if (slices.length < 1 || slices.length > 6)
    throw new SupplierError('invalid_request', 'a search has 1 to 6 slices', ['invalid_slices']);
  if (!Number.isInteger(request.passengers) || request.passengers < 1 || request.passengers > 9) {
    throw new SupplierError('invalid_request', 'a search has 1 to 9 passengers', ['invalid_passengers']);
  }
  const maxConnections =
    request.maxConnections === null ? null : Math.min(9, Math.max(0, Math.trunc(request.maxConnections)));
  return { ...request, slices, maxConnections };
}

/** What the fare gives back: all of it, all but the penalty, or nothing. */
function refundOf(row: SandboxFlightOrder): string {
  const refund = row.conditions.refundBeforeDeparture;
  if (!refund?.allowed) return '0.00';
  const penalty = refund.penalty ? Number(refund.penalty.amount) : 0;
  return Math.max(0, Number(row.totalAmount) - penalty).toFixed(2);
}

function bookingReference(): string {
  let reference = 'SBX-';
  for (let i = 0; i < 6; i += 1) reference += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
  return reference;
}

function toOrder(row: SandboxFlightOrder): FlightOrder {
  return {
    supplier: 'sandbox',
    supplierOrderId: `${ORDER_PREFIX}${row.id}`,
    bookingReference: row.bookingReference,
    totalAmount: { amount: Number(row.totalAmount).toFixed(2), currency: row.totalCurrency },
    slices: row.slices,
    bookingId: row.bookingId,
    cancelled: row.cancelledAt !== null,
    createdAt: row.createdAt.toISOString(),
  };
}
