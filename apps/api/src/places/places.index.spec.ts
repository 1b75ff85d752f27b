import { loadBundledCities } from './bundled-cities';
import { citiesNamed, foldForSearch, MAX_RESULTS, nearestCity, searchCities, timezoneAt } from './places.index';

const names = (query: string, limit?: number) =>
  searchCities(query, limit).map((place) => `${place.name}/${place.countryCode}`);

describe('places index', () => {
  describe('searchCities', () => {
    it('finds cities by name prefix, the most populous first', () => {
      expect(names('ber').slice(0, 4)).toEqual(['Berlin/DE', 'Berkeley/US', 'Bergen/NO', 'Bern/CH']);
    });

    it('ignores case, accents, letters like ø and surrounding spaces', () => {
      expect(names('  BERLIN ')[0]).toBe('Berlin/DE');
      expect(names('zurich')[0]).toBe('Zürich/CH');
      expect(names('tromso')[0]).toBe('Tromsø/NO');
      expect(names('kobenhavn')[0]).toBe('København/DK');
      expect(names('Malmö')[0]).toBe('Malmö/SE');
    });

    it('puts an exact name before bigger cities that merely start with it', () => {
      expect(names('york')[0]).toBe('York/GB');
      expect(names('york')).toContain('Yorkton/CA');
      expect(names('bern')[0]).toBe('Bern/CH');
      expect(names('paris')[0]).toBe('Paris/FR');
    });

    it('ranks like sorting every match would, for short and long prefixes', () => {
      const cities = loadBundledCities().map((place) => ({ place, key: foldForSearch(place.name) }));
      for (const prefix of ['s', 'a', 'sa', 'san', 'ber', 'london', 'new y', 'x']) {
        for (const limit of [1, 10, 25]) {
          const expected = cities
            .filter((city) => city.key.startsWith(prefix))
            .sort(
              (a, b) => Number(b.key === prefix) - Number(a.key === prefix) || b.place.population - a.place.population,
            )
            .slice(0, limit);
          const rank = (place: { name: string; population: number }) => [
            foldForSearch(place.name) === prefix,
            place.population,
          ];
          expect(searchCities(prefix, limit).map(rank)).toEqual(expected.map((city) => rank(city.place)));
        }
      }
    });

    it('returns what a destination needs: country, coordinates, zone, population', () => {
      const [tokyo] = searchCities('tokyo');
      expect(tokyo).toMatchObject({ name: 'Tokyo', country: 'Japan', countryCode: 'JP', timezone: 'Asia/Tokyo' });
      expect(tokyo.latitude).toBeCloseTo(35.68, 1);
      expect(tokyo.longitude).toBeCloseTo(139.75, 0);
      expect(tokyo.population).toBeGreaterThan(10_000_000);
    });

    it('returns 10 by default and keeps the limit within 1 to 25', () => {
      expect(searchCities('s')).toHaveLength(10);
      expect(searchCities('s', 3)).toHaveLength(3);
      expect(searchCities('s', 500)).toHaveLength(MAX_RESULTS);
      expect(searchCities('s', 0)).toHaveLength(1);
    });

    it('finds nothing for a blank, unknown or over-long query', () => {
      expect(searchCities('   ')).toEqual([]);
      expect(searchCities('zzzqqq')).toEqual([]);
      expect(searchCities('b'.repeat(101))).toEqual([]);
    });

    it('hands out copies, so a caller cannot corrupt the index', () => {
      searchCities('berlin')[0].name = 'Changed';
      expect(searchCities('berlin')[0].name).toBe('Berlin');
    });
  });

  describe('citiesNamed', () => {
    it('lists the cities of exactly that name, the most populous first', () => {
      const london = citiesNamed(' LONDON ');
      expect(london.map((city) => `${city.name}/${city.countryCode}`)).toEqual(['London/GB', 'London/CA', 'London/US']);
      expect(london[0].population).toBeGreaterThan(london[1].population);
      expect(london[1].population).toBeGreaterThan(london[2].population);
      expect(citiesNamed('zurich')[0].name).toBe('Zürich');
      expect(citiesNamed('londo')).toEqual([]);
      expect(citiesNamed('  ')).toEqual([]);
    });
  });

  describe('nearestCity', () => {
    it('gives the nearest bundled city, country and zone included', () => {
      expect(nearestCity(45.81, 9.08)).toMatchObject({ name: 'Como', countryCode: 'IT', timezone: 'Europe/Rome' });
      expect(nearestCity(46.016, 9.2573)).toMatchObject({ name: 'Lugano', countryCode: 'CH' });
    });

    it('keeps to the given country when it has bundled cities, and ignores one that has none', () => {
      expect(nearestCity(46.016, 9.2573, 'IT')).toMatchObject({ countryCode: 'IT', timezone: 'Europe/Rome' });
      expect(nearestCity(46.016, 9.2573, 'ZZ')).toMatchObject({ name: 'Lugano' });
    });
  });

  describe('foldForSearch', () => {
    it('folds names to a plain lower-case key', () => {
      expect(foldForSearch('Zürich')).toBe('zurich');
      expect(foldForSearch('Łódź')).toBe('lodz');
      expect(foldForSearch('St. John’s')).toBe("st. john's");
      expect(foldForSearch('Amundsen–Scott  South Pole')).toBe('amundsen-scott south pole');
    });
  });

  describe('timezoneAt', () => {
    it("gives a coordinate the nearest city's zone", () => {
      expect(timezoneAt(52.52, 13.405)).toBe('Europe/Berlin');
      expect(timezoneAt(40.71, -74.0)).toBe('America/New_York');
      expect(timezoneAt(35.6717, 139.765)).toBe('Asia/Tokyo');
      expect(timezoneAt(-33.87, 151.21)).toBe('Australia/Sydney');
      expect(timezoneAt(64.13, -21.9)).toBe('Atlantic/Reykjavik');
    });

    it('works across the date line', () => {
      expect(timezoneAt(-18.14, 178.44)).toBe('Pacific/Fiji');
      expect(timezoneAt(-13.83, -171.76)).toBe('Pacific/Apia');
    });

    it('refuses something that is not a coordinate', () => {
      expect(() => timezoneAt(91, 0)).toThrow(RangeError);
      expect(() => timezoneAt(0, Number.NaN)).toThrow(RangeError);
    });
  });
});
