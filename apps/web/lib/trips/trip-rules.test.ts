import { availableActions, isDeletable, isEditable, isItineraryOpen } from './lifecycle';
import { checkTripAgainstPolicy } from './policy-check';

const traveller = { id: 'u-traveller', role: 'traveller' as const };
const manager = { id: 'u-manager', role: 'manager' as const };

describe('availableActions', () => {
  it('lets the traveller submit or cancel a draft', () => {
    expect(availableActions({ status: 'draft', travellerId: traveller.id }, traveller)).toEqual(['submit', 'cancel']);
  });

  it('lets a manager decide on a colleague’s submitted trip, never on their own', () => {
    expect(availableActions({ status: 'submitted', travellerId: traveller.id }, manager)).toEqual([
      'approve',
      'reject',
      'cancel',
    ]);
    expect(availableActions({ status: 'submitted', travellerId: manager.id }, manager)).toEqual(['cancel']);
    expect(availableActions({ status: 'submitted', travellerId: traveller.id }, traveller)).toEqual(['cancel']);
  });

  it('offers nothing on final states', () => {
    for (const status of ['rejected', 'completed', 'cancelled'] as const)
      expect(availableActions({ status, travellerId: traveller.id }, manager)).toEqual([]);
  });

  it('knows what can still change', () => {
    expect(isEditable({ status: 'draft' })).toBe(true);
    expect(isEditable({ status: 'submitted' })).toBe(false);
    expect(isItineraryOpen({ status: 'approved' })).toBe(true);
    expect(isItineraryOpen({ status: 'cancelled' })).toBe(false);
    expect(isDeletable({ status: 'approved' })).toBe(false);
  });
});

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
