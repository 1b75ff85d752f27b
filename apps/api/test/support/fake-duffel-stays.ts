import { randomBytes } from 'node:crypto';

/**
 * Duffel Stays' routes for the fake Duffel server (fake-duffel-server.ts mounts them): search →
 * fetch all rates → quote → booking, get, list and cancel, in Duffel's wire format as the SDK types
 * and mocks have it (duffelhq/duffel-api-javascript `src/Stays/StaysTypes.ts`, `mocks.ts`): `{ data }`
 * envelopes, amounts as decimal strings, a rate's `cancellation_timeline` of `{ refund_amount,
 * currency, before }`. Three hotels around any point; the data is our own.
 */

export type StaysRoute =
  | 'POST /stays/search'
  | 'POST /stays/search_results/:id/actions/fetch_all_rates'
  | 'POST /stays/quotes'
  | 'POST /stays/bookings'
  | 'GET /stays/bookings'
  | 'GET /stays/bookings/:id'
  | 'POST /stays/bookings/:id/actions/cancel';

export const STAYS_ROUTE_PATTERNS: Array<[StaysRoute, RegExp]> = [
  ['POST /stays/search', /^\/stays\/search$/],
  [
    'POST /stays/search_results/:id/actions/fetch_all_rates',
    /^\/stays\/search_results\/([\w-]+)\/actions\/fetch_all_rates$/,
  ],
  ['POST /stays/quotes', /^\/stays\/quotes$/],
  ['POST /stays/bookings', /^\/stays\/bookings$/],
  ['GET /stays/bookings', /^\/stays\/bookings$/],
  ['GET /stays/bookings/:id', /^\/stays\/bookings\/([\w-]+)$/],
  ['POST /stays/bookings/:id/actions/cancel', /^\/stays\/bookings\/([\w-]+)\/actions\/cancel$/],
];

export interface FakeStayBookingRecord {
  id: string;
  bookingId: string | null;
  quoteId: string;
  createdAt: string;
}

type ErrorBody = { type: string; code: string; message: string };
type Answer = [number, unknown];

export interface FakeStays {
  act(route: StaysRoute, id: string | undefined, query: URLSearchParams, data: any): Answer;
  /** Bookings actually made (a lost answer's included). */
  readonly bookings: FakeStayBookingRecord[];
  /** The rate is sold out: quoting it answers Duffel's 422 `rate_unavailable`. */
  expireRate(rateId: string): void;
  /** Search results and their rates expire this long after the search (default 30 min). */
  setResultTtl(ms: number): void;
  reset(): void;
}

export function createFakeStays(): FakeStays {
  const results = new Map<string, Record<string, any>>();
  const rates = new Map<string, { resultId: string; room: string; rate: Record<string, any> }>();
  const quotes = new Map<string, Record<string, any>>();
  const bookings = new Map<string, Record<string, any>>();
  const soldOut = new Set<string>();
  const records: FakeStayBookingRecord[] = [];
  let resultTtlMs = 30 * 60_000;

  function search(data: any): Answer {
    const guests = Array.isArray(data?.guests) ? data.guests : [];
    if (!data?.check_in_date || !data?.check_out_date || !data?.rooms || guests.length === 0) {
      return [422, invalid('check_in_date, check_out_date, rooms and guests are required')];
    }
    if (data.check_out_date <= data.check_in_date) return [422, invalid('check_out_date must be after check_in_date')];
    const point = data.location?.geographic_coordinates;
    const ids: string[] | undefined = data.accommodation?.ids;
    if (!point && !ids) return [422, invalid('location or accommodation is required')];
    const nights = Math.round((Date.parse(data.check_out_date) - Date.parse(data.check_in_date)) / 86_400_000);
    const now = new Date();
    const hotels = ids ? ids.filter((id) => /^acc_fake_\d$/.test(id)).map((id) => Number(id.slice(-1))) : [0, 1, 2];
    const found = hotels.map((n) => {
      const accommodation = fakeAccommodation(n, point ?? { latitude: 51.5072, longitude: -0.1276 });
      const roomRates = [
        rate(n, nights, data.rooms, data.check_in_date, 'room_only', false),
        rate(n, nights, data.rooms, data.check_in_date, 'breakfast', true),
      ];
      const id = duffelId('srr');
      const result = {
        id,
        check_in_date: data.check_in_date,
        check_out_date: data.check_out_date,
        rooms: data.rooms,
        guests,
        accommodation: {
          ...accommodation,
          rooms: [{ name: 'Double Room', beds: [{ type: 'double', count: 1 }], photos: [], rates: roomRates }],
        },
        cheapest_rate_total_amount: roomRates[0].total_amount,
        cheapest_rate_currency: 'GBP',
        cheapest_rate_base_amount: null,
        cheapest_rate_base_currency: null,
        cheapest_rate_public_amount: null,
        cheapest_rate_public_currency: 'GBP',
        cheapest_rate_due_at_accommodation_amount: null,
        cheapest_rate_due_at_accommodation_currency: null,
        expires_at: new Date(now.getTime() + resultTtlMs).toISOString(),
      };
      results.set(id, result);
      for (const roomRate of roomRates) rates.set(roomRate.id, { resultId: id, room: 'Double Room', rate: roomRate });
      return result;
    });
    // The search answers each result's cheapest rate only; fetch_all_rates gives them all.
    const listed = found.map((result) => ({
      ...result,
      accommodation: { ...result.accommodation, rooms: [] },
    }));
    return [200, { data: { results: listed, created_at: now.toISOString() } }];
  }

  function quote(data: any): Answer {
    const found = rates.get(data?.rate_id);
    if (!found) return [404, notFound('rate')];
    const result = results.get(found.resultId)!;
    if (soldOut.has(data.rate_id) || Date.parse(result.expires_at) <= Date.now()) {
      return [
        422,
        { type: 'invalid_state_error', code: 'rate_unavailable', message: 'The rate is no longer available.' },
      ];
    }
    const { rate: chosen } = found;
    const created = {
      id: duffelId('quo'),
      check_in_date: result.check_in_date,
      check_out_date: result.check_out_date,
      rooms: result.rooms,
      guests: result.guests,
      accommodation: { ...result.accommodation, rooms: [{ name: found.room, rates: [chosen] }] },
      total_amount: chosen.total_amount,
      total_currency: chosen.total_currency,
      base_amount: chosen.base_amount,
      base_currency: chosen.base_currency,
      fee_amount: null,
      fee_currency: 'GBP',
      tax_amount: chosen.tax_amount,
      tax_currency: chosen.tax_currency,
      due_at_accommodation_amount: chosen.due_at_accommodation_amount,
      due_at_accommodation_currency: chosen.due_at_accommodation_currency,
      deposit_amount: null,
      deposit_currency: 'GBP',
      supported_loyalty_programme: null,
    };
    quotes.set(created.id, created);
    return [201, { data: created }];
  }

  function book(data: any): Answer {
    const found = quotes.get(data?.quote_id);
    if (!found) return [404, notFound('quote')];
    const guests = Array.isArray(data.guests) ? data.guests : [];
    if (
      guests.length === 0 ||
      guests.some((guest: any) => !guest?.given_name || !guest?.family_name) ||
      !data.email ||
      !/^\+\d{7,15}$/.test(String(data.phone_number ?? ''))
    ) {
      return [422, invalid('guests, email and phone_number are required')];
    }
    const now = new Date().toISOString();
    const booking = {
      id: duffelId('bok'),
      reference: `DHG-${randomBytes(4).toString('hex').toUpperCase()}`,
      status: 'confirmed',
      accommodation: found.accommodation,
      check_in_date: found.check_in_date,
      check_out_date: found.check_out_date,
      rooms: found.rooms,
      email: data.email,
      phone_number: data.phone_number,
      guests: guests.map(({ given_name, family_name }: any) => ({ given_name, family_name })),
      confirmed_at: now,
      cancelled_at: null,
      metadata: data.metadata ?? null,
      supported_loyalty_programme: null,
      loyalty_programme_account_number: null,
      key_collection: null,
      estimated_commission_amount: null,
      estimated_commission_currency: null,
    };
    bookings.set(booking.id, booking);
    records.push({
      id: booking.id,
      bookingId: booking.metadata?.booking_id ?? null,
      quoteId: found.id,
      createdAt: now,
    });
    return [201, { data: booking }];
  }

  return {
    act(route, id, query, data) {
      switch (route) {
        case 'POST /stays/search':
          return search(data);
        case 'POST /stays/search_results/:id/actions/fetch_all_rates': {
          const result = results.get(id!);
          if (!result) return [404, notFound('search result')];
          if (Date.parse(result.expires_at) <= Date.now()) {
            return [
              422,
              { type: 'invalid_state_error', code: 'search_result_expired', message: 'The search result has expired.' },
            ];
          }
          return [200, { data: result }];
        }
        case 'POST /stays/quotes':
          return quote(data);
        case 'POST /stays/bookings':
          return book(data);
        case 'GET /stays/bookings': {
          const all = [...bookings.values()];
          const limit = Math.min(200, Number(query.get('limit') ?? 50));
          const start = query.get('after') ? Number(Buffer.from(query.get('after')!, 'base64url').toString()) : 0;
          const after = start + limit < all.length ? Buffer.from(String(start + limit)).toString('base64url') : null;
          return [200, { data: all.slice(start, start + limit), meta: { limit, after, before: null } }];
        }
        case 'GET /stays/bookings/:id': {
          const booking = bookings.get(id!);
          return booking ? [200, { data: booking }] : [404, notFound('booking')];
        }
        case 'POST /stays/bookings/:id/actions/cancel': {
          const booking = bookings.get(id!);
          if (!booking) return [404, notFound('booking')];
          if (booking.status === 'cancelled') {
            return [
              422,
              { type: 'invalid_state_error', code: 'already_cancelled', message: 'The booking is already cancelled.' },
            ];
          }
          booking.status = 'cancelled';
          booking.cancelled_at = new Date().toISOString();
          return [200, { data: booking }];
        }
      }
    },
    get bookings() {
      return [...records];
    },
    expireRate(rateId) {
      soldOut.add(rateId);
    },
    setResultTtl(ms) {
      resultTtlMs = ms;
    },
    reset() {
      records.length = 0;
      soldOut.clear();
      resultTtlMs = 30 * 60_000;
    },
  };
}

const HOTELS = [
  { name: 'The Fake Grand', stars: 5, line: '1 Example Street', nightly: 320 },
  { name: 'Hotel Wireformat', stars: 4, line: '22 Test Lane', nightly: 180 },
  { name: 'Budget Mock Inn', stars: 2, line: '7 Stub Road', nightly: 75 },
];

function fakeAccommodation(n: number, point: { latitude: number; longitude: number }) {
  const hotel = HOTELS[n];
  return {
    id: `acc_fake_${n}`,
    name: hotel.name,
    description: 'A hotel that exists only in tests.',
    amenities: [{ type: 'wifi', description: 'Wi-Fi available' }],
    chain: n === 0 ? { id: 'chn_fake', name: 'Fake Hotels' } : null,
    brand: null,
    check_in_information: { check_in_after_time: '15:00', check_out_before_time: '11:00' },
    key_collection: null,
    email: null,
    phone_number: '+442079460000',
    photos: [],
    ratings: [{ source: 'priceline', value: hotel.stars }],
    rating: hotel.stars,
    review_count: 120,
    review_score: 8.4,
    supported_loyalty_programme: null,
    location: {
      address: {
        line_one: hotel.line,
        postal_code: 'W1J 9BR',
        city_name: 'London',
        country_code: 'GB',
        region: 'England',
      },
      geographic_coordinates: {
        latitude: Math.round((point.latitude + 0.003 * (n + 1)) * 1e6) / 1e6,
        longitude: Math.round((point.longitude - 0.002 * (n + 1)) * 1e6) / 1e6,
      },
    },
  };
}

function rate(n: number, nights: number, rooms: number, checkIn: string, board: string, refundable: boolean) {
  const total = HOTELS[n].nightly * nights * rooms + (board === 'breakfast' ? 20 * nights * rooms : 0);
  const amount = total.toFixed(2);
  return {
    id: duffelId('rat'),
    board_type: board,
    total_amount: amount,
    total_currency: 'GBP',
    base_amount: (total * 0.8).toFixed(2),
    base_currency: 'GBP',
    tax_amount: (total * 0.2).toFixed(2),
    tax_currency: 'GBP',
    fee_amount: null,
    fee_currency: 'GBP',
    due_at_accommodation_amount: '12.50',
    due_at_accommodation_currency: 'GBP',
    payment_type: 'pay_now',
    available_payment_methods: ['balance'],
    cancellation_timeline: refundable
      ? [
          {
            refund_amount: amount,
            currency: 'GBP',
            before: new Date(Date.parse(`${checkIn}T00:00:00Z`) - 2 * 86_400_000).toISOString(),
          },
        ]
      : [],
    conditions: [{ title: 'Parking', description: 'Public parking nearby for £15 per day' }],
    quantity_available: 3,
    supported_loyalty_programme: null,
    loyalty_programme_required: false,
    estimated_commission_amount: null,
    estimated_commission_currency: null,
    source: 'duffel_hotel_group',
    expires_at: new Date(Date.now() + 30 * 60_000).toISOString(),
    code: null,
    description: null,
    name: refundable ? 'Flexible' : 'Non-refundable',
  };
}

const invalid = (message: string): ErrorBody => ({ type: 'validation_error', code: 'invalid_data', message });
const notFound = (what: string): ErrorBody => ({
  type: 'invalid_request_error',
  code: 'not_found',
  message: `The ${what} was not found`,
});
const duffelId = (prefix: string) => `${prefix}_0000${randomBytes(11).toString('base64url').replace(/[-_]/g, 'A')}`;
