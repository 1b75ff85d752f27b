import { convertToCents, crossRate, formatCents } from '../currency/decimal';
import { evaluate } from './policy-evaluator';
import type { EvaluationContext, FlightSubject, Money, PolicySubject } from './policy-subject';
import type { PolicyRule } from './policy-verdict';
import { parseTravelPolicy, TravelPolicyInput, TravelPolicyRules } from './travel-policy.schema';

/** Units per 1 EUR, as the API's exchange rates are recorded. */
const PER_EURO: Record<string, string> = { EUR: '1', USD: '1.25', CHF: '0.9' };
const convert = ({ amount, currency }: Money, target: string) =>
  formatCents(convertToCents(amount, crossRate(PER_EURO[currency], PER_EURO[target])));

/** 23:30 UTC on 1 March is already 2 March in Berlin, the traveller's zone. */
const CONTEXT: EvaluationContext = { now: new Date('2026-03-01T23:30:00Z'), timeZone: 'Europe/Berlin', convert };

/** Every rule off: each row below switches on the one it tests. */
const OPEN: TravelPolicyInput = {
  version: 3,
  currency: 'EUR',
  allowedCabinClasses: ['economy', 'premium_economy', 'business', 'first'],
  maxFlightFare: null,
  maxHotelNightlyRate: null,
  minAdvanceBookingDays: 0,
  tripBudgetCeiling: null,
  outOfPolicy: 'needs_approval',
};

function policyOf(overrides: Partial<TravelPolicyInput>): TravelPolicyRules {
  const parsed = parseTravelPolicy({ ...OPEN, ...overrides });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.policy;
}

const eur = (amount: string): Money => ({ amount, currency: 'EUR' });
const trip = (startDate: string, budget: Money | null = null): PolicySubject => ({ kind: 'trip', startDate, budget });
const flight = (overrides: Partial<FlightSubject> = {}): FlightSubject => ({
  kind: 'flight',
  departureDate: '2026-04-01',
  durationMinutes: 120,
  cabin: 'economy',
  fare: eur('300.00'),
  carriers: ['LH'],
  connections: 0,
  co2Kg: 150,
  ...overrides,
});
const stay = (city: string, amount: string, countryCode: string | null = null): PolicySubject => ({
  kind: 'stay',
  city,
  countryCode,
  nightlyRate: eur(amount),
});
const expense = (category: string, amount: string): PolicySubject => ({
  kind: 'expense',
  category,
  amount: eur(amount),
});

const BUSINESS_FROM_9H: Partial<TravelPolicyInput> = {
  allowedCabinClasses: ['economy'],
  cabinRules: [
    { cabin: 'premium_economy', fromMinutes: 360 },
    { cabin: 'business', fromMinutes: 540 },
  ],
};

/** [case, policy, subject at the limit (in policy), subject one unit over, the rule, limit, actual over]. */
const BOUNDARIES: [
  string,
  Partial<TravelPolicyInput>,
  PolicySubject,
  PolicySubject,
  PolicyRule,
  string | number | null,
  string | number | null,
][] = [
  [
    'trip budget ceiling (one cent)',
    { tripBudgetCeiling: '5000.00' },
    trip('2026-04-01', eur('5000.00')),
    trip('2026-04-01', eur('5000.01')),
    'trip_budget',
    '5000.00',
    '5000.01',
  ],
  [
    'trip notice in days',
    { minAdvanceBookingDays: 7 },
    trip('2026-03-09'),
    trip('2026-03-08'),
    'min_advance_days',
    7,
    6,
  ],
  [
    'flight notice in days',
    { minAdvanceBookingDays: 7 },
    flight({ departureDate: '2026-03-09' }),
    flight({ departureDate: '2026-03-08' }),
    'min_advance_days',
    7,
    6,
  ],
  [
    'business from 9 h (one minute)',
    BUSINESS_FROM_9H,
    flight({ cabin: 'business', durationMinutes: 540 }),
    flight({ cabin: 'business', durationMinutes: 539 }),
    'flight_cabin',
    540,
    539,
  ],
  [
    'premium economy from 6 h',
    BUSINESS_FROM_9H,
    flight({ cabin: 'premium_economy', durationMinutes: 360 }),
    flight({ cabin: 'premium_economy', durationMinutes: 359 }),
    'flight_cabin',
    360,
    359,
  ],
  [
    'max fare per flight',
    { maxFlightFare: '800.00' },
    flight({ fare: eur('800.00') }),
    flight({ fare: eur('800.01') }),
    'flight_fare',
    '800.00',
    '800.01',
  ],
  [
    'max connections',
    { maxConnections: 1 },
    flight({ connections: 1 }),
    flight({ connections: 2 }),
    'flight_connections',
    1,
    2,
  ],
  [
    'CO2 cap per flight (one kg)',
    { maxFlightCo2Kg: 300 },
    flight({ co2Kg: 300 }),
    flight({ co2Kg: 301 }),
    'flight_co2',
    300,
    301,
  ],
  [
    'preferred airlines',
    { preferredAirlines: ['LH', 'LX'] },
    flight({ carriers: ['LH', 'LX'] }),
    flight({ carriers: ['LH', 'UA'] }),
    'airline_not_preferred',
    'LH, LX',
    'UA',
  ],
  [
    'nightly rate',
    { maxHotelNightlyRate: '180.00' },
    stay('Lyon', '180.00'),
    stay('Lyon', '180.01'),
    'stay_nightly_rate',
    '180.00',
    '180.01',
  ],
  [
    'per-city nightly cap overrides the default',
    { maxHotelNightlyRate: '180.00', cityNightlyCaps: [{ city: 'Zürich', maxNightlyRate: '250.00' }] },
    stay('zurich', '250.00'),
    stay('ZURICH', '250.01'),
    'stay_nightly_rate',
    '250.00',
    '250.01',
  ],
  [
    'expense cap per category',
    { expenseCaps: [{ category: 'meals', maxAmount: '60.00' }] },
    expense('meals', '60.00'),
    expense('meals', '60.01'),
    'expense_cap',
    '60.00',
    '60.01',
  ],
];

describe('policy evaluator', () => {
  describe.each(BOUNDARIES)('%s', (_, overrides, atLimit, over, rule, limit, actual) => {
    const policy = policyOf(overrides);

    it('is in policy exactly at the limit', () => {
      expect(evaluate(policy, atLimit, CONTEXT)).toEqual({
        verdict: 'in_policy',
        policyVersion: 3,
        reasons: [],
        reasonCode: null,
      });
    });

    it('breaks the rule one unit over', () => {
      const result = evaluate(policy, over, CONTEXT);
      expect(result.verdict).toBe('needs_approval');
      expect(result.reasons).toEqual([expect.objectContaining({ rule, limit, actual, overridable: true })]);
    });
  });

  it.each<[string, Partial<TravelPolicyInput>, PolicySubject, string]>([
    [
      'business on a short flight',
      BUSINESS_FROM_9H,
      flight({ cabin: 'business', durationMinutes: 455 }),
      'Business class is allowed from 9 h; this flight is 7 h 35 min.',
    ],
    [
      'a cabin with no rule',
      BUSINESS_FROM_9H,
      flight({ cabin: 'first', durationMinutes: 720 }),
      'First class is not allowed by the policy.',
    ],
    [
      'over the fare',
      { maxFlightFare: '800.00' },
      flight({ fare: eur('1250.5') }),
      'Fare €1,250.50 is over the €800.00 maximum per flight.',
    ],
    [
      'no budget',
      { tripBudgetCeiling: '5000.00' },
      trip('2026-04-01'),
      'No budget given; the policy ceiling is €5,000.00.',
    ],
    [
      'over the budget',
      { tripBudgetCeiling: '5000.00' },
      trip('2026-04-01', eur('6000')),
      'Budget €6,000.00 is over the €5,000.00 ceiling.',
    ],
    [
      'short notice',
      { minAdvanceBookingDays: 7 },
      trip('2026-03-03'),
      "Starts in 1 day; the policy asks for 7 days' notice.",
    ],
    [
      'a trip in the past',
      { minAdvanceBookingDays: 1 },
      trip('2026-02-28'),
      "Started 2 days ago; the policy asks for 1 day's notice.",
    ],
    [
      'a flight today',
      { minAdvanceBookingDays: 2 },
      flight({ departureDate: '2026-03-02' }),
      "Departs today; the policy asks for 2 days' notice.",
    ],
    [
      'nonstop only',
      { maxConnections: 0 },
      flight({ connections: 1 }),
      '1 connection; the policy allows nonstop flights only.',
    ],
    [
      'two connections',
      { maxConnections: 1 },
      flight({ connections: 2 }),
      '2 connections; the policy allows at most 1 connection.',
    ],
    [
      'CO2',
      { maxFlightCo2Kg: 300 },
      flight({ co2Kg: 420 }),
      'Emits 420 kg CO2 per passenger; the policy cap is 300 kg.',
    ],
    [
      'not preferred',
      { preferredAirlines: ['LH'] },
      flight({ carriers: ['UA'] }),
      'UA is not among the preferred airlines (LH).',
    ],
    [
      'blocked airline',
      { blockedAirlines: ['FR'] },
      flight({ carriers: ['LH', 'FR'] }),
      'Airline FR is blocked by the policy.',
    ],
    [
      'a city cap',
      { cityNightlyCaps: [{ city: 'Paris', countryCode: 'FR', maxNightlyRate: '220.00' }] },
      stay('Paris', '240', 'FR'),
      '€240.00 a night is over the €220.00 cap for Paris.',
    ],
    [
      'the default nightly cap',
      { maxHotelNightlyRate: '180.00' },
      stay('Lyon', '200'),
      '€200.00 a night is over the €180.00 nightly cap.',
    ],
    [
      'an expense',
      { expenseCaps: [{ category: 'ground_transport', maxAmount: '50.00' }] },
      expense('ground_transport', '75'),
      '€75.00 is over the €50.00 cap for ground transport.',
    ],
  ])('says why: %s', (_, overrides, subject, message) => {
    expect(evaluate(policyOf(overrides), subject, CONTEXT).reasons[0].message).toBe(message);
  });

  it("counts notice in the traveller's calendar days, from the given instant", () => {
    const policy = policyOf({ minAdvanceBookingDays: 7 });
    // Berlin is on 2 March: 8 March is 6 days away; in UTC it is still 1 March, 7 days away.
    expect(evaluate(policy, trip('2026-03-08'), CONTEXT).verdict).toBe('needs_approval');
    expect(evaluate(policy, trip('2026-03-08'), { ...CONTEXT, timeZone: 'UTC' }).verdict).toBe('in_policy');
    expect(evaluate(policy, trip('2026-03-08'), { ...CONTEXT, now: new Date('2026-02-28T12:00:00Z') }).verdict).toBe(
      'in_policy',
    );
  });

  it('has no notice rule at 0 days, not even for a trip already under way', () => {
    expect(evaluate(policyOf({ minAdvanceBookingDays: 0 }), trip('2026-02-20'), CONTEXT).verdict).toBe('in_policy');
    expect(evaluate(policyOf({ minAdvanceBookingDays: 1 }), trip('2026-02-20'), CONTEXT).reasons).toEqual([
      expect.objectContaining({ rule: 'min_advance_days', limit: 1, actual: -10 }),
    ]);
  });

  it('allows the cabins listed for every flight whatever its length, and no others', () => {
    const policy = policyOf(BUSINESS_FROM_9H);
    expect(evaluate(policy, flight({ cabin: 'economy', durationMinutes: 900 }), CONTEXT).verdict).toBe('in_policy');
    expect(evaluate(policy, flight({ cabin: 'first', durationMinutes: 900 }), CONTEXT).reasons).toEqual([
      expect.objectContaining({ rule: 'flight_cabin', limit: null, actual: 'first' }),
    ]);
  });

  it('applies a city cap only in its country, and the default cap elsewhere', () => {
    const policy = policyOf({
      maxHotelNightlyRate: '150.00',
      cityNightlyCaps: [{ city: 'Paris', countryCode: 'FR', maxNightlyRate: '220.00' }],
    });
    expect(evaluate(policy, stay('Paris', '200.00', 'FR'), CONTEXT).verdict).toBe('in_policy');
    expect(evaluate(policy, stay('Paris', '200.00', 'US'), CONTEXT).reasons).toEqual([
      expect.objectContaining({ limit: '150.00' }),
    ]);
  });

  it('judges nothing the policy leaves unset', () => {
    const policy = policyOf({});
    const subjects: PolicySubject[] = [
      trip('2026-03-02'),
      flight({
        cabin: 'first',
        durationMinutes: 30,
        fare: eur('9999999.99'),
        carriers: ['FR'],
        connections: 5,
        co2Kg: 99999,
        departureDate: '2026-03-02',
      }),
      stay('Paris', '9999.00'),
      expense('meals', '9999.00'),
    ];
    for (const subject of subjects)
      expect(evaluate(policy, subject, CONTEXT)).toMatchObject({ verdict: 'in_policy', reasons: [] });
  });

  it('does not judge CO2 for a flight without an estimate', () => {
    expect(evaluate(policyOf({ maxFlightCo2Kg: 100 }), flight({ co2Kg: null }), CONTEXT).verdict).toBe('in_policy');
  });

  describe('money in another currency', () => {
    const policy = policyOf({ maxFlightFare: '800.00' });

    it('is converted into the policy currency before comparing, exactly', () => {
      // 1000.00 USD at 1.25 per EUR is 800.00 EUR; 1000.02 USD is 800.02 EUR.
      expect(evaluate(policy, flight({ fare: { amount: '1000.00', currency: 'USD' } }), CONTEXT).verdict).toBe(
        'in_policy',
      );
      expect(evaluate(policy, flight({ fare: { amount: '1000.02', currency: 'USD' } }), CONTEXT).reasons).toEqual([
        expect.objectContaining({
          rule: 'flight_fare',
          limit: '800.00',
          actual: '800.02',
          unit: 'EUR',
          message: 'Fare $1,000.02 (€800.02) is over the €800.00 maximum per flight.',
        }),
      ]);
    });

    it('compares against a policy kept in another currency', () => {
      const chf = policyOf({ currency: 'CHF', maxHotelNightlyRate: '180.00' });
      // 200.00 EUR at 0.9 CHF per EUR is 180.00 CHF.
      expect(evaluate(chf, stay('Bern', '200.00'), CONTEXT).verdict).toBe('in_policy');
      expect(evaluate(chf, stay('Bern', '200.02'), CONTEXT).reasons[0]).toMatchObject({
        actual: '180.02',
        unit: 'CHF',
      });
    });

    it('asks the converter only for foreign money, and lets its failure through', () => {
      const failing: EvaluationContext = {
        ...CONTEXT,
        convert: () => {
          throw new Error('No exchange rate for JPY');
        },
      };
      expect(evaluate(policy, flight({ fare: eur('800.00') }), failing).verdict).toBe('in_policy');
      expect(() => evaluate(policy, flight({ fare: { amount: '1', currency: 'JPY' } }), failing)).toThrow(
        'No exchange rate for JPY',
      );
    });
  });

  describe('how broken rules combine', () => {
    const strict = { maxFlightFare: '800.00', maxConnections: 0, blockedAirlines: ['FR'] };
    const pricey = flight({ fare: eur('900.00'), connections: 1 });
    const blockedCarrier = flight({ carriers: ['FR'] });

    it('lists every broken rule, in a stable order', () => {
      const result = evaluate(
        policyOf(strict),
        flight({ fare: eur('900.00'), connections: 1, carriers: ['FR'] }),
        CONTEXT,
      );
      expect(result.reasons.map((reason) => reason.rule)).toEqual([
        'airline_blocked',
        'flight_fare',
        'flight_connections',
      ]);
      expect(result.verdict).toBe('blocked');
    });

    it.each<[TravelPolicyInput['outOfPolicy'], string | null, string, string | null, PolicyRule[]]>([
      ['needs_approval', null, 'needs_approval', null, ['flight_fare', 'flight_connections']],
      ['needs_approval', 'client_requirement', 'needs_approval', null, ['flight_fare', 'flight_connections']],
      ['blocked', null, 'blocked', null, ['flight_fare', 'flight_connections']],
      ['blocked', 'client_requirement', 'blocked', null, ['flight_fare', 'flight_connections']],
      [
        'allowed_with_reason',
        'client_requirement',
        'in_policy',
        'client_requirement',
        ['flight_fare', 'flight_connections'],
      ],
      ['allowed_with_reason', null, 'blocked', null, ['flight_fare', 'flight_connections', 'reason_code']],
      ['allowed_with_reason', 'made_up', 'blocked', null, ['flight_fare', 'flight_connections', 'reason_code']],
    ])('outOfPolicy %s with reason %s → %s', (outOfPolicy, reasonCode, verdict, acceptedCode, rules) => {
      const result = evaluate(policyOf({ ...strict, outOfPolicy }), pricey, { ...CONTEXT, reasonCode });
      expect(result).toMatchObject({ verdict, reasonCode: acceptedCode, policyVersion: 3 });
      expect(result.reasons.map((reason) => reason.rule)).toEqual(rules);
    });

    it.each(['needs_approval', 'blocked', 'allowed_with_reason'] as const)(
      'a blocked airline is blocked even when outOfPolicy is %s',
      (outOfPolicy) => {
        const result = evaluate(policyOf({ ...strict, outOfPolicy }), blockedCarrier, {
          ...CONTEXT,
          reasonCode: 'client_requirement',
        });
        expect(result).toMatchObject({
          verdict: 'blocked',
          reasonCode: null,
          reasons: [expect.objectContaining({ rule: 'airline_blocked', overridable: false })],
        });
      },
    );

    it('ignores a reason code when nothing is out of policy', () => {
      expect(
        evaluate(policyOf({ ...strict, outOfPolicy: 'allowed_with_reason' }), flight(), {
          ...CONTEXT,
          reasonCode: 'schedule',
        }),
      ).toMatchObject({ verdict: 'in_policy', reasonCode: null });
    });

    it('asks for a reason by naming the choices', () => {
      const policy = policyOf({
        maxFlightFare: '800.00',
        outOfPolicy: 'allowed_with_reason',
        reasonCodes: [{ code: 'client_requirement', label: 'Client requirement' }],
      });
      expect(evaluate(policy, pricey, CONTEXT).reasons[1]).toEqual({
        rule: 'reason_code',
        message: "Out of policy: give one of the organization's reasons to go ahead (Client requirement).",
        limit: 'client_requirement',
        actual: null,
        unit: null,
        overridable: true,
      });
      expect(evaluate(policy, pricey, { ...CONTEXT, reasonCode: 'schedule' }).reasons[1].message).toBe(
        '"schedule" is not one of the organization\'s reasons (Client requirement).',
      );
    });
  });

  it('records the version of the policy it judged against', () => {
    expect(evaluate(policyOf({ version: 1 }), flight(), CONTEXT).policyVersion).toBe(1);
    expect(evaluate(policyOf({ version: 42, maxFlightFare: '1.00' }), flight(), CONTEXT)).toMatchObject({
      verdict: 'needs_approval',
      policyVersion: 42,
    });
  });
});
