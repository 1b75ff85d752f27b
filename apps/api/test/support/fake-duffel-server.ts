import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { zoneOffsetMinutes } from '../../src/activities/iso-in-zone';
import { findAirport } from '../../src/places/airports.index';
import { createFakeStays, type FakeStays, STAYS_ROUTE_PATTERNS, type StaysRoute } from './fake-duffel-stays';

/**
 * A local server speaking Duffel's wire format (API v2) for the routes NestMap uses, so the real SDK
 * (`@duffel/api`, node-fetch) is tested end to end: `{ data }` envelopes, list `meta` cursors, local
 * segment times beside each airport's `time_zone`, and Duffel's errors
 * `{ errors: [{ type, title, message, code, documentation_url }], meta: { status, request_id } }`.
 * Shapes follow duffelhq/duffel-api-javascript's types and mock objects; the data is our own.
 *
 *   const duffel = await startFakeDuffel();   // DUFFEL_BASE_URL = duffel.url, any DUFFEL_API_KEY
 *   duffel.inject('POST /air/orders', Faults.rateLimited(1));
 *   duffel.ordersCreated                      // orders actually made (20 concurrent bookings → 1)
 *   await duffel.close();
 */

export type Route =
  | 'POST /air/offer_requests'
  | 'GET /air/offers'
  | 'GET /air/offers/:id'
  | 'POST /air/orders'
  | 'GET /air/orders'
  | 'GET /air/orders/:id'
  | 'POST /air/order_cancellations'
  | 'POST /air/order_cancellations/:id/actions/confirm'
  | StaysRoute;

export interface Fault {
  /** Answer with this status and Duffel error (omit for a delay only). */
  status?: number;
  type?: string;
  code?: string;
  message?: string;
  headers?: Record<string, string>;
  /** Wait this long before answering (a slow Duffel; longer than the client's timeout is a timeout). */
  delayMs?: number;
  /** Do the work first (create the order…), then answer with the fault: the answer is lost, the order exists. */
  afterAction?: boolean;
  /** Answer this body instead (with `status`, default 200): a malformed or hostile answer. */
  body?: unknown;
}

/** The faults the adapter must turn into clear SupplierErrors. */
export const Faults = {
  offerExpired: (): Fault => ({
    status: 422,
    type: 'invalid_state_error',
    code: 'offer_no_longer_available',
    message: 'The selected offer is no longer available.',
  }),
  priceChanged: (): Fault => ({
    status: 422,
    type: 'invalid_state_error',
    code: 'price_changed',
    message: 'The price of the offer has changed since it was retrieved.',
  }),
  validation: (message = 'Field is invalid'): Fault => ({
    status: 422,
    type: 'validation_error',
    code: 'invalid_data',
    message,
  }),
  rateLimited: (retryAfterSeconds = 1): Fault => ({
    status: 429,
    type: 'rate_limit_error',
    code: 'rate_limit_exceeded',
    message: 'Too many requests.',
    headers: { 'retry-after': String(retryAfterSeconds) },
  }),
  serverError: (status = 500): Fault => ({
    status,
    type: 'api_error',
    code: 'internal_server_error',
    message: 'Something went wrong.',
  }),
  slow: (delayMs: number): Fault => ({ delayMs }),
  /** A 200 whose body is not what Duffel documents (checked before use, S17). */
  malformed: (data: unknown = { id: 'off_x', total_amount: 'free', slices: [] }): Fault => ({
    status: 200,
    body: { data },
  }),
  /** The order is made, then the connection's answer is a 500: our side never hears of it. */
  lostAnswer: (): Fault => ({ ...Faults.serverError(), afterAction: true }),
};

export interface FakeOrderRecord {
  id: string;
  bookingId: string | null;
  offerId: string;
  createdAt: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingMessage['headers'];
  body: unknown;
}

interface Stored {
  offerRequests: Map<string, { id: string; offers: string[]; passengers: Array<{ id: string; type: string }> }>;
  offers: Map<string, Record<string, any>>;
  orders: Map<string, Record<string, any>>;
  cancellations: Map<string, Record<string, any>>;
}

export interface FakeDuffel {
  readonly url: string;
  /** Orders actually created (the afterAction faults included). */
  readonly ordersCreated: number;
  readonly orders: FakeOrderRecord[];
  readonly requests: RecordedRequest[];
  /** Duffel Stays' routes (fake-duffel-stays.ts): bookings made, a sold-out rate, result expiry. */
  readonly stays: FakeStays;
  /** How many requests reached a route (faulted ones included). */
  count(route: Route): number;
  /** The next `times` requests to `route` meet `fault` (in order of injection). */
  inject(route: Route, fault: Fault, times?: number): void;
  /** Every order creation waits this long before it is made (concurrency tests). */
  setOrderDelay(ms: number): void;
  /** Offers of later searches expire this long after creation (default 30 min). */
  setOfferTtl(ms: number): void;
  /** Changes an offer's price after the search: an order paying the old amount gets `price_changed`. */
  reprice(offerId: string, totalAmount: string): void;
  /** Clears faults, counters, the request log and `orders`/`ordersCreated`; what was stored stays readable. */
  reset(): void;
  close(): Promise<void>;
}

export async function startFakeDuffel(): Promise<FakeDuffel> {
  const store: Stored = { offerRequests: new Map(), offers: new Map(), orders: new Map(), cancellations: new Map() };
  const faults = new Map<Route, Fault[]>();
  const counts = new Map<Route, number>();
  const orderRecords: FakeOrderRecord[] = [];
  const requests: RecordedRequest[] = [];
  const stays = createFakeStays();
  let orderDelayMs = 0;
  let offerTtlMs = 30 * 60_000;

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent)
        sendError(response, 500, { type: 'api_error', code: 'internal_server_error', message: String(error) });
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://fake-duffel');
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const body = raw ? JSON.parse(raw) : undefined;
    const method = request.method ?? 'GET';
    const path = url.pathname.replace(/\/+$/, '');
    requests.push({ method, path, query: Object.fromEntries(url.searchParams), headers: request.headers, body });

    if (request.headers.authorization?.startsWith('Bearer ') !== true) {
      return sendError(response, 401, {
        type: 'authentication_error',
        code: 'missing_authorization',
        message: 'Authorization required',
      });
    }
    if (request.headers['duffel-version'] !== 'v2') {
      return sendError(response, 400, {
        type: 'invalid_request_error',
        code: 'unsupported_version',
        message: 'Duffel-Version v2 is required',
      });
    }
    const [route, id] = routeOf(method, path);
    if (!route)
      return sendError(response, 404, { type: 'invalid_request_error', code: 'not_found', message: 'No such route' });
    counts.set(route, (counts.get(route) ?? 0) + 1);

    const fault = faults.get(route)?.shift();
    if (fault?.delayMs) await sleep(fault.delayMs);
    if (fault?.body !== undefined) return send(response, fault.status ?? 200, fault.body);
    if (fault?.status && !fault.afterAction) {
      return sendError(response, fault.status, fault, fault.headers);
    }
    const [status, answer] = await act(route, id, url.searchParams, body?.data);
    if (fault?.status && fault.afterAction) return sendError(response, fault.status, fault, fault.headers);
    if (status >= 400) return sendError(response, status, answer as ErrorBody);
    send(response, status, answer);
  }

  async function act(
    route: Route,
    id: string | undefined,
    query: URLSearchParams,
    data: any,
  ): Promise<[number, unknown]> {
    if (isStaysRoute(route)) return stays.act(route, id, query, data);
    switch (route) {
      case 'POST /air/offer_requests':
        return createOfferRequest(data, query);
      case 'GET /air/offers': {
        const offerRequest = store.offerRequests.get(query.get('offer_request_id') ?? '');
        if (!offerRequest) return [404, notFound('offer request')];
        let offers = offerRequest.offers.map((offerId) => store.offers.get(offerId)!);
        if (query.get('sort') === 'total_amount')
          offers = [...offers].sort((a, b) => Number(a.total_amount) - Number(b.total_amount));
        const limit = Number(query.get('limit') ?? 50);
        return [200, { data: offers.slice(0, limit), meta: { limit, after: null, before: null } }];
      }
      case 'GET /air/offers/:id': {
        const offer = store.offers.get(id!);
        return offer ? [200, { data: offer }] : [404, notFound('offer')];
      }
      case 'POST /air/orders':
        if (orderDelayMs) await sleep(orderDelayMs);
        return createOrder(data);
      case 'GET /air/orders': {
        // Newest first, paginated with an opaque `after` cursor, as Duffel lists orders.
        const all = [...store.orders.values()].reverse();
        const limit = Math.min(200, Number(query.get('limit') ?? 50));
        const start = query.get('after') ? Number(Buffer.from(query.get('after')!, 'base64url').toString()) : 0;
        const page = all.slice(start, start + limit);
        const after = start + limit < all.length ? Buffer.from(String(start + limit)).toString('base64url') : null;
        return [200, { data: page, meta: { limit, after, before: null } }];
      }
      case 'GET /air/orders/:id': {
        const order = store.orders.get(id!);
        return order ? [200, { data: order }] : [404, notFound('order')];
      }
      case 'POST /air/order_cancellations': {
        const order = store.orders.get(data?.order_id);
        if (!order) return [404, notFound('order')];
        if (order.cancelled_at)
          return [
            422,
            { type: 'invalid_state_error', code: 'already_cancelled', message: 'The order is already cancelled' },
          ];
        const refundable = order.conditions.refund_before_departure;
        const refund = refundable?.allowed
          ? Math.max(0, Number(order.total_amount) - Number(refundable.penalty_amount ?? 0))
          : 0;
        const cancellation = {
          id: duffelId('ore'),
          order_id: order.id,
          refund_amount: refund.toFixed(2),
          refund_currency: order.total_currency,
          refund_to: 'balance',
          expires_at: new Date(Date.now() + 15 * 60_000).toISOString(),
          confirmed_at: null,
          created_at: new Date().toISOString(),
          live_mode: false,
          airline_credits: [],
        };
        store.cancellations.set(cancellation.id, cancellation);
        return [201, { data: cancellation }];
      }
      case 'POST /air/order_cancellations/:id/actions/confirm': {
        const cancellation = store.cancellations.get(id!);
        if (!cancellation) return [404, notFound('order cancellation')];
        if (!cancellation.confirmed_at) {
          if (Date.parse(cancellation.expires_at) <= Date.now()) {
            return [
              422,
              {
                type: 'invalid_state_error',
                code: 'order_cancellation_expired',
                message: 'The cancellation has expired',
              },
            ];
          }
          cancellation.confirmed_at = new Date().toISOString();
          const order = store.orders.get(cancellation.order_id)!;
          order.cancelled_at = cancellation.confirmed_at;
          order.cancellation = cancellation;
        }
        return [200, { data: cancellation }];
      }
    }
  }

  function createOfferRequest(data: any, query: URLSearchParams): [number, unknown] {
    const slices: Array<{ origin: string; destination: string; departure_date: string }> = data?.slices ?? [];
    const airports = slices.map((slice) => [findAirport(slice.origin), findAirport(slice.destination)] as const);
    if (slices.length === 0 || !Array.isArray(data?.passengers) || data.passengers.length === 0) {
      return [422, { type: 'validation_error', code: 'invalid_data', message: 'slices and passengers are required' }];
    }
    if (airports.some(([origin, destination]) => !origin || !destination)) {
      return [422, { type: 'validation_error', code: 'invalid_data', message: 'Unknown airport' }];
    }
    const passengers = data.passengers.map((passenger: { type?: string }) => ({
      id: duffelId('pas'),
      type: passenger.type ?? 'adult',
    }));
    const offerRequest = { id: duffelId('orq'), offers: [] as string[], passengers };
    const now = new Date();
    // Three fares per search: a cheap non-refundable, a standard, and a flexible one.
    const fares = [
      { total: 210, refund: null, change: { allowed: false } },
      { total: 320.5, refund: { allowed: false }, change: { allowed: true, penalty: '75.00' } },
      { total: 540, refund: { allowed: true, penalty: '50.00' }, change: { allowed: true, penalty: '0.00' } },
    ];
    fares.forEach((fare, n) => {
      const total = (fare.total * passengers.length).toFixed(2);
      const offer = {
        id: duffelId('off'),
        live_mode: false,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
        expires_at: new Date(now.getTime() + offerTtlMs).toISOString(),
        total_amount: total,
        total_currency: 'GBP',
        base_amount: (Number(total) * 0.8).toFixed(2),
        base_currency: 'GBP',
        tax_amount: (Number(total) * 0.2).toFixed(2),
        tax_currency: 'GBP',
        total_emissions_kg: String(180 * passengers.length * slices.length),
        owner: airline('BA', 'British Airways'),
        partial: false,
        passenger_identity_documents_required: false,
        supported_passenger_identity_document_types: ['passport'],
        supported_loyalty_programmes: [],
        private_fares: [],
        available_services: [],
        payment_requirements: {
          requires_instant_payment: false,
          price_guarantee_expires_at: null,
          payment_required_by: null,
        },
        passengers: passengers.map((passenger: { id: string; type: string }) => ({
          id: passenger.id,
          type: passenger.type,
          age: null,
          fare_type: null,
        })),
        conditions: {
          refund_before_departure: fare.refund && condition(fare.refund),
          change_before_departure: fare.change && condition(fare.change),
        },
        slices: slices.map((slice, i) =>
          offerSlice(
            slice.departure_date,
            airports[i][0]!,
            airports[i][1]!,
            n,
            data.cabin_class ?? 'economy',
            passengers,
          ),
        ),
      };
      store.offers.set(offer.id, offer);
      offerRequest.offers.push(offer.id);
    });
    store.offerRequests.set(offerRequest.id, offerRequest);
    const returnOffers = query.get('return_offers') !== 'false';
    const answer = {
      id: offerRequest.id,
      live_mode: false,
      created_at: now.toISOString(),
      cabin_class: data.cabin_class ?? null,
      passengers,
      slices: slices.map((slice, i) => ({
        origin: place(airports[i][0]!),
        destination: place(airports[i][1]!),
        origin_type: 'airport',
        destination_type: 'airport',
        departure_date: slice.departure_date,
      })),
      ...(returnOffers ? { offers: offerRequest.offers.map((offerId) => store.offers.get(offerId)) } : {}),
    };
    return [201, { data: answer }];
  }

  function createOrder(data: any): [number, unknown] {
    const offerId = data?.selected_offers?.[0];
    const offer = store.offers.get(offerId);
    if (!offer) return [404, notFound('offer')];
    if (Date.parse(offer.expires_at) <= Date.now()) {
      return [
        422,
        {
          type: 'invalid_state_error',
          code: 'offer_no_longer_available',
          message: 'The selected offer is no longer available.',
        },
      ];
    }
    const payment = data.payments?.[0];
    if (data.type !== 'instant' || payment?.type !== 'balance') {
      return [
        422,
        { type: 'validation_error', code: 'invalid_data', message: 'instant orders are paid from the balance here' },
      ];
    }
    if (payment.amount !== offer.total_amount || payment.currency !== offer.total_currency) {
      return [
        422,
        {
          type: 'invalid_state_error',
          code: 'price_changed',
          message: 'The price of the offer has changed since it was retrieved.',
        },
      ];
    }
    const expected = offer.passengers
      .map((passenger: { id: string }) => passenger.id)
      .sort()
      .join();
    const given = (data.passengers ?? [])
      .map((passenger: { id: string }) => passenger.id)
      .sort()
      .join();
    const required = ['given_name', 'family_name', 'born_on', 'gender', 'title', 'email', 'phone_number'];
    if (
      expected !== given ||
      data.passengers.some((passenger: Record<string, unknown>) => required.some((field) => !passenger[field]))
    ) {
      return [422, { type: 'validation_error', code: 'invalid_data', message: 'passengers do not match the offer' }];
    }
    const now = new Date().toISOString();
    const order = {
      id: duffelId('ord'),
      live_mode: false,
      created_at: now,
      synced_at: now,
      booking_reference: randomBytes(6)
        .toString('base64')
        .replace(/[^A-Z0-9]/gi, 'X')
        .toUpperCase()
        .slice(0, 6),
      total_amount: offer.total_amount,
      total_currency: offer.total_currency,
      base_amount: offer.base_amount,
      base_currency: offer.base_currency,
      tax_amount: offer.tax_amount,
      tax_currency: offer.tax_currency,
      owner: offer.owner,
      slices: offer.slices,
      passengers: data.passengers.map(({ id, ...rest }: { id: string }) => ({ id, ...rest })),
      conditions: offer.conditions,
      metadata: data.metadata ?? null,
      documents: [
        {
          type: 'electronic_ticket',
          unique_identifier: String(Date.now()).slice(-13),
          passenger_ids: offer.passengers.map((p: { id: string }) => p.id),
        },
      ],
      payment_status: {
        awaiting_payment: false,
        paid_at: now,
        payment_required_by: null,
        price_guarantee_expires_at: null,
      },
      available_actions: ['cancel', 'change'],
      airline_initiated_changes: [],
      cancellation: null,
      cancelled_at: null,
      services: [],
      type: 'instant',
    };
    store.orders.set(order.id, order);
    orderRecords.push({ id: order.id, bookingId: order.metadata?.booking_id ?? null, offerId, createdAt: now });
    return [201, { data: order }];
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

  return {
    url,
    get ordersCreated() {
      return orderRecords.length;
    },
    get orders() {
      return [...orderRecords];
    },
    requests,
    stays,
    count: (route) => counts.get(route) ?? 0,
    inject(route, fault, times = 1) {
      const queue = faults.get(route) ?? [];
      for (let i = 0; i < times; i += 1) queue.push(fault);
      faults.set(route, queue);
    },
    setOrderDelay(ms) {
      orderDelayMs = ms;
    },
    setOfferTtl(ms) {
      offerTtlMs = ms;
    },
    reprice(offerId, totalAmount) {
      const offer = store.offers.get(offerId);
      if (!offer) throw new Error(`fake Duffel: no offer ${offerId}`);
      offer.total_amount = totalAmount;
    },
    reset() {
      faults.clear();
      counts.clear();
      requests.length = 0;
      orderRecords.length = 0;
      stays.reset();
      orderDelayMs = 0;
      offerTtlMs = 30 * 60_000;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

type ErrorBody = { type?: string; code?: string; message?: string; title?: string };

const isStaysRoute = (route: Route): route is StaysRoute => route.includes(' /stays/');

function routeOf(method: string, path: string): [Route | null, string | undefined] {
  const patterns: Array<[Route, RegExp]> = [
    ['POST /air/offer_requests', /^\/air\/offer_requests$/],
    ['GET /air/offers', /^\/air\/offers$/],
    ['GET /air/offers/:id', /^\/air\/offers\/([\w-]+)$/],
    ['POST /air/orders', /^\/air\/orders$/],
    ['GET /air/orders', /^\/air\/orders$/],
    ['GET /air/orders/:id', /^\/air\/orders\/([\w-]+)$/],
    ['POST /air/order_cancellations', /^\/air\/order_cancellations$/],
    ['POST /air/order_cancellations/:id/actions/confirm', /^\/air\/order_cancellations\/([\w-]+)\/actions\/confirm$/],
    ...STAYS_ROUTE_PATTERNS,
  ];
  for (const [route, pattern] of patterns) {
    const match = route.startsWith(`${method} `) ? pattern.exec(path) : null;
    if (match) return [route, match[1]];
  }
  return [null, undefined];
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'x-request-id': requestId(),
    ...headers,
  });
  response.end(JSON.stringify(body));
}

function sendError(
  response: ServerResponse,
  status: number,
  error: ErrorBody,
  headers: Record<string, string> = {},
): void {
  const id = requestId();
  send(
    response,
    status,
    {
      errors: [
        {
          type: error.type ?? 'api_error',
          title: error.title ?? error.message ?? 'Error',
          message: error.message ?? 'Error',
          code: error.code ?? 'unknown',
          documentation_url: `https://duffel.com/docs/api/overview/errors`,
        },
      ],
      meta: { status, request_id: id },
    },
    headers,
  );
}

const notFound = (what: string): ErrorBody => ({
  type: 'invalid_request_error',
  code: 'not_found',
  message: `The ${what} was not found`,
});
const requestId = () => randomBytes(10).toString('base64url');
const duffelId = (prefix: string) => `${prefix}_0000${randomBytes(11).toString('base64url').replace(/[-_]/g, 'A')}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function airline(iata: string, name: string) {
  return {
    id: `arl_${iata}`,
    iata_code: iata,
    name,
    logo_symbol_url: null,
    logo_lockup_url: null,
    conditions_of_carriage_url: null,
  };
}

function condition({ allowed, penalty }: { allowed: boolean; penalty?: string }) {
  return {
    allowed,
    penalty_amount: allowed ? (penalty ?? null) : null,
    penalty_currency: allowed && penalty ? 'GBP' : null,
  };
}

type BundledAirport = NonNullable<ReturnType<typeof findAirport>>;

function place(airport: BundledAirport) {
  return {
    type: 'airport',
    id: `arp_${airport.iata.toLowerCase()}_${airport.countryCode.toLowerCase()}`,
    iata_code: airport.iata,
    icao_code: null,
    name: airport.name,
    city_name: airport.city,
    iata_city_code: null,
    iata_country_code: airport.countryCode,
    latitude: airport.latitude,
    longitude: airport.longitude,
    time_zone: airport.timezone,
    city: null,
  };
}

/** One non-stop segment leaving at 09:00 + 2 h per fare, local wall time (no offset), as Duffel writes it. */
function offerSlice(
  date: string,
  origin: BundledAirport,
  destination: BundledAirport,
  n: number,
  cabin: string,
  passengers: Array<{ id: string }>,
) {
  const hour = String(9 + n * 2).padStart(2, '0');
  const departing = `${date}T${hour}:05:00`;
  // Arrival 7 h 40 later, written in the destination's wall time.
  const wall = Date.parse(`${departing}Z`);
  const departUtc = wall - zoneOffsetMinutes(origin.timezone, wall) * 60_000;
  const arriveUtc = departUtc + 460 * 60_000;
  const arriving = new Date(arriveUtc + zoneOffsetMinutes(destination.timezone, arriveUtc) * 60_000)
    .toISOString()
    .slice(0, 19);
  const segment = {
    id: duffelId('seg'),
    origin: place(origin),
    destination: place(destination),
    origin_terminal: '5',
    destination_terminal: '7',
    departing_at: departing,
    arriving_at: arriving,
    duration: 'PT7H40M',
    distance: null,
    marketing_carrier: airline('BA', 'British Airways'),
    marketing_carrier_flight_number: String(170 + n),
    operating_carrier: airline('BA', 'British Airways'),
    operating_carrier_flight_number: String(170 + n),
    aircraft: { id: 'arc_789', iata_code: '789', name: 'Boeing 787-9' },
    stops: [],
    passengers: passengers.map((passenger) => ({
      passenger_id: passenger.id,
      cabin_class: cabin,
      cabin_class_marketing_name: cabin === 'economy' ? 'Economy' : 'Club World',
      fare_basis_code: 'OLGB7',
      baggages: [{ type: 'checked', quantity: 1 }],
      cabin: null,
    })),
  };
  return {
    id: duffelId('sli'),
    origin: place(origin),
    destination: place(destination),
    origin_type: 'airport',
    destination_type: 'airport',
    duration: 'PT7H40M',
    fare_brand_name: ['Basic', 'Standard', 'Flex'][n],
    segments: [segment],
    conditions: {
      change_before_departure: null,
      refund_before_departure: null,
      priority_boarding: false,
      priority_check_in: false,
      advance_seat_selection: false,
    },
    comparison_key: randomBytes(4).toString('base64'),
    ngs_shelf: 1,
  };
}
