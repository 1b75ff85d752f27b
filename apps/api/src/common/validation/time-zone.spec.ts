import { canonicalTimeZone } from './time-zone';

describe('canonicalTimeZone', () => {
  it.each([
    ['europe/berlin', 'Europe/Berlin'],
    ['AMERICA/NEW_YORK', 'America/New_York'],
    ['asia/kolkata', 'Asia/Kolkata'],
    ['Asia/Kolkata', 'Asia/Kolkata'],
    ['europe/kyiv', 'Europe/Kyiv'],
    ['utc', 'UTC'],
    ['us/eastern', 'America/New_York'],
  ])('spells %s as %s', (input, canonical) => {
    expect(canonicalTimeZone(input)).toBe(canonical);
  });

  it('returns what is no zone unchanged, for the validator to refuse', () => {
    expect(canonicalTimeZone('Mars/Olympus')).toBe('Mars/Olympus');
  });
});
