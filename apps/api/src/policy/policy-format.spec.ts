import { formatDuration, formatMoney, plural } from './policy-format';

describe('policy message wording', () => {
  it.each([
    [455, '7 h 35 min'],
    [540, '9 h'],
    [45, '45 min'],
    [0, '0 min'],
    [61, '1 h 1 min'],
  ])('%i minutes read "%s"', (minutes, text) => {
    expect(formatDuration(minutes)).toBe(text);
  });

  it('writes money with its currency and counts with their plural', () => {
    expect(formatMoney({ amount: '1250.5', currency: 'EUR' })).toBe('€1,250.50');
    expect(formatMoney({ amount: '200', currency: 'CHF' })).toBe('CHF\u00a0200.00');
    expect([plural(1, 'day'), plural(0, 'day'), plural(2, 'connection')]).toEqual(['1 day', '0 days', '2 connections']);
  });
});
