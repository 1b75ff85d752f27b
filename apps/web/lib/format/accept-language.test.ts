import { acceptedLocale } from './accept-language';

describe('acceptedLocale', () => {
  it("takes the browser's first language", () => {
    expect(acceptedLocale('en-US,en;q=0.9')).toBe('en-US');
    expect(acceptedLocale('de-de;q=1, en;q=0.5')).toBe('de-DE');
  });

  it('falls back to British English without a usable language', () => {
    expect(acceptedLocale(null)).toBe('en-GB');
    expect(acceptedLocale('*')).toBe('en-GB');
    expect(acceptedLocale('not a locale!')).toBe('en-GB');
  });
});
