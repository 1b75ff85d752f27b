import { dateTimeFormat, numberFormat } from './intl-cache';

describe('Intl formatter cache', () => {
  it('gives the same formatter for the same locale and options, another for others', () => {
    const options: Intl.DateTimeFormatOptions = { timeZone: 'Asia/Tokyo', timeStyle: 'short' };
    const first = dateTimeFormat('en-GB', options);
    expect(dateTimeFormat('en-GB', { ...options })).toBe(first);
    expect(dateTimeFormat('en-US', options)).not.toBe(first);
    expect(dateTimeFormat('en-GB', { ...options, timeZone: 'Europe/Berlin' })).not.toBe(first);
    expect(first.format(new Date('2026-03-10T00:30:00Z'))).toBe('09:30');
  });

  it('throws for an unknown zone as Intl does, and caches nothing for it', () => {
    expect(() => dateTimeFormat('en-GB', { timeZone: 'Mars/Olympus' })).toThrow(RangeError);
    expect(() => dateTimeFormat('en-GB', { timeZone: 'Mars/Olympus' })).toThrow(RangeError);
  });

  it('caches number formats apart from date formats', () => {
    const euro = numberFormat('de-DE', { style: 'currency', currency: 'EUR' });
    expect(numberFormat('de-DE', { style: 'currency', currency: 'EUR' })).toBe(euro);
    expect(euro.format(1250.5)).toMatch(/^1\.250,50\s€$/); // a no-break space before €
  });
});
