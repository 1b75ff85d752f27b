import type { z } from 'zod';
import type { Money } from '../../../policy/policy-subject';
import {
  type BoardType,
  type StayAtProperty,
  type StayBooking,
  type StayBookingRequest,
  type StayCancellationPolicy,
  type StayProperty,
  type StayQuote,
  type StayRate,
  type StayRates,
  type StaySearchRequest,
  type StaySearchResult,
  type StaySupplier,
  SupplierError,
} from '../stay-supplier';
import { BookingComClient, type BookingComClientOptions } from './booking-com-client';
import {
  bcomAccommodationOrders,
  bcomAvailability,
  bcomCities,
  bcomCreate,
  bcomDetails,
  bcomOrders,
  bcomPreview,
  bcomSearch,
  read,
} from './booking-com-response.schema';

export interface BookingComStaySupplierOptions extends BookingComClientOptions {
  /** Booker country (lowercase ISO 3166-1): Booking.com prices and shows taxes by it. */
  bookerCountry: string;
  /** How many pages of orders the reconciler's lookup reads at most, and their size (10–100). */
  orderLookupPages?: number;
  orderPageSize?: number;
}

/** Our results expire this long after the search: Booking.com's search answers carry no expiry. */
const RESULT_TTL_MS = 30 * 60_000;
const SEARCH_ROWS = 50;
const LANGUAGE = 'en-gb';
/** Our label on every order, so the reconciler finds it by our booking id. */
const LABEL_PREFIX = 'nestmap:';
const BOARDS: Record<string, BoardType> = {
  no_plan: 'room_only',
  breakfast_included: 'breakfast',
  half_board: 'half_board',
  full_board: 'full_board',
  all_inclusive: 'all_inclusive',
};
/** Shown with every rate: NestMap books Booking.com stays to be paid at the property only. */
const PAY_AT_PROPERTY = {
  title: 'Paid at the property',
  description:
    'Booked through Booking.com without prepayment: the property charges the stay (its taxes included) at check-in, by its own accepted methods.',
};

/** Our ids carry what Booking.com needs to ask again (it has no search result or rate ids of its own). */
interface ResultRef {
  accommodation: number;
  checkin: string;
  checkout: string;
  rooms: number;
  guests: number;
}

/**
 * Booking.com's Demand API (v3.1) through our own small client (no official Node SDK): search around
 * a point or by property → availability of one property → `orders/preview` (the order token locks the
 * price for 15 minutes) → `orders/create` paid at the property (no card passes through NestMap), read
 * with `orders/details`, cancelled with `orders/cancel`. docs/stays.md § Booking.com.
 */
export class BookingComStaySupplier implements StaySupplier {
  readonly name = 'booking_com' as const;
  private readonly client: BookingComClient;
  private readonly cityNames = new Map<number, string>();
  private readonly orderLookupPages: number;

  constructor(private readonly options: BookingComStaySupplierOptions) {
    this.client = new BookingComClient(options);
    this.orderLookupPages = options.orderLookupPages ?? 5;
  }

  async search(request: StaySearchRequest): Promise<StaySearchResult> {
    const deadline = this.client.deadline();
    const where =
      'propertyIds' in request.where
        ? { accommodations: request.where.propertyIds.map(accommodationId) }
        : {
            coordinates: {
              latitude: request.where.latitude,
              longitude: request.where.longitude,
              radius: request.where.radiusKm,
            },
          };
    const { data } = await this.client.post(
      '/accommodations/search',
      {
        booker: this.booker(),
        checkin: request.checkInDate,
        checkout: request.checkOutDate,
        guests: { number_of_adults: request.guests, number_of_rooms: request.rooms },
        ...where,
        // Only properties NestMap can book: paid at the property, no card to guarantee it.
        payment: { timing: 'pay_at_the_property', credit_card_required: false },
        sort: { by: 'price', direction: 'ascending' },
        rows: SEARCH_ROWS,
      },
      'safe',
      deadline,
    );
    const found = read(bcomSearch, data, 'search');
    const properties = await this.properties(
      found.map((result) => result.id),
      deadline,
    );
    const expiresAt = new Date(Date.now() + RESULT_TTL_MS).toISOString();
    const results = found
      .filter((result) => properties.has(result.id))
      .map((result) => {
        const ref: ResultRef = {
          accommodation: result.id,
          checkin: request.checkInDate,
          checkout: request.checkOutDate,
          rooms: request.rooms,
          guests: request.guests,
        };
        return {
          ...stayAt(properties.get(result.id)!.property, ref),
          supplierResultId: resultId(ref),
          cheapestTotal: money(result.price.total, result.currency),
          expiresAt,
        };
      });
    return { results: results.sort((a, b) => Number(a.cheapestTotal.amount) - Number(b.cheapestTotal.amount)) };
  }

  async rates(supplierResultId: string): Promise<StayRates> {
    const ref = parseResultId(supplierResultId);
    const deadline = this.client.deadline();
    const [{ data }, properties] = await Promise.all([
      this.client.post(
        '/accommodations/availability',
        {
          accommodation: ref.accommodation,
          booker: this.booker(),
          checkin: ref.checkin,
          checkout: ref.checkout,
          guests: { number_of_adults: ref.guests, number_of_rooms: ref.rooms },
        },
        'safe',
        deadline,
      ),
      this.properties([ref.accommodation], deadline),
    ]);
    const availability = read(bcomAvailability, data, 'availability');
    const property = properties.get(ref.accommodation);
    if (!property) throw new SupplierError('not_found', 'Booking.com: no such property', ['not_found']);
    const rates: StayRate[] = availability.products
      .filter((product) => product.policies.payment?.timings?.includes('pay_at_the_property'))
      .map((product) => {
        // A product is one room for every night: the stay takes it once per room.
        const total = money(product.price.total * ref.rooms, availability.currency);
        const fees = (product.policies.cancellation?.schedule ?? []).map((step) => ({
          from: step.from,
          fee: step.price * ref.rooms,
        }));
        return {
          supplierRateId: `${supplierResultId}~${product.id}`,
          roomName: property.rooms.get(product.room ?? 0) ?? 'Room',
          board: BOARDS[product.policies.meal_plan?.plan ?? 'no_plan'] ?? 'room_only',
          totalAmount: total,
          dueAtProperty: null,
          cancellation: cancellationOf(fees, total, ref.checkin),
          conditions: [PAY_AT_PROPERTY],
          quantityAvailable: product.number_available_at_this_price ?? null,
          expiresAt: null,
        };
      });
    return { ...stayAt(property.property, ref), supplierResultId, rates };
  }

  /** `orders/preview`: the final price and policies, and the order token `orders/create` needs (15 minutes). */
  async quote(supplierRateId: string): Promise<StayQuote> {
    const { ref, productId } = parseRateId(supplierRateId);
    const deadline = this.client.deadline();
    const [{ data }, properties] = await Promise.all([
      this.client.post(
        '/orders/preview',
        {
          booker: this.booker(),
          accommodation: {
            id: ref.accommodation,
            checkin: ref.checkin,
            checkout: ref.checkout,
            products: allocation(ref).map((adults) => ({ id: productId, allocation: { number_of_adults: adults } })),
          },
        },
        'safe',
        deadline,
      ),
      this.properties([ref.accommodation], deadline),
    ]);
    const preview = read(bcomPreview, data, 'order preview');
    const property = properties.get(ref.accommodation);
    if (!property) throw new SupplierError('not_found', 'Booking.com: no such property', ['not_found']);
    const payAtProperty = preview.accommodation.general_policies?.payment?.pay_at_the_property;
    if (!payAtProperty || payAtProperty.method_required !== false) {
      throw new SupplierError(
        'invalid_request',
        'Booking.com: this rate needs a payment card to be guaranteed, and NestMap sends no card data',
        ['card_required'],
      );
    }
    const currency = preview.accommodation.currency.accommodation;
    const total = money(accommodationAmount(preview.accommodation.price.total), currency);
    const products = preview.accommodation.products;
    const fees = mergedFees(products.map((product) => product.policies?.cancellation ?? []));
    const board = BOARDS[products[0].policies?.meal_plan?.plan ?? 'no_plan'] ?? 'room_only';
    return {
      ...stayAt(property.property, ref),
      supplierQuoteId: `${supplierRateId}~${preview.order_token}`,
      rate: {
        supplierRateId,
        roomName: property.rooms.get(products[0].room ?? 0) ?? 'Room',
        board,
        totalAmount: total,
        dueAtProperty: null,
        cancellation: cancellationOf(fees, total, ref.checkin),
        conditions: [PAY_AT_PROPERTY],
        quantityAvailable: null,
        expiresAt: null,
      },
      totalAmount: total,
      dueAtProperty: null,
    };
  }

  /**
   * `orders/create`, sent once, paid at the property (`payment.timing: pay_at_the_property`, no card).
   * Booking.com takes no amount with it: the order token is the price lock. The order is then read back;
   * if that fails the outcome is `unavailable` ("unknown") and the reconciler finds it by its label.
   */
  async book(request: StayBookingRequest): Promise<StayBooking> {
    const { ref, productId, orderToken } = parseQuoteId(request.supplierQuoteId);
    if (request.guests.length !== ref.guests) {
      throw new SupplierError('invalid_request', 'Booking.com: one name per guest of the quote', ['guests_mismatch']);
    }
    const [lead] = request.guests;
    let next = 0;
    const products = allocation(ref).map((adults) => {
      const guests = request.guests.slice(next, next + adults);
      next += adults;
      return {
        id: productId,
        guests: guests.map((guest) => ({ name: `${guest.givenName} ${guest.familyName}`, email: request.email })),
      };
    });
    const { data } = await this.client.post(
      '/orders/create',
      {
        accommodation: { label: `${LABEL_PREFIX}${request.bookingId}`, products },
        booker: {
          address: { country: this.options.bookerCountry },
          email: request.email,
          name: { first_name: lead.givenName, last_name: lead.familyName },
          telephone: request.phoneNumber,
          language: LANGUAGE,
        },
        order_token: orderToken,
        payment: { timing: 'pay_at_the_property' },
      },
      'once',
    );
    const created = read(bcomCreate, data, 'order');
    try {
      return await this.getBooking(created.accommodation.order);
    } catch (error) {
      throw new SupplierError(
        'unavailable',
        `Booking.com made order ${created.accommodation.order} but reading it failed: ${(error as Error).message}`,
        ['order_unread'],
      );
    }
  }

  async getBooking(supplierBookingId: string): Promise<StayBooking> {
    if (!/^\d{1,30}$/.test(supplierBookingId)) {
      throw new SupplierError('not_found', 'Booking.com: no such order', ['not_found']);
    }
    const [booking] = await this.orders([supplierBookingId], this.client.deadline());
    if (!booking) throw new SupplierError('not_found', `Booking.com: no order ${supplierBookingId}`, ['not_found']);
    return booking;
  }

  /**
   * The reconciler's question: `orders/details` lists our orders created since `createdAfter` (at most
   * 7 days back, 100 a page, newest first), then their accommodation details are matched on our label.
   */
  async findBookingByBookingId(bookingId: string, createdAfter: Date): Promise<StayBooking | null> {
    const deadline = this.client.deadline();
    const now = Date.now();
    const from = new Date(Math.max(createdAfter.getTime(), now - 7 * 86_400_000)).toISOString();
    let body: Record<string, unknown> = {
      created: { from, to: new Date(now).toISOString() },
      currency: 'EUR',
      services: ['accommodations'],
      maximum_results: this.options.orderPageSize ?? 100,
      sort: { by: 'created', direction: 'descending' },
    };
    for (let page = 0; page < this.orderLookupPages; page += 1) {
      const { data, nextPage } = await this.client.post('/orders/details', body, 'safe', deadline);
      const ids = read(bcomOrders, data, 'order list').map((order) => order.id);
      const bookings = ids.length > 0 ? await this.orders(ids, deadline) : [];
      const match = bookings.find((booking) => booking.bookingId === bookingId);
      if (match) return match;
      if (!nextPage) return null;
      body = { page: nextPage };
    }
    return null;
  }

  /** `orders/cancel`, sent once; a second cancellation (a retry after a lost answer) answers the cancelled order. */
  async cancel(supplierBookingId: string): Promise<StayBooking> {
    try {
      await this.client.post(
        '/orders/cancel',
        { order: supplierBookingId, reason: 'Cancelled by the traveller in NestMap' },
        'once',
      );
    } catch (error) {
      if (!(error instanceof SupplierError) || error.failure !== 'invalid_request') throw error;
      const booking = await this.getBooking(supplierBookingId);
      if (booking.status === 'cancelled') return booking;
      throw error;
    }
    return this.getBooking(supplierBookingId);
  }

  private booker() {
    return { country: this.options.bookerCountry, platform: 'desktop', travel_purpose: 'business' };
  }

  /** Orders by id: `orders/details` (when each was made) and `orders/details/accommodations` (the stay). */
  private async orders(ids: string[], deadline: number): Promise<StayBooking[]> {
    const [listed, details] = await Promise.all([
      this.client.post('/orders/details', { orders: ids, currency: 'EUR' }, 'safe', deadline),
      this.client.post(
        '/orders/details/accommodations',
        { orders: ids, extras: ['policies'], language: LANGUAGE },
        'safe',
        deadline,
      ),
    ]);
    const created = new Map(read(bcomOrders, listed.data, 'order list').map((order) => [order.id, order.created]));
    const orders = read(bcomAccommodationOrders, details.data, 'accommodation orders');
    const properties = await this.properties(
      orders.map((order) => order.accommodation),
      deadline,
    );
    return orders
      .filter((order) => properties.has(order.accommodation))
      .map((order) => toStayBooking(order, properties.get(order.accommodation)!.property, created.get(order.id)));
  }

  /** Each property's static details (`accommodations/details`), its city named (`common/locations/cities`). */
  private async properties(
    ids: number[],
    deadline: number,
  ): Promise<Map<number, { property: StayProperty; rooms: Map<number, string> }>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const { data } = await this.client.post(
      '/accommodations/details',
      { accommodations: unique, extras: ['rooms'], languages: [LANGUAGE] },
      'safe',
      deadline,
    );
    const details = read(bcomDetails, data, 'accommodation details');
    const cityIds = [...new Set(details.map((detail) => detail.location.city).filter((city) => city != null))].filter(
      (city) => !this.cityNames.has(city),
    );
    if (cityIds.length > 0) {
      const cities = await this.client.post(
        '/common/locations/cities',
        { cities: cityIds, languages: [LANGUAGE] },
        'safe',
        deadline,
      );
      for (const city of read(bcomCities, cities.data, 'cities'))
        this.cityNames.set(city.id, translatedText(city.name));
    }
    return new Map(
      details.map((detail) => [
        detail.id,
        {
          property: toStayProperty(detail, this.cityNames.get(detail.location.city ?? 0) ?? ''),
          rooms: new Map((detail.rooms ?? []).map((room) => [room.id, room.name ? translatedText(room.name) : 'Room'])),
        },
      ]),
    );
  }
}

type Details = z.infer<typeof bcomDetails>[number];
type AccommodationOrder = z.infer<typeof bcomAccommodationOrders>[number];
type Fee = { from: string | null; fee: number };

function toStayProperty(detail: Details, cityName: string): StayProperty {
  const stars = detail.rating?.stars;
  return {
    supplierPropertyId: String(detail.id),
    name: translatedText(detail.name),
    address: {
      lineOne: detail.location.address ? translatedText(detail.location.address) : '',
      postalCode: detail.location.postal_code || null,
      cityName,
      countryCode: detail.location.country.toUpperCase(),
      region: null,
    },
    latitude: detail.location.coordinates?.latitude ?? null,
    longitude: detail.location.coordinates?.longitude ?? null,
    stars: stars && stars >= 1 ? Math.round(stars) : null,
    reviewScore: detail.rating?.review_score ?? null,
    chain: null,
    checkInAfter: detail.checkin_checkout_times?.checkin_from?.slice(0, 5) ?? null,
    checkOutBefore: detail.checkin_checkout_times?.checkout_to?.slice(0, 5) ?? null,
    phoneNumber: detail.contacts?.general?.telephone ?? null,
  };
}

function toStayBooking(order: AccommodationOrder, property: StayProperty, created: string | undefined): StayBooking {
  const currency = order.currency.accommodation;
  const total = order.price ? money(accommodationAmount(order.price.total), currency) : null;
  const cancelled = order.status.startsWith('cancelled') || Boolean(order.cancellation_details);
  const fee = order.cancellation_details?.fee ? accommodationAmount(order.cancellation_details.fee) : 0;
  const fees = mergedFees(order.products.map((product) => product.policies?.cancellation ?? []));
  const label = order.label ?? '';
  return {
    supplier: 'booking_com',
    supplierBookingId: order.id,
    reference: order.reservation != null ? String(order.reservation) : null,
    status: cancelled ? 'cancelled' : 'confirmed',
    property,
    checkInDate: order.checkin,
    checkOutDate: order.checkout,
    rooms: Math.max(1, order.products.length),
    totalAmount: total,
    cancellation: total && fees.length > 0 ? cancellationOf(fees, total, order.checkin) : null,
    refund: cancelled && total ? money(Math.max(0, Number(total.amount) - fee), currency) : null,
    bookingId: label.startsWith(LABEL_PREFIX) ? label.slice(LABEL_PREFIX.length) : null,
    confirmedAt: new Date(created ?? Date.now()).toISOString(),
    cancelledAt: cancelled
      ? new Date(order.cancellation_details?.at ? Date.parse(order.cancellation_details.at) : Date.now()).toISOString()
      : null,
  };
}

/**
 * Booking.com gives the fee of cancelling from each moment (`now`: from booking); ours is the refund
 * before each deadline: a step's fee holds until the next step begins, the last one until check-in.
 */
function cancellationOf(fees: Fee[], total: Money, checkin: string): StayCancellationPolicy {
  const instant = (from: string | null) => (from === null || from === 'now' ? 0 : Date.parse(from));
  const steps = [...fees].sort((a, b) => instant(a.from) - instant(b.from));
  const totalAmount = Number(total.amount);
  const timeline = steps
    .map((step, index) => ({
      before: index + 1 < steps.length ? steps[index + 1].from! : `${checkin}T00:00:00.000Z`,
      refund: totalAmount - step.fee,
    }))
    .filter((step) => step.refund > 0.004)
    .map((step) => ({ before: new Date(step.before).toISOString(), refund: money(step.refund, total.currency) }));
  return { refundable: timeline.length > 0, timeline };
}

/** One product's cancellation fees per room, summed over the rooms of the order (the same product each). */
function mergedFees(
  schedules: Array<Array<{ from: string | null; price: { accommodation_currency?: number | null } }>>,
): Fee[] {
  const byFrom = new Map<string | null, number>();
  for (const schedule of schedules) {
    for (const step of schedule) byFrom.set(step.from, (byFrom.get(step.from) ?? 0) + accommodationAmount(step.price));
  }
  return [...byFrom].map(([from, fee]) => ({ from, fee }));
}

function accommodationAmount(price: { accommodation_currency?: number | null }): number {
  return price.accommodation_currency ?? 0;
}

function money(amount: number, currency: string): Money {
  return { amount: (Math.round(amount * 100) / 100).toFixed(2), currency };
}

function translatedText(texts: Record<string, string>): string {
  return texts[LANGUAGE] ?? Object.values(texts)[0] ?? '';
}

function stayAt(property: StayProperty, ref: ResultRef): StayAtProperty {
  return {
    supplier: 'booking_com',
    property,
    checkInDate: ref.checkin,
    checkOutDate: ref.checkout,
    rooms: ref.rooms,
    guests: ref.guests,
  };
}

/** Adults per room, as even as can be (Booking.com orders one product per room). */
function allocation(ref: ResultRef): number[] {
  return Array.from(
    { length: ref.rooms },
    (_, room) => Math.floor(ref.guests / ref.rooms) + (room < ref.guests % ref.rooms ? 1 : 0),
  );
}

function accommodationId(propertyId: string): number {
  if (!/^\d{1,12}$/.test(propertyId)) {
    throw new SupplierError('invalid_request', `Booking.com: "${propertyId.slice(0, 40)}" is not a property id`, [
      'invalid_property_id',
    ]);
  }
  return Number(propertyId);
}

const RESULT_ID = /^bcom_(\d{1,12})_(\d{4}-\d{2}-\d{2})_(\d{4}-\d{2}-\d{2})_(\d{1,2})_(\d{1,3})$/;

function resultId(ref: ResultRef): string {
  return `bcom_${ref.accommodation}_${ref.checkin}_${ref.checkout}_${ref.rooms}_${ref.guests}`;
}

function parseResultId(id: string): ResultRef {
  const match = RESULT_ID.exec(id);
  if (!match) throw new SupplierError('not_found', 'Booking.com: not one of our result ids', ['not_found']);
  const ref = {
    accommodation: Number(match[1]),
    checkin: match[2],
    checkout: match[3],
    rooms: Number(match[4]),
    guests: Number(match[5]),
  };
  if (ref.rooms < 1 || ref.guests < ref.rooms) {
    throw new SupplierError('not_found', 'Booking.com: not one of our result ids', ['not_found']);
  }
  return ref;
}

function parseRateId(id: string): { ref: ResultRef; productId: string } {
  const [result, productId] = id.split('~');
  if (!productId || !/^[\w-]{1,150}$/.test(productId)) {
    throw new SupplierError('not_found', 'Booking.com: not one of our rate ids', ['not_found']);
  }
  return { ref: parseResultId(result), productId };
}

function parseQuoteId(id: string): { ref: ResultRef; productId: string; orderToken: string } {
  const [result, product, ...token] = id.split('~');
  const orderToken = token.join('~');
  if (!orderToken) throw new SupplierError('not_found', 'Booking.com: not one of our quote ids', ['not_found']);
  return { ...parseRateId(`${result}~${product}`), orderToken };
}
