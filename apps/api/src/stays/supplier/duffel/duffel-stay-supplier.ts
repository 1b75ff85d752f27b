import type { Duffel } from '@duffel/api';
import { Logger } from '@nestjs/common';
import { DuffelCaller, type DuffelCallOptions } from '../../../flights/supplier/duffel/duffel-call';
import { checked } from '../../../flights/supplier/duffel/duffel-response.schema';
import type {
  StayBooking,
  StayBookingRequest,
  StayQuote,
  StayRates,
  StaySearchRequest,
  StaySearchResult,
  StaySupplier,
} from '../stay-supplier';
import { SupplierError } from '../stay-supplier';
import {
  type DuffelStaySearchResult,
  toStayBooking,
  toStayQuote,
  toStayRates,
  toStayResult,
} from './duffel-stay-mapper';
import { duffelSearch } from './duffel-stay-response.schema';

export interface DuffelStaySupplierOptions extends DuffelCallOptions {
  /** How many pages of bookings the reconciler's lookup reads at most. */
  bookingLookupPages?: number;
}

const BOOKINGS_PAGE = 50;

/**
 * Duffel Stays through the official SDK (`@duffel/api`), with the flights' call discipline
 * (DuffelCaller: deadline, bounded retries, errors in our terms). A booking or a cancellation is
 * never sent twice by us: a lost answer is a `timeout`/`unavailable` the reconciler resolves with
 * `findBookingByBookingId` (our booking id travels in the booking's metadata).
 */
export class DuffelStaySupplier implements StaySupplier {
  readonly name = 'duffel' as const;
  private readonly logger = new Logger('DuffelStaySupplier');
  private readonly caller: DuffelCaller;
  private readonly bookingLookupPages: number;

  constructor(
    private readonly duffel: Duffel,
    options: DuffelStaySupplierOptions,
  ) {
    this.caller = new DuffelCaller(options, this.logger);
    this.bookingLookupPages = options.bookingLookupPages ?? 10;
  }

  async search(request: StaySearchRequest): Promise<StaySearchResult> {
    const common = {
      check_in_date: request.checkInDate,
      check_out_date: request.checkOutDate,
      rooms: request.rooms,
      guests: Array.from({ length: request.guests }, () => ({ type: 'adult' as const })),
    };
    const params =
      'propertyIds' in request.where
        ? { ...common, accommodation: { ids: request.where.propertyIds } }
        : {
            ...common,
            location: {
              radius: request.where.radiusKm,
              geographic_coordinates: { latitude: request.where.latitude, longitude: request.where.longitude },
            },
          };
    const { data } = await this.caller.call('stays search', 'safe', this.caller.deadline(), () =>
      this.duffel.stays.search(params),
    );
    checked(duffelSearch, data, 'stays search');
    const results = (data.results as DuffelStaySearchResult[]).map(toStayResult);
    return {
      results: results.sort((a, b) => Number(a.cheapestTotal.amount) - Number(b.cheapestTotal.amount)),
    };
  }

  async rates(supplierResultId: string): Promise<StayRates> {
    const { data } = await this.caller.call('fetch all rates', 'safe', this.caller.deadline(), () =>
      this.duffel.stays.searchResults.fetchAllRates(supplierResultId),
    );
    return toStayRates(data);
  }

  /** A quote changes nothing at Duffel (it only locks a price for a while): safe to send again. */
  async quote(supplierRateId: string): Promise<StayQuote> {
    const { data } = await this.caller.call('create quote', 'safe', this.caller.deadline(), () =>
      this.duffel.stays.quotes.create(supplierRateId),
    );
    return toStayQuote(data);
  }

  async book(request: StayBookingRequest): Promise<StayBooking> {
    const { data } = await this.caller.call('create stay booking', 'once', this.caller.deadline(), () =>
      this.duffel.stays.bookings.create({
        quote_id: request.supplierQuoteId,
        guests: request.guests.map((guest) => ({ given_name: guest.givenName, family_name: guest.familyName })),
        email: request.email,
        phone_number: request.phoneNumber,
        metadata: { booking_id: request.bookingId },
      }),
    );
    return toStayBooking(data);
  }

  async getBooking(supplierBookingId: string): Promise<StayBooking> {
    const { data } = await this.caller.call('get stay booking', 'safe', this.caller.deadline(), () =>
      this.duffel.stays.bookings.get(supplierBookingId),
    );
    return toStayBooking(data);
  }

  /**
   * Duffel lists stay bookings in no stated order and cannot filter by metadata: read a bounded
   * number of pages and keep the newest match made after `createdAfter`.
   */
  async findBookingByBookingId(bookingId: string, createdAfter: Date): Promise<StayBooking | null> {
    const deadline = this.caller.deadline();
    let after: string | undefined;
    for (let page = 0; page < this.bookingLookupPages; page += 1) {
      const response = await this.caller.call('list stay bookings', 'safe', deadline, () =>
        this.duffel.stays.bookings.list({ limit: BOOKINGS_PAGE, ...(after ? { after } : {}) }),
      );
      checked(duffelSearch.shape.results, response.data, 'stay booking list');
      const match = response.data.find(
        (booking) =>
          booking.metadata?.booking_id === bookingId && Date.parse(booking.confirmed_at) >= createdAfter.getTime(),
      );
      if (match) return toStayBooking(match);
      after = response.meta?.after ?? undefined;
      if (!after || response.data.length === 0) return null;
    }
    this.logger.warn(`stay booking lookup for booking ${bookingId}: no match in ${this.bookingLookupPages} pages`);
    return null;
  }

  async cancel(supplierBookingId: string): Promise<StayBooking> {
    try {
      const { data } = await this.caller.call('cancel stay booking', 'once', this.caller.deadline(), () =>
        this.duffel.stays.bookings.cancel(supplierBookingId),
      );
      return toStayBooking(data);
    } catch (error) {
      // Cancelling twice answers the cancelled booking, as the sandbox does (a retry after a lost answer).
      if (error instanceof SupplierError && error.supplierCodes.includes('already_cancelled')) {
        const booking = await this.getBooking(supplierBookingId);
        if (booking.status === 'cancelled') return booking;
      }
      throw error;
    }
  }
}
