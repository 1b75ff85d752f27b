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
