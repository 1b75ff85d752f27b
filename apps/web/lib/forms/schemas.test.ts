import { activitySchema, policySchema, signUpSchema, tripSchema } from './schemas';

const issues = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join('.'), issue.message]));

describe('signUpSchema', () => {
  it('asks for 12 characters and a real e-mail, nothing more', () => {
    const result = signUpSchema.safeParse({
      name: 'Ada',
      email: 'ada@',
      organizationName: 'Engines',
      password: 'short',
    });
    expect(issues(result)).toEqual({ email: 'Enter a valid e-mail address', password: 'Use at least 12 characters' });
    expect(
      signUpSchema.safeParse({
        name: 'Ada',
        email: 'ada@example.com',
        organizationName: 'Engines',
        password: 'a long enough passphrase',
      }).success,
    ).toBe(true);
  });
});

const trip = {
  title: 'Kick-off',
  destination: 'Berlin',
  destinationCountry: 'Germany',
  latitude: 52.5,
  longitude: 13.4,
  timezone: 'Europe/Berlin',
  startDate: '2026-03-09',
  endDate: '2026-03-12',
  purpose: '',
  costCentre: '',
  budgetAmount: '',
  budgetCurrency: 'EUR',
};

describe('tripSchema', () => {
  it('accepts a trip without budget or purpose', () => {
    expect(tripSchema.safeParse(trip).success).toBe(true);
  });

  it('refuses a trip that ends before it starts, on the end date', () => {
    expect(issues(tripSchema.safeParse({ ...trip, endDate: '2026-03-08' }))).toEqual({
      endDate: 'The trip cannot end before it starts',
    });
  });

  it('takes a cost centre that no spreadsheet would read as a formula', () => {
    expect(tripSchema.parse({ ...trip, costCentre: ' ENG-Berlin ' }).costCentre).toBe('ENG-Berlin');
    expect(issues(tripSchema.safeParse({ ...trip, costCentre: '=cmd' })).costCentre).toMatch(/starts with a letter/);
    expect(issues(tripSchema.safeParse({ ...trip, costCentre: 'x'.repeat(61) })).costCentre).toMatch(/at most 60/);
  });

  it('wants a decimal amount with a currency', () => {
    expect(issues(tripSchema.safeParse({ ...trip, budgetAmount: '12,5' })).budgetAmount).toMatch(/amount like/);
    expect(issues(tripSchema.safeParse({ ...trip, budgetAmount: '1200', budgetCurrency: '' })).budgetCurrency).toMatch(
      /currency/,
    );
    expect(tripSchema.parse({ ...trip, budgetAmount: '1200.50', budgetCurrency: 'usd' }).budgetCurrency).toBe('USD');
  });
});

const activity = {
  title: 'Workshop',
  type: 'meeting' as const,
  startDate: '2026-03-10',
  startTime: '09:00',
  endDate: '2026-03-10',
  endTime: '',
  timezone: 'Europe/Berlin',
  endTimezone: '',
  locationName: '',
  latitude: '',
  longitude: '',
  notes: '',
  costAmount: '',
  costCurrency: 'EUR',
  bookingReference: '',
};

describe('activitySchema', () => {
  it('accepts an activity with only a title and a start', () => {
    expect(activitySchema.safeParse(activity).success).toBe(true);
  });

  it('refuses an end before the start, but accepts one on the next day', () => {
    expect(issues(activitySchema.safeParse({ ...activity, endTime: '08:00' }))).toEqual({
      endTime: 'It must end after it starts',
    });
    expect(activitySchema.safeParse({ ...activity, endDate: '2026-03-11', endTime: '01:00' }).success).toBe(true);
  });

  it('wants both coordinates or neither, in range', () => {
    expect(issues(activitySchema.safeParse({ ...activity, latitude: '52.5' })).longitude).toMatch(/both/);
    expect(issues(activitySchema.safeParse({ ...activity, latitude: '95', longitude: '13' })).latitude).toMatch(
      /between -90 and 90/,
    );
  });

  it('knows real time zones', () => {
    expect(issues(activitySchema.safeParse({ ...activity, timezone: 'Mars/Olympus' })).timezone).toMatch(/time zone/);
  });
});

describe('policySchema', () => {
  const policy = {
    allowedCabinClasses: ['economy'],
    cabinFromHours: { premium_economy: '6', business: '9.5', first: '' },
    currency: 'EUR',
    maxFlightFare: '',
    maxHotelNightlyRate: '',
    cityNightlyCaps: [],
    minAdvanceBookingDays: '7',
    tripBudgetCeiling: '',
    preferredAirlines: 'lh, LX',
    blockedAirlines: 'FR',
    maxConnections: '1',
    maxFlightCo2Kg: '',
    expenseCaps: [],
    outOfPolicy: 'needs_approval',
    reasonCodes: [],
    autoApproveInPolicy: false,
  } as const;

  it('accepts a full policy', () => {
    expect(policySchema.safeParse(policy).success).toBe(true);
  });

  it('needs at least one cabin class and whole days', () => {
    const result = policySchema.safeParse({ ...policy, allowedCabinClasses: [], minAdvanceBookingDays: '1.5' });
    expect(issues(result)).toEqual({
      allowedCabinClasses: 'Allow at least one cabin class',
      minAdvanceBookingDays: 'Enter a whole number of days',
    });
  });

  it('refuses an airline both preferred and blocked, and a reason-only policy without reasons', () => {
    const result = policySchema.safeParse({ ...policy, blockedAirlines: 'LH', outOfPolicy: 'allowed_with_reason' });
    expect(issues(result)).toEqual({
      blockedAirlines: 'An airline cannot be both preferred and blocked',
      reasonCodes: 'Add at least one reason travellers can give',
    });
  });
});
