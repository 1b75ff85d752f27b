import type { Duffel } from '@duffel/api';
import { Logger } from '@nestjs/common';
import { DuffelCaller, type DuffelCallOptions, type Replay } from './duffel-call';
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
import { type DuffelOffer, toCancellationQuote, toFlightOffer, toFlightOrder } from './duffel-mapper';
import { checked, duffelList, duffelOffer, duffelOfferRequest } from './duffel-response.schema';

export interface DuffelSupplierOptions extends DuffelCallOptions {
  /** How many pages of recent orders the reconciler's lookup reads at most. */
  orderLookupPages?: number;
}

const OFFERS_PAGE = 200;
const ORDERS_PAGE = 50;

/**
 * The Duffel flight supplier, through the official SDK (`@duffel/api`). Failures become SupplierErrors
 * in our terms; the SDK has no idempotency key, so an order or a cancellation confirmation is never
 * sent twice by us — a lost answer is a `timeout`/`unavailable` the booking's reconciler resolves by
 * finding the order through its metadata (`findOrderByBookingId`).
 */
export class DuffelFlightSupplier implements FlightSupplier {
  readonly name = 'duffel' as const;
  private readonly logger = new Logger('DuffelFlightSupplier');
  private readonly caller: DuffelCaller;
  private readonly orderLookupPages: number;

  constructor(
    private readonly duffel: Duffel,
    private readonly options: DuffelSupplierOptions,
  ) {
    this.caller = new DuffelCaller(options, this.logger);
    this.orderLookupPages = options.orderLookupPages ?? 10;
  }

  async search(request: FlightSearchRequest): Promise<FlightSearchResult> {
    const deadline = Date.now() + this.options.timeoutMs;
    // Duffel answers with what the airlines gave within supplier_timeout: leave room for the listing.
    const supplierTimeout = Math.min(60_000, Math.max(2_000, Math.floor(this.options.timeoutMs * 0.6)));
    const offerRequest = await this.call('search', 'safe', deadline, () =>
      this.duffel.offerRequests.create({
        slices: request.slices.map((slice) => ({
          origin: slice.origin,
          destination: slice.destination,
          departure_date: slice.departureDate,
          departure_time: null,
          arrival_time: null,
        })),
        passengers: Array.from({ length: request.passengers }, () => ({ type: 'adult' as const })),
        cabin_class: request.cabin,
        ...(request.maxConnections === null
          ? {}
          : { max_connections: Math.min(2, request.maxConnections) as 0 | 1 | 2 }),
        return_offers: false,
        supplier_timeout: supplierTimeout,
      }),
    );
    checked(duffelOfferRequest, offerRequest.data, 'offer request');
    const offers = await this.call('list offers', 'safe', deadline, () =>
      this.duffel.offers.list({ offer_request_id: offerRequest.data.id, sort: 'total_amount', limit: OFFERS_PAGE }),
    );
    checked(duffelList, offers.data, 'offer list');
    return {
      supplierSearchId: offerRequest.data.id,
      offers: offers.data.map((offer) => toFlightOffer(offer, request.cabin)),
    };
  }

  async getOffer(supplierOfferId: string): Promise<FlightOffer> {
    const { data } = await this.call('get offer', 'safe', this.deadline(), () =>
      this.duffel.offers.get(supplierOfferId),
    );
    return this.unexpired(data);
  }

  async createOrder(request: CreateOrderRequest): Promise<FlightOrder> {
    const { amount, currency } = request.payment.amount;
    const { data } = await this.call('create order', 'once', this.deadline(), () =>
      this.duffel.orders.create({
        selected_offers: [request.supplierOfferId],
        type: 'instant',
        payments: [{ type: 'balance', amount, currency }],
        passengers: request.passengers.map((passenger) => ({
          id: passenger.supplierPassengerId,
          given_name: passenger.givenName,
          family_name: passenger.familyName,
          born_on: passenger.bornOn,
          gender: passenger.gender,
          title: passenger.title,
          email: passenger.email,
          phone_number: passenger.phoneNumber,
        })),
        metadata: { booking_id: request.bookingId },
      }),
    );
    return toFlightOrder(data);
  }

  async getOrder(supplierOrderId: string): Promise<FlightOrder> {
    const { data } = await this.call('get order', 'safe', this.deadline(), () =>
      this.duffel.orders.get(supplierOrderId),
    );
    return toFlightOrder(data);
  }

  /**
   * Duffel cannot filter orders by metadata: read recent orders, newest first, a bounded number of
   * pages, and stop at the first page that reaches back before `createdAfter`.
   */
  async findOrderByBookingId(bookingId: string, createdAfter: Date): Promise<FlightOrder | null> {
    const deadline = this.deadline();
    let after: string | undefined;
    for (let page = 0; page < this.orderLookupPages; page += 1) {
      const response = await this.call('list orders', 'safe', deadline, () =>
        this.duffel.orders.list({ limit: ORDERS_PAGE, ...(after ? { after } : {}) }),
      );
      checked(duffelList, response.data, 'order list');
      const match = response.data.find((order) => order.metadata?.booking_id === bookingId);
      if (match) return toFlightOrder(match);
      const reachedBack = response.data.some((order) => Date.parse(order.created_at) < createdAfter.getTime());
      after = response.meta?.after ?? undefined;
      if (reachedBack || !after || response.data.length === 0) return null;
    }
    this.logger.warn(
      `order lookup for booking ${bookingId}: no match in ${this.orderLookupPages} pages of recent orders`,
    );
    return null;
  }

  async quoteCancellation(supplierOrderId: string): Promise<CancellationQuote> {
    const { data } = await this.call('quote cancellation', 'safe', this.deadline(), () =>
      this.duffel.orderCancellations.create({ order_id: supplierOrderId }),
    );
    return toCancellationQuote(data);
  }

  async confirmCancellation(supplierCancellationId: string): Promise<CancellationQuote> {
    const { data } = await this.call('confirm cancellation', 'once', this.deadline(), () =>
      this.duffel.orderCancellations.confirm(supplierCancellationId),
    );
    return toCancellationQuote(data);
  }

  private deadline(): number {
    return this.caller.deadline();
  }

  private unexpired(offer: DuffelOffer): FlightOffer {
    checked(duffelOffer, offer, 'offer');
    if (Date.parse(offer.expires_at) <= Date.now()) {
      throw new SupplierError('offer_expired', 'the offer has expired: search again', ['offer_expired']);
    }
    return toFlightOffer(offer);
  }

  private call<T>(operation: string, replay: Replay, deadline: number, send: () => Promise<T>): Promise<T> {
    return this.caller.call(operation, replay, deadline, send);
  }
}

export { toSupplierError } from './duffel-call';
