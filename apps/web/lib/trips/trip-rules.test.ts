import { checkTripAgainstPolicy } from './policy-check';

describe('checkTripAgainstPolicy', () => {
  const policy = { tripBudgetCeiling: '5000.00', currency: 'EUR', minAdvanceBookingDays: 7 };

  it('passes a trip under the ceiling with enough notice', () => {
    const check = checkTripAgainstPolicy(
      { budget: { amount: '1200.00', currency: 'EUR' }, startDate: '2026-03-20' },
      policy,
      '2026-03-01',
      'en-GB',
    );
    expect(check.withinPolicy).toBe(true);
    expect(check.notes.map((n) => n.text)).toEqual([
      'Budget €1,200 is within the €5,000 ceiling.',
      'Starts in 19 days: enough notice (7 days required).',
    ]);
  });

  it('explains each breach', () => {
    const check = checkTripAgainstPolicy(
      { budget: { amount: '6500.00', currency: 'EUR' }, startDate: '2026-03-03' },
      policy,
      '2026-03-01',
      'en-GB',
    );
    expect(check.withinPolicy).toBe(false);
    expect(check.notes.map((n) => n.text)).toEqual([
      'Budget €6,500 is over the €5,000 ceiling.',
      'Starts in 2 days; the policy asks for 7 days’ notice.',
    ]);
  });

  it('does not compare amounts in different currencies', () => {
    const check = checkTripAgainstPolicy(
      { budget: { amount: '100', currency: 'USD' }, startDate: '2026-04-01' },
      { ...policy, minAdvanceBookingDays: 0 },
      '2026-03-01',
    );
    expect(check.notes).toEqual([{ ok: false, text: 'Budget is in USD, the ceiling in EUR: compare by hand.' }]);
  });
});
