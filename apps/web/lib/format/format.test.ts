import { describeConflict } from '../itinerary/conflict-text';
import { formatMoney } from '../trips/money';
import { formatDuration } from './duration';
import { countOf } from './plural';

describe('formatting for people', () => {
  it('writes durations in hours and minutes', () => {
    expect(formatDuration(142)).toBe('2 h 22 min');
    expect(formatDuration(45)).toBe('45 min');
    expect(formatDuration(120)).toBe('2 h');
    expect(formatDuration(0)).toBe('0 min');
  });

  it('counts with the right plural', () => {
    expect(countOf(1, { one: 'trip', other: 'trips' })).toBe('1 trip');
    expect(countOf(0, { one: 'trip', other: 'trips' })).toBe('0 trips');
    expect(countOf(1200, { one: 'entry', other: 'entries' })).toBe('1,200 entries');
  });

  it('shows amounts in the browser locale unless told otherwise', () => {
    expect(formatMoney({ amount: '1250.00', currency: 'EUR' })).toBe('€1,250');
    expect(formatMoney({ amount: '1250.50', currency: 'EUR' }, 'de-DE')).toBe('1.250,50\u00a0€');
  });

  it('describes impossible travel from its facts, with readable durations and curly quotes', () => {
    const titles = new Map([
      ['a', 'Lunch'],
      ['b', 'Call in Munich'],
    ]);
    expect(
      describeConflict(
        {
          type: 'impossible_travel',
          activityIds: ['a', 'b'],
          message: '"Lunch" to "Call in Munich" is 504 km in 10 min; it takes at least 342 min',
          distanceKm: 504,
          availableMinutes: 10,
          requiredMinutes: 342,
        },
        titles,
      ),
    ).toBe('“Lunch” to “Call in Munich” is 504 km in 10 min; it takes at least 5 h 42 min');
    expect(
      describeConflict(
        { type: 'overlap', activityIds: ['a', 'b'], message: '"Lunch" overlaps "Call in Munich"' },
        titles,
      ),
    ).toBe('“Lunch” overlaps “Call in Munich”');
  });
});
