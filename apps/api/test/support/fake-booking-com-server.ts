import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for Booking.com's Demand API (v3.1), in its documented wire format
 * (developers.booking.com: the Demand API reference, the accommodation and orders guides, error
 * handling): every call a `POST` of JSON with `Authorization: Bearer <token>` and `X-Affiliate-Id`;
 * answers `{ request_id, data, next_page? }`, errors `{ request_id, errors: [{ id, message }] }`.
 * Three properties around any point, each with a non-refundable and a free-cancellation product paid
 * at the property (the third one's needs a card to guarantee it). The data is our own.
 *
 *   bcom.inject('/orders/create', BcomFaults.rateLimited(1));
 */
export type BcomRoute =
  | '/accommodations/search'
  | '/accommodations/details'
  | '/accommodations/availability'
  | '/common/locations/cities'
  | '/orders/preview'
  | '/orders/create'
  | '/orders/details'
  | '/orders/details/accommodations'
  | '/orders/cancel';

const ROUTES = new Set<string>([
  '/accommodations/search',
  '/accommodations/details',
  '/accommodations/availability',
  '/common/locations/cities',
  '/orders/preview',
  '/orders/create',
  '/orders/details',
  '/orders/details/accommodations',
  '/orders/cancel',
]);

export interface BcomFault {
  status?: number;
  id?: string;
  message?: string;
  headers?: Record<string, string>;
  delayMs?: number;
  /** Do the work (make the order…), then answer with the fault: the answer is lost. */
  afterAction?: boolean;
  /** Answer this body instead (status default 200). */
  body?: unknown;
}

export const BcomFaults = {
  rateLimited: (retryAfterSeconds = 1): BcomFault => ({
    status: 429,
    id: 'too_many_requests',
    message: 'Too many requests.',
    headers: { 'retry-after': String(retryAfterSeconds) },
  }),
  serverError: (status = 500): BcomFault => ({ status, id: 'internal_error', message: 'Something went wrong.' }),
  slow: (delayMs: number): BcomFault => ({ delayMs }),
  lostAnswer: (): BcomFault => ({
    status: 500,
    id: 'internal_error',
    message: 'Something went wrong.',
    afterAction: true,
  }),
  malformed: (data: unknown = [{ id: 'x', currency: 'euro', price: {} }]): BcomFault => ({
    body: { request_id: 'r', data },
  }),
};

export interface FakeBcomOrder {
  id: string;
  label: string | null;
  body: any;
}

export interface FakeBookingCom {
  url: string;
  readonly requests: Array<{ path: string; headers: IncomingMessage['headers']; body: any }>;
  readonly orders: FakeBcomOrder[];
  count(route: BcomRoute): number;
  inject(route: BcomRoute, fault: BcomFault, times?: number): void;
  /** The product sells out: previewing or ordering it answers 400 `sold_out`. */
  sellOut(productId: string): void;
  /** Every night of the property costs `delta` more from now on (an order token made before answers `price_changed`). */
  raisePrice(accommodation: number, delta: number): void;
  reset(): void;
  close(): Promise<void>;
}

const CITY = { id: -2140479, name: 'Amsterdam', country: 'nl' };
const HOTELS = [
  { id: 1000001, name: 'Canal View Hotel', stars: 4, nightly: 120, dx: 0.004, cardRequired: false },
  { id: 1000002, name: 'Budget Stay Centraal', stars: 2, nightly: 90, dx: -0.006, cardRequired: false },
  { id: 1000003, name: 'Grand Fake Palace', stars: 5, nightly: 200, dx: 0.009, cardRequired: true },
];
const TOKEN_TTL_MS = 15 * 60_000;

export async function startFakeBookingCom(): Promise<FakeBookingCom> {
  const requests: FakeBookingCom['requests'] = [];
  const faults = new Map<string, BcomFault[]>();
  const counts = new Map<string, number>();
  const soldOut = new Set<string>();
  const surcharge = new Map<number, number>();
  const tokens = new Map<
    string,
    { accommodation: number; checkin: string; checkout: string; products: any[]; total: number; at: number }
  >();
  const orders = new Map<string, Record<string, any>>();
  const records: FakeBcomOrder[] = [];
  let point = { latitude: 52.3676, longitude: 4.9041 };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) sendError(response, 500, 'internal_error', String(error));
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const path = new URL(request.url ?? '/', 'http://fake').pathname.replace(/^\/3\.1/, '');
    let body: any;
    try {
      body = raw ? JSON.parse(raw) : {};
    } catch {
      return sendError(response, 400, 'invalid_json', 'The body is not JSON.');
    }
    requests.push({ path, headers: request.headers, body });
    if (
      !request.headers.authorization?.startsWith('Bearer ') ||
      !/^\d+$/.test(String(request.headers['x-affiliate-id'] ?? ''))
    ) {
      return sendError(response, 401, 'unauthorised', 'Missing or incorrect Authorization or X-Affiliate-Id headers.');
    }
    if (request.method !== 'POST' || !ROUTES.has(path))
      return sendError(response, 404, 'not_found', 'No such endpoint.');
    counts.set(path, (counts.get(path) ?? 0) + 1);
    const fault = faults.get(path)?.shift();
    if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (fault?.body !== undefined) return send(response, fault.status ?? 200, fault.body);
    if (fault?.status && !fault.afterAction)
      return sendError(response, fault.status, fault.id!, fault.message!, fault.headers);
    const [status, answer] = act(path, body);
    if (fault?.status && fault.afterAction)
      return sendError(response, fault.status, fault.id!, fault.message!, fault.headers);
    if (status >= 400) return sendError(response, status, (answer as any).id, (answer as any).message);
    send(response, status, { request_id: requestId(), ...(answer as object) });
  }

  function act(path: string, body: any): [number, unknown] {
    switch (path) {
      case '/accommodations/search':
        return search(body);
      case '/accommodations/details':
        return [200, { data: (body.accommodations ?? []).map(details).filter(Boolean) }];
      case '/common/locations/cities':
        return [
          200,
          {
            data: (body.cities ?? [])
              .filter((id: number) => id === CITY.id)
              .map(() => ({ id: CITY.id, name: { 'en-gb': CITY.name }, country: CITY.country })),
          },
        ];
      case '/accommodations/availability':
        return availability(body);
      case '/orders/preview':
        return preview(body);
      case '/orders/create':
        return create(body);
      case '/orders/details':
        return orderList(body);
      case '/orders/details/accommodations':
        return [
          200,
          {
            data: (body.orders ?? [])
              .map((id: string) => orders.get(id))
              .filter(Boolean)
              .map(accommodationOrder),
          },
        ];
      case '/orders/cancel':
        return cancel(body);
      default:
        return [404, { id: 'not_found', message: 'No such endpoint.' }];
    }
  }

  function stayOf(body: { checkin?: string; checkout?: string }): number | null {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(body.checkin ?? '') || !/^\d{4}-\d{2}-\d{2}$/.test(body.checkout ?? ''))
      return null;
    const nights = Math.round((Date.parse(body.checkout!) - Date.parse(body.checkin!)) / 86_400_000);
    return nights >= 1 && nights <= 90 ? nights : null;
  }

  /** One room for every night, at a product's rate. */
  function productPrice(hotel: (typeof HOTELS)[number], product: 'nr' | 'flex', nights: number): number {
    const nightly = hotel.nightly + (surcharge.get(hotel.id) ?? 0);
    return round(product === 'nr' ? nightly * 0.9 * nights : (nightly + 15) * nights);
  }

  function productId(hotel: (typeof HOTELS)[number], product: 'nr' | 'flex') {
    return `${hotel.id}01_${product === 'nr' ? 1 : 2}_0_2_0`;
  }

  function products(hotel: (typeof HOTELS)[number], checkin: string, nights: number) {
    return (['nr', 'flex'] as const)
      .filter((product) => !soldOut.has(productId(hotel, product)))
      .map((product) => {
        const total = productPrice(hotel, product, nights);
        const freeUntil = new Date(Date.parse(checkin) - 2 * 86_400_000 + 22 * 3_600_000).toISOString();
        return {
          id: productId(hotel, product),
          room: hotel.id * 10 + (product === 'nr' ? 1 : 2),
          number_available_at_this_price: 3,
          policies: {
            cancellation:
              product === 'nr'
                ? { type: 'non_refundable', free_cancellation_until: null, schedule: [{ from: 'now', price: total }] }
                : {
                    type: 'free_cancellation',
                    free_cancellation_until: freeUntil,
                    schedule: [
                      { from: 'now', price: 0 },
                      { from: freeUntil, price: total },
                    ],
                  },
            meal_plan:
              product === 'nr' ? { meals: [], plan: 'no_plan' } : { meals: ['breakfast'], plan: 'breakfast_included' },
            payment: { prepayment_required: false, timings: ['pay_at_the_property'] },
          },
          price: { book: total, total },
        };
      });
  }

  function search(body: any): [number, unknown] {
    const nights = stayOf(body);
    if (!/^[a-z]{2}$/.test(body.booker?.country ?? '') || !body.booker?.platform) return [400, missing('booker')];
    if (!nights)
      return [400, { id: 'invalid_parameter', message: "Parameter 'checkout' must be 1 to 90 days after 'checkin'." }];
    if (!(body.guests?.number_of_adults >= 1) || !(body.guests?.number_of_rooms >= 1)) return [400, missing('guests')];
    if (body.coordinates && body.accommodations) {
      return [
        400,
        { id: 'conflicting_parameters', message: 'coordinates and accommodations cannot be used together.' },
      ];
    }
    if (body.coordinates) point = { latitude: body.coordinates.latitude, longitude: body.coordinates.longitude };
    const wanted: number[] | undefined = body.accommodations;
    const rooms = body.guests.number_of_rooms;
    const data = HOTELS.filter((hotel) => !wanted || wanted.includes(hotel.id))
      .filter((hotel) => body.payment?.credit_card_required !== false || !hotel.cardRequired)
      .map((hotel) => {
        const cheapest = Math.min(...products(hotel, body.checkin, nights).map((product) => product.price.total));
        return { hotel, cheapest };
      })
      .filter(({ cheapest }) => Number.isFinite(cheapest))
      .map(({ hotel, cheapest }) => ({
        id: hotel.id,
        currency: 'EUR',
        price: { book: round(cheapest * rooms), total: round(cheapest * rooms) },
        url: `https://www.booking.com/hotel/nl/fake-${hotel.id}.html`,
      }))
      .sort((a, b) => a.price.total - b.price.total);
    return [200, { data, next_page: null }];
  }

  function details(id: number) {
    const hotel = HOTELS.find((candidate) => candidate.id === id);
    if (!hotel) return null;
    return {
      id: hotel.id,
      name: { 'en-gb': hotel.name },
      location: {
        address: { 'en-gb': `${hotel.id % 100} Herengracht` },
        city: CITY.id,
        coordinates: { latitude: point.latitude + hotel.dx, longitude: point.longitude - hotel.dx },
        country: CITY.country,
        postal_code: '1015 BA',
      },
      rating: { stars: hotel.stars, review_score: 8.1, number_of_reviews: 120, preferred: true },
      checkin_checkout_times: {
        checkin_from: '15:00:00',
        checkin_to: null,
        checkout_from: null,
        checkout_to: '11:00:00',
      },
      contacts: { general: { email: null, telephone: '+31201234567' } },
      rooms: [
        { id: hotel.id * 10 + 1, name: { 'en-gb': 'Standard Double Room' } },
        { id: hotel.id * 10 + 2, name: { 'en-gb': 'Superior Double Room' } },
      ],
    };
  }

  function availability(body: any): [number, unknown] {
    const hotel = HOTELS.find((candidate) => candidate.id === body.accommodation);
    const nights = stayOf(body);
    if (!hotel)
      return [400, { id: 'invalid_parameter', message: "Parameter 'accommodation' is not a known accommodation." }];
    if (!nights) return [400, missing('checkin')];
    return [
      200,
      {
        data: {
          id: hotel.id,
          currency: 'EUR',
          products: products(hotel, body.checkin, nights),
          url: 'https://www.booking.com',
        },
      },
    ];
  }

  function preview(body: any): [number, unknown] {
    const stay = body.accommodation ?? {};
    const hotel = HOTELS.find((candidate) => candidate.id === stay.id);
    const nights = stayOf(stay);
    if (!hotel || !nights || !Array.isArray(stay.products) || stay.products.length === 0)
      return [400, missing('accommodation')];
    const available = products(hotel, stay.checkin, nights);
    const picked = stay.products.map((wanted: any) => available.find((product) => product.id === wanted.id));
    if (stay.products.some((wanted: any) => soldOut.has(wanted.id))) {
      return [400, { id: 'sold_out', message: 'The product is no longer available.' }];
    }
    if (picked.some((product: unknown) => !product))
      return [400, { id: 'invalid_parameter', message: 'Unknown product.' }];
    const multi = (value: number) => ({ accommodation_currency: value, booker_currency: null });
    const total = round(picked.reduce((sum: number, product: any) => sum + product.price.total, 0));
    const token = `tok_${randomBytes(24).toString('base64url')}`;
    tokens.set(token, {
      accommodation: hotel.id,
      checkin: stay.checkin,
      checkout: stay.checkout,
      products: stay.products,
      total,
      at: Date.now(),
    });
    return [
      200,
      {
        data: {
          accommodation: {
            id: hotel.id,
            currency: { accommodation: 'EUR', booker: null },
            general_policies: {
              payment: {
                pay_online_now: null,
                pay_online_later: null,
                pay_at_the_property: {
                  dates: [{ at: stay.checkin, price: multi(total) }],
                  method_required: hotel.cardRequired,
                  methods: { airplus: false, cards: [1, 2], wallet: false },
                },
              },
            },
            price: { base: multi(total), total: multi(total) },
            products: picked.map((product: any) => ({
              id: product.id,
              room: product.room,
              policies: {
                cancellation: product.policies.cancellation.schedule.map((step: any) => ({
                  from: step.from,
                  price: multi(step.price),
                })),
                meal_plan: product.policies.meal_plan,
              },
              price: { base: multi(product.price.total), total: multi(product.price.total) },
            })),
          },
          order_token: token,
        },
      },
    ];
  }

  function create(body: any): [number, unknown] {
    const preview = tokens.get(body.order_token);
    if (!preview || Date.now() - preview.at > TOKEN_TTL_MS) {
      return [
        400,
        { id: 'invalid_order_token', message: 'The order token is invalid or expired: call /orders/preview again.' },
      ];
    }
    if (body.payment?.timing !== 'pay_at_the_property' || body.payment?.card) {
      return [400, { id: 'invalid_payment', message: 'This order can only be paid at the property.' }];
    }
    const booker = body.booker ?? {};
    if (
      !booker.email ||
      !booker.telephone ||
      !booker.name?.first_name ||
      !booker.name?.last_name ||
      !booker.address?.country
    ) {
      return [400, missing('booker')];
    }
    const ordered: any[] = body.accommodation?.products ?? [];
    if (
      ordered.length !== preview.products.length ||
      ordered.some((product, i) => product.id !== preview.products[i].id)
    ) {
      return [400, { id: 'invalid_parameter', message: 'The products must match the /orders/preview request.' }];
    }
    if (
      ordered.some(
        (product) => !product.guests?.length || product.guests.some((guest: any) => !guest.name || !guest.email),
      )
    ) {
      return [400, missing('accommodation.products.guests')];
    }
    if (ordered.some((product) => soldOut.has(product.id)))
      return [400, { id: 'sold_out', message: 'The product is no longer available.' }];
    const hotel = HOTELS.find((candidate) => candidate.id === preview.accommodation)!;
    const nights = stayOf(preview)!;
    const now = products(hotel, preview.checkin, nights).filter((product) => ordered.some((o) => o.id === product.id));
    const total = round(ordered.reduce((sum, o) => sum + now.find((product) => product.id === o.id)!.price.total, 0));
    if (total !== preview.total)
      return [400, { id: 'price_changed', message: 'The price has changed since the preview.' }];
    tokens.delete(body.order_token);
    const id = String(500000000000000 + orders.size * 7919 + Math.floor(Math.random() * 1000));
    const reservation = 4000000000 + orders.size;
    orders.set(id, {
      id,
      accommodation: hotel.id,
      checkin: preview.checkin,
      checkout: preview.checkout,
      label: body.accommodation?.label ?? null,
      reservation,
      pin_code: '1234',
      status: 'booked',
      created: new Date().toISOString(),
      total,
      products: ordered.map((o) => now.find((product) => product.id === o.id)),
      guests: ordered.map((o) => o.guests),
      cancellation: null as null | { at: string; fee: number },
    });
    records.push({ id, label: body.accommodation?.label ?? null, body });
    return [200, { data: { accommodation: { order: id, pincode: '1234', reservation }, payment: null } }];
  }

  function orderList(body: any): [number, unknown] {
    const all = [...orders.values()].sort((a, b) => Date.parse(b.created) - Date.parse(a.created));
    const basic = (order: any) => ({
      id: order.id,
      accommodations: { reservation: order.reservation },
      affiliate: 1,
      created: order.created,
      currency: body.currency ?? 'EUR',
    });
    if (body.orders) {
      if (!body.currency) return [400, missing('currency')];
      return [200, { data: all.filter((order) => body.orders.includes(order.id)).map(basic) }];
    }
    let offset = 0;
    let filter = body;
    if (body.page) {
      const page = JSON.parse(Buffer.from(body.page, 'base64url').toString('utf8'));
      offset = page.offset;
      filter = page.filter;
    } else if (!body.created?.from || !body.currency) {
      return [400, missing('created')];
    }
    const from = Date.parse(filter.created.from);
    const to = filter.created.to ? Date.parse(filter.created.to) : Date.now();
    if (to - from > 7 * 86_400_000)
      return [400, { id: 'invalid_parameter', message: 'The maximum time range is 7 days.' }];
    const matching = all.filter((order) => Date.parse(order.created) >= from && Date.parse(order.created) <= to);
    const size = filter.maximum_results ?? 100;
    const page = matching.slice(offset, offset + size);
    const next =
      offset + size < matching.length
        ? Buffer.from(JSON.stringify({ offset: offset + size, filter })).toString('base64url')
        : null;
    return [200, { data: page.map(basic), next_page: next }];
  }

  function accommodationOrder(order: any) {
    const multi = (value: number) => ({ accommodation_currency: value, booker_currency: null });
    return {
      id: order.id,
      accommodation: order.accommodation,
      checkin: order.checkin,
      checkout: order.checkout,
      label: order.label,
      pin_code: order.pin_code,
      reservation: order.reservation,
      status: order.status,
      currency: { accommodation: 'EUR', booker: null },
      price: { commissionable: multi(order.total), total: multi(order.total) },
      cancellation_details: order.cancellation
        ? { at: order.cancellation.at, fee: multi(order.cancellation.fee), original_total_price: multi(order.total) }
        : null,
      products: order.products.map((product: any, i: number) => ({
        allocation: { guests: order.guests[i].length, adults: order.guests[i].length, children: null },
        guests: order.guests[i],
        policies: {
          cancellation: product.policies.cancellation.schedule.map((step: any) => ({
            from: step.from,
            price: multi(step.price),
          })),
          meal_plan: product.policies.meal_plan,
        },
        price: { base: multi(product.price.total), total: multi(product.price.total) },
      })),
    };
  }

  function cancel(body: any): [number, unknown] {
    const order = orders.get(String(body.order ?? ''));
    if (!order) return [404, { id: 'order_not_found', message: 'No such order.' }];
    if (order.cancellation)
      return [400, { id: 'order_already_cancelled', message: 'This order is already cancelled.' }];
    const now = Date.now();
    const fee = order.products.reduce((sum: number, product: any) => {
      const steps = product.policies.cancellation.schedule.filter(
        (step: any) => step.from === 'now' || Date.parse(step.from) <= now,
      );
      return sum + (steps.at(-1)?.price ?? 0);
    }, 0);
    order.cancellation = { at: new Date(now).toISOString(), fee: round(fee) };
    order.status = 'cancelled_by_guest';
    return [200, { data: { status: 'successful' } }];
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/3.1`,
    requests,
    get orders() {
      return records;
    },
    count: (route) => counts.get(route) ?? 0,
    inject(route, fault, times = 1) {
      const list = faults.get(route) ?? [];
      for (let i = 0; i < times; i += 1) list.push(fault);
      faults.set(route, list);
    },
    sellOut: (id) => void soldOut.add(id),
    raisePrice: (accommodation, delta) =>
      void surcharge.set(accommodation, (surcharge.get(accommodation) ?? 0) + delta),
    reset() {
      requests.length = 0;
      faults.clear();
      counts.clear();
      soldOut.clear();
      surcharge.clear();
      tokens.clear();
      orders.clear();
      records.length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function missing(parameter: string) {
  return { id: 'missing_parameter', message: `Parameter '${parameter}' is missing.` };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function requestId(): string {
  return randomBytes(13).toString('hex').slice(0, 26);
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

function sendError(
  response: ServerResponse,
  status: number,
  id: string,
  message: string,
  headers?: Record<string, string>,
): void {
  send(response, status, { request_id: requestId(), errors: [{ id, message }] }, headers);
}
