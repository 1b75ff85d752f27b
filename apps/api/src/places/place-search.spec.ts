import { MAX_RESULTS } from './places.index';
import { placeTypedDestination, resolveDestination, searchPlaces } from './place-search';

const labels = (query: string, limit?: number) =>
  searchPlaces(query, limit).map((place) =>
    place.kind === 'airport' ? `${place.iata} airport` : `${place.name}/${place.countryCode}`,
  );

describe('place search', () => {
  describe('searchPlaces', () => {
    it('finds airports by code and name, which a city search never did', () => {
      expect(searchPlaces('JFK')[0]).toEqual({
        kind: 'airport',
        name: 'John F Kennedy International Airport',
        country: 'United States of America',
        countryCode: 'US',
        latitude: 40.6398,
        longitude: -73.7789,
        timezone: 'America/New_York',
        population: null,
        iata: 'JFK',
        city: 'New York',
      });
      expect(labels('jfk')[0]).toBe('JFK airport');
      expect(labels('heathrow')).toEqual(['LHR airport']);
    });

    it('lists cities first and keeps about a third of the places for airports', () => {
      const found = labels('ber');
      expect(found.slice(0, 4)).toEqual(['Berlin/DE', 'Berkeley/US', 'Bergen/NO', 'Bern/CH']);
      expect(found).toHaveLength(10);
      expect(found.slice(7)).toEqual(['BER airport', 'BGO airport', 'BRN airport']);
      const london = labels('london');
      expect(london.slice(0, 3)).toEqual(['London/GB', 'London/CA', 'London/US']);
      expect(london).toHaveLength(10);
      expect(london).toEqual(expect.arrayContaining(['LCY airport', 'LGW airport', 'LHR airport']));
      const firstAirport = london.findIndex((label) => label.endsWith('airport'));
      expect(london.slice(firstAirport).every((label) => label.endsWith('airport'))).toBe(true);
    });

    it('puts the airport first when its code is typed in capitals', () => {
      expect(labels('BER')[0]).toBe('BER airport');
      expect(labels('SAN')[0]).toBe('SAN airport');
      expect(labels('san')[0]).not.toBe('SAN airport');
    });

    it('gives all the places to cities or airports when only one of them matches', () => {
      expect(labels('kennedy').every((label) => label.endsWith('airport'))).toBe(true);
      expect(labels('zurich')[0]).toBe('Zürich/CH');
      expect(labels('s', 1)).toEqual([labels('s', 1)[0]]);
      expect(searchPlaces('s', 1)[0].kind).toBe('city');
    });

    it('marks cities as cities, with their population', () => {
      expect(searchPlaces('tokyo')[0]).toMatchObject({ kind: 'city', name: 'Tokyo', iata: null, city: null });
      expect(searchPlaces('tokyo')[0].population).toBeGreaterThan(10_000_000);
    });

    it('keeps the limit within 1 to 25 and finds nothing for blank or over-long text', () => {
      expect(searchPlaces('s')).toHaveLength(10);
      expect(searchPlaces('s', 500)).toHaveLength(MAX_RESULTS);
      expect(searchPlaces('s', 0)).toHaveLength(1);
      expect(searchPlaces('  ')).toEqual([]);
      expect(searchPlaces('b'.repeat(101))).toEqual([]);
      expect(searchPlaces('Lake Como')).toEqual([]);
    });
  });

  describe('resolveDestination', () => {
    const resolved = (text: string) => {
      const place = resolveDestination(text);
      return place && (place.kind === 'airport' ? `${place.iata} airport` : `${place.name}/${place.countryCode}`);
    };

    it('resolves a city that is the only one of its name, or far larger than the others', () => {
      expect(resolveDestination(' paris ')).toMatchObject({
        kind: 'city',
        name: 'Paris',
        countryCode: 'FR',
        timezone: 'Europe/Paris',
      });
      expect(resolved('London')).toBe('London/GB'); // 8 M against 340 k (Ontario)
      expect(resolved('zurich')).toBe('Zürich/CH');
    });

    it('leaves names shared by cities of similar size unresolved', () => {
      expect(resolved('Springfield')).toBeUndefined();
      expect(resolved('Birmingham')).toBeUndefined(); // 1.6 M (GB) against 670 k (US)
      expect(resolved('York')).toBeUndefined();
    });

    it('narrows by the country after a comma: ISO code, name or a common abbreviation', () => {
      expect(resolved('Birmingham, GB')).toBe('Birmingham/GB');
      expect(resolved('Birmingham, united kingdom')).toBe('Birmingham/GB');
      expect(resolved('Birmingham, UK')).toBe('Birmingham/GB');
      expect(resolved('Birmingham, USA')).toBe('Birmingham/US');
      expect(resolved('London, CA')).toBe('London/CA');
      expect(resolved('Paris, DE')).toBeUndefined();
    });

    it('resolves an airport by IATA code or full name', () => {
      expect(resolved('JFK')).toBe('JFK airport');
      expect(resolved('lhr')).toBe('LHR airport');
      expect(resolved('London Heathrow Airport')).toBe('LHR airport');
      expect(resolved('JFK, FR')).toBeUndefined();
    });

    it('guesses nothing from a prefix, an unknown place or blank text', () => {
      expect(resolved('Pari')).toBeUndefined();
      expect(resolved('Heathrow')).toBeUndefined();
      expect(resolved('Lake Como')).toBeUndefined();
      expect(resolved('   ')).toBeUndefined();
      expect(resolved('x'.repeat(101))).toBeUndefined();
    });
  });

  describe('placeTypedDestination', () => {
    it('places a destination typed without coordinates when the text is clear', () => {
      expect(placeTypedDestination({ destination: 'Tokyo' })).toEqual({
        latitude: expect.closeTo(35.68, 1),
        longitude: expect.closeTo(139.75, 0),
        destinationCountry: 'Japan',
        timezone: 'Asia/Tokyo',
      });
      expect(placeTypedDestination({ destination: 'JFK' })).toMatchObject({
        destinationCountry: 'United States of America',
        timezone: 'America/New_York',
      });
    });

    it("keeps the body's own country and zone", () => {
      expect(
        placeTypedDestination({ destination: 'Tokyo', destinationCountry: 'Nippon', timezone: 'UTC' }),
      ).toMatchObject({
        destinationCountry: 'Nippon',
        timezone: 'UTC',
      });
    });

    it('adds nothing when coordinates came with the text, the text is ambiguous or there is no destination', () => {
      expect(placeTypedDestination({ destination: 'Tokyo', latitude: 1, longitude: 2 })).toEqual({});
      expect(placeTypedDestination({ destination: 'Tokyo', latitude: null, longitude: null })).toEqual({});
      expect(placeTypedDestination({ destination: 'Springfield' })).toEqual({});
      expect(placeTypedDestination({ destination: 'Lake Como' })).toEqual({});
      expect(placeTypedDestination({ title: 'x' } as never)).toEqual({});
    });
  });
});
