import { type Duffel, DuffelError } from '@duffel/api';
import { Logger } from '@nestjs/common';
import {
  type CancellationQuote,
  type CreateOrderRequest,
  type FlightOffer,
  type FlightOrder,
  type FlightSearchRequest,
  type FlightSearchResult,
  type FlightSupplier,
  SupplierError,
  type SupplierFailure,
} from '../flight-supplier';
import { type DuffelOffer, toCancellationQuote, toFlightOffer, toFlightOrder } from './duffel-mapper';
import { checked, duffelList, duffelOffer, duffelOfferRequest } from './duffel-response.schema';

export interface DuffelSupplierOptions {
  /** Bounds each call, its retries included. */
  timeoutMs: number;
  /** Retries after a 429 (and, for calls that change nothing, after a 502/503/504 or a lost connection). */
  maxRetries?: number;
  retryBaseMs?: number;
  /** A `retry-after` longer than this (or than the time left) is not waited for. */
  maxRetryAfterMs?: number;
  /** How many pages of recent orders the reconciler's lookup reads at most. */
  orderLookupPages?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** Whether a call may be sent again when its answer is lost: never for one that buys or cancels. */
type Replay = 'safe' | 'once';

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
  private readonly maxRetries: number;
  private readonly retryBaseMs: number;
  private readonly maxRetryAfterMs: number;
  private readonly orderLookupPages: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly duffel: Duffel,
    private readonly options: DuffelSupplierOptions,
  ) {
    this.maxRetries = options.maxRetries ?? 2;
    this.retryBaseMs = options.retryBaseMs ?? 250;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 5_000;
    this.orderLookupPages = options.orderLookupPages ?? 10;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
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
    return Date.now() + this.options.timeoutMs;
  }

  private unexpired(offer: DuffelOffer): FlightOffer {
    checked(duffelOffer, offer, 'offer');
    if (Date.parse(offer.expires_at) <= Date.now()) {
      throw new SupplierError('offer_expired', 'the offer has expired: search again', ['offer_expired']);
    }
    return toFlightOffer(offer);
  }

  /**
   * One SDK call within the deadline. The SDK cannot abort a request: at the deadline we stop
   * waiting (`timeout`) and the request may still complete at Duffel — hence never replaying a
   * `once` call, whose outcome only the supplier knows then.
   */
  private async call<T>(operation: string, replay: Replay, deadline: number, send: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt += 1) {
      let failure: SupplierError;
      let retryAfterMs: number | null = null;
      try {
        return await withDeadline(send(), deadline, operation);
      } catch (error) {
        if (error instanceof SupplierError) throw error;
        failure = toSupplierError(error, operation);
        retryAfterMs = retryAfter(error);
        const retryable =
          failure.failure === 'rate_limited' ||
          (replay === 'safe' && failure.failure === 'unavailable' && transient(error));
        if (!retryable || attempt >= this.maxRetries) throw this.logged(failure, operation);
      }
      const backoff = this.retryBaseMs * 2 ** attempt * (0.5 + Math.random() / 2);
      const wait = retryAfterMs ?? backoff;
      if (wait > this.maxRetryAfterMs || Date.now() + wait >= deadline) throw this.logged(failure, operation);
      await this.sleep(wait);
    }
  }

  private logged(error: SupplierError, operation: string): SupplierError {
    this.logger.warn(`Duffel ${operation} failed: ${error.failure} (${error.supplierCodes.join(', ') || 'no code'})`);
    return error;
  }
}

/** The SDK's error class is minified: `instanceof` is the one reliable test. */
type DuffelFailure = InstanceType<typeof DuffelError>;
const isDuffelError = (error: unknown): error is DuffelFailure => error instanceof DuffelError;

/** Duffel's error (`.status`, `.errors[].type/.code`), or a network failure, in our terms. */
export function toSupplierError(error: unknown, operation: string): SupplierError {
  if (!isDuffelError(error)) {
    // node-fetch's FetchError (refused, reset, DNS) or a body that is not Duffel's.
    return new SupplierError(
      'unavailable',
      `Duffel ${operation}: no answer (${(error as Error)?.message ?? 'unknown error'})`,
      ['network_error'],
    );
  }
  const errors = Array.isArray(error.errors) ? error.errors : [];
  const codes = [
    ...new Set(errors.flatMap((entry) => [entry.code, entry.type]).filter((code): code is string => Boolean(code))),
  ];
  const status = error.status;
  const message = `Duffel ${operation}: ${errors[0]?.message ?? errors[0]?.title ?? `HTTP ${status ?? 'error'}`}`;
  const failure: SupplierFailure = codes.some((code) => EXPIRED_CODES.has(code))
    ? 'offer_expired'
    : codes.some((code) => PRICE_CODES.has(code))
      ? 'price_changed'
      : status === 404 || codes.includes('not_found')
        ? 'not_found'
        : status === 429 || codes.includes('rate_limit_error')
          ? 'rate_limited'
          : status === 400 || status === 422
            ? 'invalid_request'
            : status === 504
              ? 'timeout'
              : 'unavailable';
  return new SupplierError(failure, message, codes.length > 0 ? codes : [`http_${status ?? 'unknown'}`]);
}

const EXPIRED_CODES = new Set(['offer_no_longer_available', 'offer_expired', 'offer_not_available']);
const PRICE_CODES = new Set(['price_changed', 'total_amount_mismatch', 'payment_amount_does_not_match_order_amount']);

/** Only a gateway's or a connection's failure is worth sending again; a 500 is Duffel's "do not retry". */
function transient(error: unknown): boolean {
  if (!isDuffelError(error)) return true;
  return error.status === 502 || error.status === 503 || error.status === 504;
}

/** `retry-after` in seconds or as an HTTP date, in milliseconds; null when absent. */
function retryAfter(error: unknown): number | null {
  if (!isDuffelError(error) || error.status !== 429) return null;
  const header = error.headers?.get?.('retry-after');
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

function withDeadline<T>(work: Promise<T>, deadline: number, operation: string): Promise<T> {
  const remaining = deadline - Date.now();
  if (remaining <= 0) {
    work.catch(() => undefined);
    return Promise.reject(new SupplierError('timeout', `Duffel ${operation}: no answer in time`, ['timeout']));
  }
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new SupplierError('timeout', `Duffel ${operation}: no answer in time`, ['timeout'])),
      remaining,
    );
  });
  work.catch(() => undefined);
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
