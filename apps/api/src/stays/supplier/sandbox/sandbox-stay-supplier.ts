import { randomInt } from 'node:crypto';
import { DateTime } from 'luxon';
import { IsNull, MoreThanOrEqual, type Repository } from 'typeorm';
import { distanceKm } from '../../../places/great-circle';
import { nearestCity } from '../../../places/places.index';
import {
  refundAt,
  type StayBooking,
  type StayBookingRequest,
  type StayQuote,
  type StayRate,
  type StayRates,
  type StayResult,
  type StaySearchRequest,
  type StaySearchResult,
  type StaySupplier,
  SupplierError,
} from '../stay-supplier';
import {
  citySpreadKm,
  cityProperties,
  nightsOf,
  propertyKey,
  propertyRates,
  publicProperty,
  SANDBOX_STAY_TTL_MINUTES,
  type SandboxProperty,
  type SandboxStay,
} from './sandbox-properties';
import type { SandboxStayBooking } from './sandbox-stay-booking.entity';
import { PROPERTY_PREFIX, type SandboxResultRef, SandboxStayIds } from './sandbox-stay-ids';

const BOOKING_PREFIX = 'sbx_bok_';
const MAX_NIGHTS = 30;
const MAX_DAYS_AHEAD = 361;
const MAX_RADIUS_KM = 50;
const MAX_GUESTS_PER_ROOM = 4;
const TTL_MS = SANDBOX_STAY_TTL_MINUTES * 60_000;
/** No 0/O or 1/I: a reference read over the phone stays unambiguous. */
const REFERENCE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * The built-in stay supplier used when no DUFFEL_API_KEY is set: hotels computed from the bundled
 * cities (sandbox-properties.ts), bookings kept in `sandbox_stay_bookings`. Everything it returns says
 * `supplier: 'sandbox'`, and its confirmation numbers start with "SBX-H": nobody is sleeping there.
 */
export class SandboxStaySupplier implements StaySupplier {
  readonly name = 'sandbox' as const;
  private readonly ids: SandboxStayIds;

  constructor(
    private readonly bookings: Repository<SandboxStayBooking>,
    secret: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.ids = new SandboxStayIds(secret);
  }

  async search(request: StaySearchRequest): Promise<StaySearchResult> {
    return this.searchNow(request);
  }

  /** Synchronous core of `search`, for tests and the bench. */
  searchNow(request: StaySearchRequest): StaySearchResult {
    const stay = this.checkedStay(request);
    const searchedAt = new Date(Math.floor(this.now().getTime() / 1000) * 1000);
    const properties =
      'propertyIds' in request.where ? this.byIds(request.where.propertyIds) : this.around(request.where);
    const results = properties
      .map((property) => this.result(property, { propertyKey: keyOf(property), stay, searchedAt }))
      .sort(
        (a, b) =>
          Number(a.cheapestTotal.amount) - Number(b.cheapestTotal.amount) ||
          a.supplierResultId.localeCompare(b.supplierResultId),
      );
    return { results };
  }

  async rates(supplierResultId: string): Promise<StayRates> {
    const ref = this.ids.parseResultId(supplierResultId);
    if (!ref) throw new SupplierError('not_found', 'no such sandbox search result', ['not_found']);
    this.unexpired(ref.searchedAt, 'search result');
    const property = this.property(ref.propertyKey);
    return {
      supplier: 'sandbox',
      supplierResultId,
      property: publicProperty(property),
      ...ref.stay,
      rates: this.ratesOf(property, ref),
    };
  }

  async quote(supplierRateId: string): Promise<StayQuote> {
    const parsed = this.ids.parseRateId(supplierRateId);
    if (!parsed) throw new SupplierError('not_found', 'no such sandbox rate', ['not_found']);
    this.unexpired(parsed.ref.searchedAt, 'rate');
    const now = new Date(Math.floor(this.now().getTime() / 1000) * 1000);
    return this.quoteOf(this.ids.quoteId(supplierRateId, now));
  }

  async book(request: StayBookingRequest): Promise<StayBooking> {
    const quote = this.quoteOf(request.supplierQuoteId);
    const parsed = this.ids.parseQuoteId(request.supplierQuoteId)!;
    if (parsed.quotedAt.getTime() + TTL_MS <= this.now().getTime()) {
      throw new SupplierError('offer_expired', 'the sandbox quote has expired: quote the rate again', [
        'quote_expired',
      ]);
    }
    const { amount, currency } = request.expectedTotal;
    if (currency !== quote.totalAmount.currency || Number(amount) !== Number(quote.totalAmount.amount)) {
      throw new SupplierError(
        'price_changed',
        `the quote costs ${quote.totalAmount.amount} ${quote.totalAmount.currency}, not ${amount} ${currency}`,
        ['price_changed'],
      );
    }
    if (
      request.guests.length !== quote.guests ||
      request.guests.some((guest) => !guest.givenName.trim() || !guest.familyName.trim())
    ) {
      throw new SupplierError('invalid_request', `the booking must name the quote's ${quote.guests} guest(s)`, [
        'invalid_guests',
      ]);
    }
    if (!request.email.includes('@') || !/^\+[1-9]\d{6,14}$/.test(request.phoneNumber)) {
      throw new SupplierError('invalid_request', 'the lead guest needs an e-mail address and an E.164 phone number', [
        'invalid_contact',
      ]);
    }
    const rate = quote.rate!;
    const row = await this.bookings.save(
      this.bookings.create({
        bookingId: request.bookingId,
        quoteId: quote.supplierQuoteId,
        reference: reference(),
        property: quote.property,
        roomName: rate.roomName,
        board: rate.board,
        checkInDate: quote.checkInDate,
        checkOutDate: quote.checkOutDate,
        rooms: quote.rooms,
        guests: quote.guests,
        totalAmount: quote.totalAmount.amount,
        totalCurrency: quote.totalAmount.currency,
        cancellation: rate.cancellation,
        refundAmount: null,
        cancelledAt: null,
      }),
    );
    return toBooking(row);
  }

  async getBooking(supplierBookingId: string): Promise<StayBooking> {
    return toBooking(await this.bookingRow(supplierBookingId));
  }

  async findBookingByBookingId(bookingId: string, createdAfter: Date): Promise<StayBooking | null> {
    const row = await this.bookings.findOne({
      where: { bookingId, createdAt: MoreThanOrEqual(createdAfter) },
      order: { createdAt: 'DESC' },
    });
    return row && toBooking(row);
  }

  async cancel(supplierBookingId: string): Promise<StayBooking> {
    const row = await this.bookingRow(supplierBookingId);
    // Cancelling twice answers the cancelled booking, as a retried request should.
    if (row.cancelledAt) return toBooking(row);
    const now = this.now();
    const { latitude, longitude, address } = row.property;
    const zone = nearestCity(latitude ?? 0, longitude ?? 0, address.countryCode).timezone;
    if (DateTime.fromISO(row.checkInDate, { zone }).toMillis() <= now.getTime()) {
      throw new SupplierError('invalid_request', 'the stay has begun: the hotel must be asked', [
        'booking_not_cancellable',
      ]);
    }
    const total = { amount: Number(row.totalAmount).toFixed(2), currency: row.totalCurrency };
    const refund = refundAt(row.cancellation, total, now);
    // Only a confirmed booking is cancelled: a concurrent cancel wins and is answered as such.
    await this.bookings.update(
      { id: row.id, cancelledAt: IsNull() },
      { cancelledAt: now, refundAmount: refund.amount },
    );
    return toBooking(await this.bookingRow(supplierBookingId));
  }

  private quoteOf(supplierQuoteId: string): StayQuote {
    const parsed = this.ids.parseQuoteId(supplierQuoteId);
    if (!parsed) throw new SupplierError('not_found', 'no such sandbox quote', ['not_found']);
    const property = this.property(parsed.ref.propertyKey);
    const rate = this.ratesOf(property, parsed.ref)[parsed.index];
    if (!rate) throw new SupplierError('not_found', 'no such sandbox quote', ['not_found']);
    return {
      supplier: 'sandbox',
      supplierQuoteId,
      property: publicProperty(property),
      ...parsed.ref.stay,
      rate: { ...rate, expiresAt: new Date(parsed.quotedAt.getTime() + TTL_MS).toISOString() },
      totalAmount: rate.totalAmount,
      dueAtProperty: rate.dueAtProperty,
    };
  }

  private result(property: SandboxProperty, ref: SandboxResultRef): StayResult {
    const rates = this.ratesOf(property, ref);
    const cheapest = rates.reduce((low, rate) =>
      Number(rate.totalAmount.amount) < Number(low.totalAmount.amount) ? rate : low,
    );
    return {
      supplier: 'sandbox',
      supplierResultId: this.ids.resultId(ref),
      property: publicProperty(property),
      ...ref.stay,
      cheapestTotal: cheapest.totalAmount,
      expiresAt: new Date(ref.searchedAt.getTime() + TTL_MS).toISOString(),
    };
  }

  private ratesOf(property: SandboxProperty, ref: SandboxResultRef): StayRate[] {
    return propertyRates(property, ref.stay, ref.searchedAt, this.ids.rateIds(ref));
  }

  private around(where: { latitude: number; longitude: number; radiusKm: number }): SandboxProperty[] {
    const { latitude, longitude, radiusKm } = where;
    if (
      ![latitude, longitude, radiusKm].every(Number.isFinite) ||
      Math.abs(latitude) > 90 ||
      Math.abs(longitude) > 180
    ) {
      throw new SupplierError('invalid_request', 'the search needs coordinates', ['invalid_location']);
    }
    if (radiusKm <= 0 || radiusKm > MAX_RADIUS_KM) {
      throw new SupplierError('invalid_request', `the radius is 0–${MAX_RADIUS_KM} km`, ['invalid_radius']);
    }
    const point = { latitude, longitude };
    // The nearest bundled city's hotels: a point far from any city finds none.
    const city = nearestCity(latitude, longitude);
    if (distanceKm(point, city) > radiusKm + citySpreadKm(city)) return [];
    return cityProperties(city).filter(
      (property) => distanceKm(point, { latitude: property.latitude!, longitude: property.longitude! }) <= radiusKm,
    );
  }

  private byIds(ids: string[]): SandboxProperty[] {
    if (ids.length < 1 || ids.length > 50) {
      throw new SupplierError('invalid_request', 'a search names 1 to 50 properties', ['invalid_accommodation']);
    }
    const found = new Map<string, SandboxProperty>();
    for (const id of ids) {
      const property = id.startsWith(PROPERTY_PREFIX) ? this.findProperty(id.slice(PROPERTY_PREFIX.length)) : null;
      if (property) found.set(property.supplierPropertyId, property);
    }
    return [...found.values()];
  }

  private property(key: string): SandboxProperty {
    const property = this.findProperty(key);
    if (!property) throw new SupplierError('not_found', 'no such sandbox property', ['not_found']);
    return property;
  }

  /** The property a key names: its city re-found from the coordinates the key carries, its place checked. */
  private findProperty(key: string): SandboxProperty | null {
    const match = /^([A-Z]{2})_(-?\d{1,6})_(-?\d{1,7})_(\d{1,2})$/.exec(key);
    if (!match) return null;
    const latitude = Number(match[2]) / 1e4;
    const longitude = Number(match[3]) / 1e4;
    if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return null;
    const city = nearestCity(latitude, longitude, match[1]);
    const index = Number(match[4]);
    if (propertyKey(city, index) !== key) return null;
    return cityProperties(city)[index] ?? null;
  }

  private checkedStay(request: StaySearchRequest): SandboxStay {
    const { checkInDate, checkOutDate, rooms, guests } = request;
    for (const date of [checkInDate, checkOutDate]) {
      if (!/^20\d\d-\d\d-\d\d$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
        throw new SupplierError('invalid_request', `${JSON.stringify(date)} is not a date`, ['invalid_date']);
      }
    }
    const nights = nightsOf(request);
    if (nights < 1 || nights > MAX_NIGHTS) {
      throw new SupplierError('invalid_request', `a stay is 1 to ${MAX_NIGHTS} nights`, ['invalid_dates']);
    }
    // A day's slack either side of UTC's today: it is still yesterday somewhere.
    const today = Date.parse(`${this.now().toISOString().slice(0, 10)}T00:00:00Z`);
    const checkIn = Date.parse(`${checkInDate}T00:00:00Z`);
    if (checkIn < today - 86_400_000 || checkIn > today + MAX_DAYS_AHEAD * 86_400_000) {
      throw new SupplierError('invalid_request', 'check-in is from today to a year ahead', ['invalid_dates']);
    }
    if (!Number.isInteger(rooms) || rooms < 1 || rooms > 9) {
      throw new SupplierError('invalid_request', 'a search has 1 to 9 rooms', ['invalid_rooms']);
    }
    if (!Number.isInteger(guests) || guests < rooms || guests > rooms * MAX_GUESTS_PER_ROOM || guests > 99) {
      throw new SupplierError('invalid_request', `each room has 1 to ${MAX_GUESTS_PER_ROOM} guests`, [
        'invalid_guests',
      ]);
    }
    return { checkInDate, checkOutDate, rooms, guests };
  }

  private unexpired(searchedAt: Date, what: string): void {
    if (searchedAt.getTime() + TTL_MS <= this.now().getTime()) {
      throw new SupplierError('offer_expired', `the sandbox ${what} has expired: search again`, ['rate_unavailable']);
    }
  }

  private async bookingRow(supplierBookingId: string): Promise<SandboxStayBooking> {
    const id = supplierBookingId.startsWith(BOOKING_PREFIX) ? supplierBookingId.slice(BOOKING_PREFIX.length) : '';
    const row = /^[0-9a-f-]{36}$/.test(id) ? await this.bookings.findOneBy({ id }) : null;
    if (!row) throw new SupplierError('not_found', 'no such sandbox booking', ['not_found']);
    return row;
  }
}

const keyOf = (property: SandboxProperty) => property.supplierPropertyId.slice(PROPERTY_PREFIX.length);

function reference(): string {
  let value = 'SBX-H';
  for (let i = 0; i < 6; i += 1) value += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
  return value;
}

function toBooking(row: SandboxStayBooking): StayBooking {
  const total = { amount: Number(row.totalAmount).toFixed(2), currency: row.totalCurrency };
  return {
    supplier: 'sandbox',
    supplierBookingId: `${BOOKING_PREFIX}${row.id}`,
    reference: row.reference,
    status: row.cancelledAt ? 'cancelled' : 'confirmed',
    property: row.property,
    checkInDate: row.checkInDate,
    checkOutDate: row.checkOutDate,
    rooms: row.rooms,
    totalAmount: total,
    cancellation: row.cancellation,
    refund:
      row.refundAmount === null ? null : { amount: Number(row.refundAmount).toFixed(2), currency: row.totalCurrency },
    bookingId: row.bookingId,
    confirmedAt: row.createdAt.toISOString(),
    cancelledAt: row.cancelledAt ? row.cancelledAt.toISOString() : null,
  };
}
