import { distanceKm, foldForSearch, searchPlaces, timezoneAt } from './places.index';

describe('places index', () => {
  it('finds cities by a case- and accent-insensitive prefix, largest first', () => {
    const names = searchPlaces('ber').map((place) => place.name);
    expect(names[0]).toBe('Berlin');
    expect(names).toEqual(expect.arrayContaining(['Berlin', 'Bern']));
    expect(searchPlaces('BERLIN')[0]).toMatchObject({ name: 'Berlin', countryCode: 'DE', timezone: 'Europe/Berlin' });
    expect(searchPlaces('zur')[0].name).toMatch(/Z[uü]rich/);
    expect(foldForSearch('Zürich')).toBe('zurich');
  });

  it('puts an exact name before bigger cities sharing the prefix', () => {
    expect(searchPlaces('paris')[0]).toMatchObject({ name: 'Paris', countryCode: 'FR' });
    expect(searchPlaces('york')[0].name.toLowerCase()).toBe('york');
  });

  it('returns coordinates and IANA zones, and respects the limit', () => {
    const [tokyo] = searchPlaces('tokyo');
    expect(tokyo).toMatchObject({ timezone: 'Asia/Tokyo', countryCode: 'JP' });
    expect(tokyo.latitude).toBeCloseTo(35.68, 0);
    expect(searchPlaces('a', 5)).toHaveLength(5);
    expect(searchPlaces('   ')).toEqual([]);
    expect(searchPlaces('zzzzqqq')).toEqual([]);
  });

  it('measures great-circle distances and finds the zone of a coordinate', () => {
    expect(distanceKm({ latitude: 52.52, longitude: 13.405 }, { latitude: 48.8566, longitude: 2.3522 })).toBeCloseTo(878, -1);
    expect(timezoneAt(52.52, 13.405)).toBe('Europe/Berlin');
    expect(timezoneAt(40.71, -74.0)).toBe('America/New_York');
  });
});
