import { DEFAULT_REASON_CODES, parseTravelPolicy } from './travel-policy.schema';

/** A row as travel_policies holds it today (toTravelPolicyResponse's fields), plus the version. */
const TODAY = {
  version: 1,
  allowedCabinClasses: ['economy', 'premium_economy'],
  currency: 'EUR',
  maxFlightFare: '800.00',
  maxHotelNightlyRate: '180.00',
  minAdvanceBookingDays: 7,
  tripBudgetCeiling: '5000.00',
  outOfPolicyRequiresApproval: true,
};

function errorsOf(input: unknown) {
  const parsed = parseTravelPolicy(input);
  return parsed.ok ? [] : parsed.errors;
}

describe('travel policy parser', () => {
  it("reads today's policy unchanged, with every new rule off", () => {
    const parsed = parseTravelPolicy(TODAY);
    expect(parsed).toEqual({
      ok: true,
      policy: {
        version: 1,
        allowedCabinClasses: ['economy', 'premium_economy'],
        currency: 'EUR',
        maxFlightFare: '800.00',
        maxHotelNightlyRate: '180.00',
        minAdvanceBookingDays: 7,
        tripBudgetCeiling: '5000.00',
        cabinRules: [],
        cityNightlyCaps: [],
        preferredAirlines: [],
        blockedAirlines: [],
        maxConnections: null,
        maxFlightCo2Kg: null,
        expenseCaps: [],
        outOfPolicy: 'needs_approval',
        reasonCodes: DEFAULT_REASON_CODES,
        autoApproveInPolicy: false,
      },
    });
  });

  it.each([
    [true, undefined, 'needs_approval'],
    [false, undefined, 'allowed_with_reason'],
    [undefined, undefined, 'needs_approval'],
    [false, 'blocked', 'blocked'],
    [true, 'allowed_with_reason', 'allowed_with_reason'],
  ])('outOfPolicyRequiresApproval %s and outOfPolicy %s → %s', (requiresApproval, outOfPolicy, handling) => {
    const parsed = parseTravelPolicy({ ...TODAY, outOfPolicyRequiresApproval: requiresApproval, outOfPolicy });
    expect(parsed.ok && parsed.policy.outOfPolicy).toBe(handling);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['no version', { version: undefined }, 'version'],
    ['version 0', { version: 0 }, 'version'],
    ['a float amount', { maxFlightFare: 800 }, 'maxFlightFare'],
    ['three decimals', { tripBudgetCeiling: '1.005' }, 'tripBudgetCeiling'],
    ['an unknown cabin', { allowedCabinClasses: ['economy', 'suite'] }, 'allowedCabinClasses.1'],
    ['a cabin twice', { allowedCabinClasses: ['economy', 'economy'] }, 'allowedCabinClasses'],
    ['a negative duration', { cabinRules: [{ cabin: 'business', fromMinutes: -1 }] }, 'cabinRules.0.fromMinutes'],
    [
      'two rules for one cabin',
      {
        cabinRules: [
          { cabin: 'business', fromMinutes: 300 },
          { cabin: 'business', fromMinutes: 500 },
        ],
      },
      'cabinRules',
    ],
    ['a lower-case airline', { blockedAirlines: ['fr'] }, 'blockedAirlines.0'],
    [
      'an airline both preferred and blocked',
      { preferredAirlines: ['LH', 'FR'], blockedAirlines: ['FR'] },
      'blockedAirlines',
    ],
    [
      'one city twice, spelt apart',
      {
        cityNightlyCaps: [
          { city: 'Zürich', maxNightlyRate: '250' },
          { city: 'zurich', maxNightlyRate: '260' },
        ],
      },
      'cityNightlyCaps',
    ],
    ['fractional CO2', { maxFlightCo2Kg: 1.5 }, 'maxFlightCo2Kg'],
    ['a negative connection count', { maxConnections: -1 }, 'maxConnections'],
    [
      'an expense category with spaces',
      { expenseCaps: [{ category: 'ground transport', maxAmount: '50' }] },
      'expenseCaps.0.category',
    ],
    [
      'a reason code twice',
      {
        reasonCodes: [
          { code: 'a', label: 'A' },
          { code: 'a', label: 'B' },
        ],
      },
      'reasonCodes',
    ],
    ['allowed with a reason but no reasons', { outOfPolicy: 'allowed_with_reason', reasonCodes: [] }, 'reasonCodes'],
    ['an unknown handling', { outOfPolicy: 'ignore' }, 'outOfPolicy'],
    [
      'an unknown key in a list item',
      { cabinRules: [{ cabin: 'business', fromMinutes: 540, note: 'x' }] },
      'cabinRules.0',
    ],
  ])('refuses %s, naming the field', (_, change, field) => {
    expect(errorsOf({ ...TODAY, ...change }).map((error) => error.field)).toContain(field);
  });

  it('writes every amount with two decimals, as the numeric columns give them back', () => {
    const parsed = parseTravelPolicy({
      ...TODAY,
      maxFlightFare: '800',
      cityNightlyCaps: [{ city: 'Paris', countryCode: 'FR', maxNightlyRate: '220.5' }],
    });
    expect(parsed.ok && [parsed.policy.maxFlightFare, parsed.policy.cityNightlyCaps[0].maxNightlyRate]).toEqual([
      '800.00',
      '220.50',
    ]);
  });

  it('accepts a full policy of the new rules', () => {
    expect(
      errorsOf({
        ...TODAY,
        allowedCabinClasses: ['economy'],
        cabinRules: [
          { cabin: 'premium_economy', fromMinutes: 360 },
          { cabin: 'business', fromMinutes: 540 },
        ],
        cityNightlyCaps: [{ city: 'Paris', countryCode: 'FR', maxNightlyRate: '220.00' }],
        preferredAirlines: ['LH', 'LX'],
        blockedAirlines: ['FR'],
        maxConnections: 1,
        maxFlightCo2Kg: 400,
        expenseCaps: [{ category: 'meals', maxAmount: '60.00' }],
        outOfPolicy: 'allowed_with_reason',
        reasonCodes: [{ code: 'client_requirement', label: 'Client requirement' }],
      }),
    ).toEqual([]);
  });
});
