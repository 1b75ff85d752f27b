import type { ApiClient } from './api-client';

/** A calendar date `days` from today (UTC): searches and trips of flight tests are always ahead. */
export function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** A travel policy with every rule off but its currency: each test switches on what it judges. */
export const OPEN_POLICY = {
  currency: 'EUR',
  allowedCabinClasses: ['economy', 'premium_economy', 'business', 'first'],
  cabinRules: [],
  maxFlightFare: null,
  maxHotelNightlyRate: null,
  cityNightlyCaps: [],
  minAdvanceBookingDays: 0,
  tripBudgetCeiling: null,
  preferredAirlines: [],
  blockedAirlines: [],
  maxConnections: null,
  maxFlightCo2Kg: null,
  expenseCaps: [],
  outOfPolicy: 'needs_approval',
  reasonCodes: [{ code: 'client_requirement', label: 'Client requirement' }],
  autoApproveInPolicy: false,
};

/** A complete passenger profile (PUT /api/users/me/passenger-profile): booking needs one per traveller. */
export const PASSENGER_PROFILE = {
  givenName: 'Tom',
  familyName: 'Traveller',
  bornOn: '1985-04-12',
  gender: 'm',
  title: 'mr',
  email: 'tom@example.com',
  phoneNumber: '+442071234567',
};

/**
 * A sandbox flight search of `tripId` (FRA → JFK in 60 days) and a confirmed booking of its
 * cheapest offer by `token`'s user (given a passenger profile first): the ids the route sweeps need.
 */
export async function bookedFlight(
  api: ApiClient,
  token: string,
  tripId: string,
): Promise<{ searchId: string; bookingId: string }> {
  const search = await api.post(
    `/api/trips/${tripId}/flight-searches`,
    { slices: [{ origin: 'FRA', destination: 'JFK', departureDate: inDays(60) }] },
    { token },
  );
  if (search.status !== 201) throw new Error(`flight search: ${search.status} ${search.text}`);
  await api.put('/api/users/me/passenger-profile', PASSENGER_PROFILE, { token });
  const booking = await api.post(
    `/api/trips/${tripId}/bookings`,
    { offerId: search.body.items[0].id },
    { token, headers: { 'idempotency-key': 'fixture-booking' } },
  );
  if (booking.status !== 201) throw new Error(`booking: ${booking.status} ${booking.text}`);
  return { searchId: search.body.search.id, bookingId: booking.body.id };
}
