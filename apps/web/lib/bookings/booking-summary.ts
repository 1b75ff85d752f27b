import type { Schemas } from '@nestmap/api-client';

type Booking = Schemas['BookingResponse'];
type Money = Schemas['MoneyDto'];

/** The first departure's local date at its airport ("2027-03-01"), or a stay's check-in date. */
export function firstDeparture(booking: Pick<Booking, 'offer' | 'stay'>): string | null {
  if (!booking.offer) return booking.stay?.checkInDate ?? null;
  return booking.offer.slices[0]?.segments[0]?.departingAt.slice(0, 10) ?? null;
}

/** Statuses in which nothing was bought, or it was given back: left out of spending totals. */
export const NOT_SPENT: ReadonlySet<Booking['status']> = new Set(['rejected', 'failed', 'cancelled']);

/**
 * The prices of the given bookings added up per currency (no conversion: amounts in different
 * currencies are different sums), in cents so decimal strings add up exactly, currencies in
 * alphabetical order. Bookings in `NOT_SPENT` statuses are not counted.
 */
export function totalsByCurrency(bookings: readonly Pick<Booking, 'price' | 'status'>[]): Money[] {
  const cents = new Map<string, number>();
  for (const { price, status } of bookings) {
    if (NOT_SPENT.has(status)) continue;
    cents.set(price.currency, (cents.get(price.currency) ?? 0) + Math.round(Number(price.amount) * 100));
  }
  return [...cents]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, total]) => ({ currency, amount: (total / 100).toFixed(2) }));
}
