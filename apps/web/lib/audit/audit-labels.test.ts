import { dayRangeToInstants, describeAction, summariseData } from './audit-labels';

describe('audit labels', () => {
  it('names actions in words, and an unknown one readably', () => {
    expect(describeAction('trip.rejected')).toBe('Trip rejected');
    expect(describeAction('member.role_changed')).toBe('Member’s role changed');
    expect(describeAction('policy.replaced')).toBe('policy replaced');
  });

  it('summarises the data without repeating the object name', () => {
    expect(summariseData({ from: 'submitted', to: 'rejected', reason: 'Too dear', title: 'Berlin' })).toBe(
      'submitted → rejected · reason: Too dear',
    );
  });

  it('turns a day range into instants that include the last day', () => {
    const range = dayRangeToInstants('2026-03-01', '2026-03-31');
    expect(new Date(range.from!).getDate()).toBe(1);
    expect(new Date(range.to!).getTime() - new Date('2026-03-31T00:00:00').getTime()).toBeGreaterThanOrEqual(
      23 * 3600_000,
    );
    expect(new Date(range.to!).getDate()).toBe(1);
    expect(dayRangeToInstants('', '')).toEqual({});
  });
});
