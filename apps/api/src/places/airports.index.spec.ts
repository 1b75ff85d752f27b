import { findAirport, MAX_AIRPORT_RESULTS, searchAirports } from './airports.index';

const codes = (query: string, limit = 10) => searchAirports(query, limit).map((airport) => airport.iata);

describe('airports index', () => {
  describe('findAirport', () => {
    it('finds an airport by IATA code in any case, with what a flight needs', () => {
      expect(findAirport(' jfk ')).toEqual({
        iata: 'JFK',
        name: 'John F Kennedy International Airport',
        city: 'New York',
        country: 'United States of America',
        countryCode: 'US',
        latitude: 40.6398,
        longitude: -73.7789,
        timezone: 'America/New_York',
      });
      expect(findAirport('FRA')).toMatchObject({ city: 'Frankfurt', countryCode: 'DE', timezone: 'Europe/Berlin' });
      expect(findAirport('EWR')).toMatchObject({ city: 'Newark', timezone: 'America/New_York' });
      expect(findAirport('XXX')).toBeUndefined();
    });

    it('names countries as the bundled cities do, and others as CLDR does', () => {
      expect(findAirport('LHR')?.country).toBe('United Kingdom');
      expect(findAirport('SXM')).toMatchObject({ countryCode: 'SX', country: 'Sint Maarten' });
    });
  });

  describe('searchAirports', () => {
    it('finds an airport by its code first', () => {
      expect(codes('JFK')[0]).toBe('JFK');
      expect(codes('mxp')[0]).toBe('MXP');
      expect(codes('ber')[0]).toBe('BER');
    });

    it('finds the airports of a city, international ones first among equals', () => {
      expect(codes('london').slice(0, 5).sort()).toEqual(['LCY', 'LGW', 'LHR', 'LTN', 'STN']);
      expect(codes('new york').slice(0, 3)).toEqual(['JFK', 'IDL', 'LGA']);
      expect(codes('paris')).toEqual(expect.arrayContaining(['CDG', 'ORY']));
    });

    it('finds an airport by any word of its name, but not by words every airport has', () => {
      expect(codes('heathrow')).toEqual(['LHR']);
      expect(codes('kennedy')).toContain('JFK');
      expect(codes('schiphol')).toEqual(['AMS']);
      expect(codes('international airport')).toEqual([]);
    });

    it('ranks cities above names, larger cities first', () => {
      const bergen = codes('berg');
      expect(bergen[0]).toBe('BGO');
      const found = searchAirports('san', MAX_AIRPORT_RESULTS);
      expect(found[0].iata).toBe('SAN');
      expect(found.map((airport) => airport.iata)).toContain('SFO');
    });

    it('ignores case and accents, and finds nothing for blank or unknown text', () => {
      expect(codes('ZÜRICH')[0]).toBe('ZRH');
      expect(codes('  ')).toEqual([]);
      expect(codes('qqqzzz')).toEqual([]);
      expect(codes('lon', 0)).toEqual([]);
    });

    it('gives the same answer for a short prefix the second time, and copies a caller cannot corrupt', () => {
      const first = searchAirports('lo', 25);
      first[0].name = 'Changed';
      expect(searchAirports('lo', 25)[0].name).not.toBe('Changed');
      expect(searchAirports('lo', 3).map((airport) => airport.iata)).toEqual(
        first.slice(0, 3).map((airport) => airport.iata),
      );
      expect(searchAirports('l', 100)).toHaveLength(MAX_AIRPORT_RESULTS);
    });

    it('reports how long a search takes (a figure, not a timed assertion)', () => {
      const figures = ['JFK', 'london', 'ber', 'san', 'sa'].map((query) => {
        const runs = 200;
        const start = process.hrtime.bigint();
        for (let i = 0; i < runs; i += 1) searchAirports(query, 10);
        return `${query}: ${(Number(process.hrtime.bigint() - start) / 1000 / runs).toFixed(1)} µs`;
      });
      console.log(`airport search, mean of 200 runs: ${figures.join(', ')}`);
      expect(figures).toHaveLength(5);
    });
  });
});
