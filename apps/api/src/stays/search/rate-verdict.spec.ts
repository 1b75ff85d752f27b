import type { EvaluationContext } from '../../policy/policy-subject';
import { policyRulesOf } from '../../policy/travel-policy.schema';
import type { StayProperty } from '../supplier/stay-supplier';
import { judgeRate, nightlyRate } from './rate-verdict';

const property = (cityName: string, countryCode: string) =>
  ({
    name: 'Hotel',
    address: { lineOne: '1 Main Street', postalCode: null, cityName, countryCode, region: null },
  }) as StayProperty;
// 1 EUR = 1.25 USD.
const context: EvaluationContext = {
  now: new Date('2027-01-01T12:00:00Z'),
  timeZone: 'UTC',
  convert: (money) => (money.currency === 'USD' ? (Number(money.amount) / 1.25).toFixed(2) : money.amount),
};
const policy = policyRulesOf({
  version: 4,
  currency: 'EUR',
  allowedCabinClasses: ['economy'],
  maxFlightFare: null,
  maxHotelNightlyRate: '150.00',
  cityNightlyCaps: [{ city: 'Zürich', countryCode: 'CH', maxNightlyRate: '250.00' }],
  minAdvanceBookingDays: 0,
  tripBudgetCeiling: null,
  outOfPolicy: 'needs_approval',
});
const stay = (cityName: string, countryCode: string, rooms = 1) => ({
  property: property(cityName, countryCode),
  checkInDate: '2027-03-01',
  checkOutDate: '2027-03-03',
  rooms,
});

describe('the verdict of a stay rate', () => {
  it('judges one room for one night, half-up to the cent', () => {
    expect(nightlyRate({ amount: '300.00', currency: 'EUR' }, 3, 1)).toEqual({ amount: '100.00', currency: 'EUR' });
    expect(nightlyRate({ amount: '100.00', currency: 'EUR' }, 3, 1)).toEqual({ amount: '33.33', currency: 'EUR' });
    expect(nightlyRate({ amount: '100.01', currency: 'EUR' }, 2, 1)).toEqual({ amount: '50.01', currency: 'EUR' });
    expect(nightlyRate({ amount: '480.00', currency: 'EUR' }, 2, 2)).toEqual({ amount: '120.00', currency: 'EUR' });
  });

  it('applies the city cap in its city (accents and case ignored), the general cap elsewhere, in the policy currency', () => {
    // 2 nights, 480 EUR: 240 a night, under Zürich's 250, over the general 150.
    expect(judgeRate(policy, stay('zurich', 'CH'), { amount: '480.00', currency: 'EUR' }, context).verdict).toBe(
      'in_policy',
    );
    const elsewhere = judgeRate(policy, stay('Geneva', 'CH'), { amount: '480.00', currency: 'EUR' }, context);
    expect(elsewhere).toMatchObject({ verdict: 'needs_approval', policyVersion: 4 });
    expect(elsewhere.reasons).toEqual([
      expect.objectContaining({ rule: 'stay_nightly_rate', limit: '150.00', actual: '240.00' }),
    ]);
    // Two rooms halve it; 375 USD a night is 300 EUR.
    expect(judgeRate(policy, stay('Geneva', 'CH', 2), { amount: '480.00', currency: 'EUR' }, context).verdict).toBe(
      'in_policy',
    );
    expect(judgeRate(policy, stay('Zürich', 'CH'), { amount: '750.00', currency: 'USD' }, context).verdict).toBe(
      'needs_approval',
    );
  });
});
