import http from 'node:http';
import https from 'node:https';
import { Logger } from '@nestjs/common';
import Amadeus from 'amadeus';
import { z } from 'zod';
import type { AppConfig } from '../../../config/app-config';
import { nearestCity } from '../../../places/places.index';
import type { Money } from '../../../policy/policy-subject';
import {
  type BoardType,
  type StayBooking,
  type StayCancellationPolicy,
  type StayProperty,
  type StayQuote,
  type StayRate,
  type StayRates,
  type StaySearchRequest,
  type StaySearchResult,
  type StaySupplier,
  type SupplierFailure,
  SupplierError,
} from '../stay-supplier';
import {
  type Classified,
  parseRetryAfter,
  SupplierCaller,
  type SupplierCallOptions,
} from '../../../flights/supplier/supplier-call';

/**
 * Amadeus Self-Service hotel search through the official SDK (`amadeus` 11.0.0): hotels around a
 * point (`referenceData.locations.hotels.byGeocode`) → their offers (`shopping.hotelOffersSearch`,
 * `GET /v3/shopping/hotel-offers`) → one offer re-priced as the quote (`shopping.hotelOfferSearch(id)`).
 * Search and policy only: Amadeus's hotel order (`booking.hotelOrders.post`) carries the guest's
 * payment card, which NestMap never handles, and the SDK has no call to read or cancel an order, so
 * booking is refused with a clear error (docs/stays.md § Amadeus).
 */
const MAX_HOTELS = 20;
const RESULT_TTL_MS = 30 * 60_000;
const BOARDS: Record<string, BoardType> = {
  ROOM_ONLY: 'room_only',
  BREAKFAST: 'breakfast',
  HALF_BOARD: 'half_board',
  FULL_BOARD: 'full_board',
  ALL_INCLUSIVE: 'all_inclusive',
};
/** Amadeus's hotel error code for a room that is gone: 3664 NO ROOMS AVAILABLE AT REQUESTED PROPERTY. */
const GONE_CODES = new Set(['3664']);

/** The SDK client for our settings: a base URL (a local stand-in in tests) sets its host, port and protocol. */
export function amadeusClient(settings: NonNullable<AppConfig['stays']['amadeus']>): Amadeus {
  const url = settings.baseUrl ? new URL(settings.baseUrl) : null;
  const plain = url?.protocol === 'http:';
  // The SDK reads `ssl: false` as "unset" (it falls back to true): plain HTTP is chosen through `http`.
  const network = plain ? http : https;
  return new Amadeus({
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    hostname: settings.hostname,
    ...(url ? { host: url.hostname, port: Number(url.port) || (plain ? 80 : 443) } : {}),
    ssl: true,
    logLevel: 'silent',
    http: {
      request: (options) => {
        const request = network.request({ ...options, protocol: plain ? 'http:' : 'https:' });
        // The SDK sets no timeout: our deadline stops waiting, and a socket still silent a second later is closed.
        request.setTimeout(settings.timeoutMs + 1_000, () => request.destroy(new Error('socket timeout')));
        return request;
      },
    },
  });
}

const decimal = z.string().regex(/^\d{1,10}(\.\d{1,4})?$/);
const offer = z.object({
  id: z.string().min(1).max(100),
  checkInDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  checkOutDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  roomQuantity: z.union([z.string(), z.number()]).nullish(),
  boardType: z.string().max(40).nullish(),
  room: z
    .object({
      typeEstimated: z.object({ category: z.string().max(80).nullish() }).nullish(),
      description: z.object({ text: z.string().max(2000).nullish() }).nullish(),
    })
    .nullish(),
  guests: z.object({ adults: z.number().int().min(1).max(99).nullish() }).nullish(),
  price: z.object({ currency: z.string().regex(/^[A-Z]{3}$/), total: decimal }),
  policies: z
    .object({
      cancellations: z
        .array(z.object({ deadline: z.string().nullish(), amount: decimal.nullish() }))
        .max(10)
        .nullish(),
      refundable: z.object({ cancellationRefund: z.string().max(40).nullish() }).nullish(),
    })
    .nullish(),
});
const hotelOffers = z.object({
  hotel: z.object({
    hotelId: z.string().min(1).max(20),
    name: z.string().max(300),
    chainCode: z.string().max(10).nullish(),
    latitude: z.number().min(-90).max(90).nullish(),
    longitude: z.number().min(-180).max(180).nullish(),
  }),
  available: z.boolean().nullish(),
  offers: z.array(offer).max(200).nullish(),
});
const hotelList = z
  .array(
    z.object({
      hotelId: z.string().min(1).max(20),
      address: z
        .object({
          countryCode: z
            .string()
            .regex(/^[A-Z]{2}$/)
            .nullish(),
        })
        .nullish(),
      rating: z.union([z.number(), z.string()]).nullish(),
    }),
  )
  .max(2000);

type HotelOffers = z.infer<typeof hotelOffers>;
type Offer = z.infer<typeof offer>;

export class AmadeusStaySupplier implements StaySupplier {
  readonly name = 'amadeus' as const;
  private readonly caller: SupplierCaller;
  /** What the hotel list says of a hotel (country, stars), which its offers do not. */
  private readonly listed = new Map<string, { countryCode: string | null; stars: number | null }>();

  constructor(
    private readonly amadeus: Amadeus,
    options: SupplierCallOptions,
  ) {
    this.caller = new SupplierCaller('Amadeus', options, new Logger('AmadeusStaySupplier'), classify);
  }

  async search(request: StaySearchRequest): Promise<StaySearchResult> {
    const deadline = this.caller.deadline();
    let hotelIds: string[];
    if ('propertyIds' in request.where) {
      hotelIds = request.where.propertyIds;
    } else {
      const { latitude, longitude, radiusKm } = request.where;
      const response = await this.caller.call('hotel list', 'safe', deadline, () =>
        this.amadeus.referenceData.locations.hotels.byGeocode.get({
          latitude,
          longitude,
          radius: Math.max(1, Math.round(radiusKm)),
          radiusUnit: 'KM',
        }),
      );
      const hotels = read(hotelList, response.data ?? [], 'hotel list');
      for (const hotel of hotels) {
        const stars = Number(hotel.rating);
        this.listed.set(hotel.hotelId, {
          countryCode: hotel.address?.countryCode ?? null,
          stars: Number.isInteger(stars) && stars >= 1 && stars <= 5 ? stars : null,
        });
      }
      hotelIds = hotels.slice(0, MAX_HOTELS).map((hotel) => hotel.hotelId);
    }
    if (hotelIds.length === 0) return { results: [] };
    const found = await this.offers(hotelIds, request, deadline);
    const expiresAt = new Date(Date.now() + RESULT_TTL_MS).toISOString();
    const results = found
      .filter((hotel) => (hotel.offers ?? []).length > 0)
      .map((hotel) => {
        const cheapest = [...hotel.offers!].sort((a, b) => Number(a.price.total) - Number(b.price.total))[0];
        return {
          supplier: this.name,
          property: this.property(hotel),
          checkInDate: request.checkInDate,
          checkOutDate: request.checkOutDate,
          rooms: request.rooms,
          guests: request.guests,
          supplierResultId: resultId(hotel.hotel.hotelId, request),
          cheapestTotal: { amount: Number(cheapest.price.total).toFixed(2), currency: cheapest.price.currency },
          expiresAt,
        };
      });
    return { results: results.sort((a, b) => Number(a.cheapestTotal.amount) - Number(b.cheapestTotal.amount)) };
  }

  async rates(supplierResultId: string): Promise<StayRates> {
    const request = parseResultId(supplierResultId);
    const [hotel] = await this.offers([request.hotelId], request, this.caller.deadline());
    if (!hotel)
      throw new SupplierError('offer_expired', 'Amadeus: the hotel has no offer for this stay any more', ['no_offers']);
    return {
      supplier: this.name,
      property: this.property(hotel),
      checkInDate: request.checkInDate,
      checkOutDate: request.checkOutDate,
      rooms: request.rooms,
      guests: request.guests,
      supplierResultId,
      rates: (hotel.offers ?? []).map((item) => toStayRate(item, request.checkInDate)),
    };
  }

  /** The offer as Amadeus prices it now (`GET /v3/shopping/hotel-offers/:id`); the offer id is the quote. */
  async quote(supplierRateId: string): Promise<StayQuote> {
    const response = await this.caller.call('hotel offer', 'safe', this.caller.deadline(), () =>
      this.amadeus.shopping.hotelOfferSearch(supplierRateId).get(),
    );
    const hotel = read(hotelOffers, response.data, 'hotel offer');
    const priced = hotel.offers?.[0];
    if (hotel.available === false || !priced) {
      throw new SupplierError('offer_expired', 'Amadeus: the offer is no longer available', ['not_available']);
    }
    const rate = toStayRate(priced, priced.checkInDate);
    return {
      supplier: this.name,
      property: this.property(hotel),
      checkInDate: priced.checkInDate,
      checkOutDate: priced.checkOutDate,
      rooms: Number(priced.roomQuantity ?? 1) || 1,
      guests: (priced.guests?.adults ?? 1) * (Number(priced.roomQuantity ?? 1) || 1),
      supplierQuoteId: priced.id,
      rate,
      totalAmount: rate.totalAmount,
      dueAtProperty: null,
    };
  }

  /** Refused without a call: an Amadeus hotel order carries the guest's payment card (docs/stays.md § Amadeus). */
  async book(): Promise<StayBooking> {
    throw new SupplierError(
      'invalid_request',
      'Amadeus hotel orders need the guest’s payment card in the request and NestMap handles no card data: Amadeus stays can be searched and judged, not booked',
      ['booking_not_supported'],
    );
  }

  /** NestMap never makes an Amadeus hotel order (see book), and the SDK cannot read one. */
  async getBooking(): Promise<StayBooking> {
    throw new SupplierError('not_found', 'Amadeus: NestMap makes no Amadeus hotel orders', ['booking_not_supported']);
  }

  async findBookingByBookingId(): Promise<StayBooking | null> {
    return null;
  }

  async cancel(): Promise<StayBooking> {
    throw new SupplierError('not_found', 'Amadeus: NestMap makes no Amadeus hotel orders', ['booking_not_supported']);
  }

  private async offers(
    hotelIds: string[],
    stay: { checkInDate: string; checkOutDate: string; rooms: number; guests: number },
    deadline: number,
  ): Promise<HotelOffers[]> {
    const response = await this.caller.call('hotel offers', 'safe', deadline, () =>
      this.amadeus.shopping.hotelOffersSearch.get({
        hotelIds: hotelIds.join(','),
        // Amadeus counts adults per room.
        adults: Math.ceil(stay.guests / stay.rooms),
        roomQuantity: stay.rooms,
        checkInDate: stay.checkInDate,
        checkOutDate: stay.checkOutDate,
        bestRateOnly: false,
      }),
    );
    return read(z.array(hotelOffers).max(MAX_HOTELS * 3), response.data ?? [], 'hotel offers');
  }

  /**
   * Amadeus's offers name the hotel and its coordinates, not its address or city: the city is the
   * bundled city nearest to it (as a lodging activity's zone is), the country the hotel list's.
   */
  private property({ hotel }: HotelOffers): StayProperty {
    const listed = this.listed.get(hotel.hotelId);
    const city =
      hotel.latitude != null && hotel.longitude != null
        ? nearestCity(hotel.latitude, hotel.longitude, listed?.countryCode ?? undefined)
        : null;
    return {
      supplierPropertyId: hotel.hotelId,
      name: hotel.name,
      address: {
        lineOne: '',
        postalCode: null,
        cityName: city?.name ?? '',
        countryCode: listed?.countryCode ?? city?.countryCode ?? '',
        region: null,
      },
      latitude: hotel.latitude ?? null,
      longitude: hotel.longitude ?? null,
      stars: listed?.stars ?? null,
      reviewScore: null,
      chain: hotel.chainCode ?? null,
      checkInAfter: null,
      checkOutBefore: null,
      phoneNumber: null,
    };
  }
}

function toStayRate(item: Offer, checkInDate: string): StayRate {
  const total: Money = { amount: Number(item.price.total).toFixed(2), currency: item.price.currency };
  const description = item.room?.description?.text?.split('\n')[0]?.trim();
  const category = item.room?.typeEstimated?.category?.replace(/_/g, ' ').toLowerCase();
  return {
    supplierRateId: item.id,
    roomName: description || (category ? category[0].toUpperCase() + category.slice(1) : 'Room'),
    board: BOARDS[item.boardType ?? 'ROOM_ONLY'] ?? 'room_only',
    totalAmount: total,
    dueAtProperty: null,
    cancellation: cancellationOf(item, total, checkInDate),
    conditions: [],
    quantityAvailable: null,
    expiresAt: null,
  };
}

/**
 * Amadeus gives each cancellation deadline with the penalty after it: the whole total is refunded
 * before the first deadline, the total less the penalty until check-in; a non-refundable rate (or one
 * with no cancellation terms) refunds nothing.
 */
function cancellationOf(item: Offer, total: Money, checkInDate: string): StayCancellationPolicy {
  const steps = (item.policies?.cancellations ?? [])
    .filter((step) => step.deadline && !Number.isNaN(Date.parse(step.deadline)))
    .sort((a, b) => Date.parse(a.deadline!) - Date.parse(b.deadline!));
  if (item.policies?.refundable?.cancellationRefund === 'NON_REFUNDABLE' || steps.length === 0) {
    return { refundable: false, timeline: [] };
  }
  const first = steps[0];
  const timeline = [{ before: new Date(first.deadline!).toISOString(), refund: total }];
  const penalty = first.amount ? Number(first.amount) : Number(total.amount);
  const rest = Number(total.amount) - penalty;
  const checkIn = Date.parse(`${checkInDate}T00:00:00.000Z`);
  if (rest > 0.004 && checkIn > Date.parse(first.deadline!)) {
    timeline.push({
      before: new Date(checkIn).toISOString(),
      refund: { amount: rest.toFixed(2), currency: total.currency },
    });
  }
  return { refundable: true, timeline };
}

function read<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const where = result.error.issues[0]?.path.join('.') || '(root)';
    throw new SupplierError('unavailable', `Amadeus answered a malformed ${what} (${where})`, ['invalid_response']);
  }
  return result.data;
}

const RESULT_ID = /^ama_([A-Z0-9]{1,20})_(\d{4}-\d{2}-\d{2})_(\d{4}-\d{2}-\d{2})_(\d{1,2})_(\d{1,3})$/;

function resultId(hotelId: string, stay: { checkInDate: string; checkOutDate: string; rooms: number; guests: number }) {
  return `ama_${hotelId}_${stay.checkInDate}_${stay.checkOutDate}_${stay.rooms}_${stay.guests}`;
}

function parseResultId(id: string) {
  const match = RESULT_ID.exec(id);
  if (!match || Number(match[4]) < 1)
    throw new SupplierError('not_found', 'Amadeus: not one of our result ids', ['not_found']);
  return {
    hotelId: match[1],
    checkInDate: match[2],
    checkOutDate: match[3],
    rooms: Number(match[4]),
    guests: Number(match[5]),
  };
}

/** The SDK's errors (`code`, `response.statusCode`, `response.result.errors[]`) in our terms. */
function classify(error: unknown, operation: string): Classified {
  const sdk = error as {
    code?: string;
    response?: { statusCode?: number; result?: { errors?: unknown }; headers?: Record<string, unknown> };
  };
  const status = sdk?.response?.statusCode;
  const listed = sdk?.response?.result?.errors;
  const errors: Array<{ code?: unknown; title?: unknown; detail?: unknown }> = Array.isArray(listed) ? listed : [];
  const codes = errors.map((entry) => String(entry.code ?? '')).filter(Boolean);
  const detail = String(
    errors[0]?.detail ?? errors[0]?.title ?? sdk?.code ?? (error as Error)?.message ?? 'error',
  ).slice(0, 300);
  if (sdk?.code === 'NetworkError' || status === undefined) {
    return {
      error: new SupplierError('unavailable', `Amadeus ${operation}: no answer (${detail})`, ['network_error']),
      transient: true,
      retryAfterMs: null,
    };
  }
  const failure: SupplierFailure =
    status === 429
      ? 'rate_limited'
      : codes.some((code) => GONE_CODES.has(code))
        ? 'offer_expired'
        : status === 404
          ? 'not_found'
          : status === 400 || status === 422
            ? 'invalid_request'
            : status === 504
              ? 'timeout'
              : 'unavailable';
  const retryAfter = sdk.response?.headers?.['retry-after'];
  return {
    error: new SupplierError(failure, `Amadeus ${operation}: ${detail}`, codes.length > 0 ? codes : [`http_${status}`]),
    transient: status === 502 || status === 503 || status === 504,
    retryAfterMs: status === 429 ? parseRetryAfter(typeof retryAfter === 'string' ? retryAfter : null) : null,
  };
}
