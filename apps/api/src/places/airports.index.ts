import airportData from './airports.json';
import { citiesNamed, countryName } from './places.index';
import type { AirportRow } from './reduce-airports';
import { foldForSearch } from './search-key';

export interface Airport {
  /** IATA code, e.g. `JFK`. */
  iata: string;
  name: string;
  /** The city it serves, as the dataset names it; null when the dataset does not say. */
  city: string | null;
  country: string;
  countryCode: string;
  latitude: number;
  longitude: number;
  /** IANA time zone. */
  timezone: string;
}

/** Words that start too many airport names to be worth matching on. */
const GENERIC_WORDS = new Set([
  'air',
  'airbase',
  'airfield',
  'airport',
  'aerodrome',
  'airstrip',
  'base',
  'county',
  'domestic',
  'field',
  'international',
  'intl',
  'municipal',
  'national',
  'regional',
  'de',
  'del',
  'la',
  'le',
  'of',
  'the',
]);

interface IndexedAirport {
  airport: Airport;
  /** Population of the served city (0 when it is not among the bundled cities): the ranking weight. */
  weight: number;
  /** Ties between the airports of one city: the international ones first. */
  international: boolean;
}

/** How a key matched, best first: the IATA code, the served city's name, a word of the airport's name. */
const Tier = { Code: 0, City: 1, Name: 2 } as const;
type Tier = (typeof Tier)[keyof typeof Tier];

interface SearchKey {
  key: string;
  tier: Tier;
  entry: IndexedAirport;
}

function loadAirports(): IndexedAirport[] {
  const regions = new Intl.DisplayNames(['en'], { type: 'region' });
  return (airportData.rows as AirportRow[]).map(([iata, name, city, countryCode, latitude, longitude, timezone]) => ({
    airport: {
      iata,
      name,
      city: city || null,
      country: countryName(countryCode) ?? regions.of(countryCode) ?? countryCode,
      countryCode,
      latitude,
      longitude,
      timezone,
    },
    weight: citiesNamed(city).find((served) => served.countryCode === countryCode)?.population ?? 0,
    international: /\binternational\b/i.test(name),
  }));
}

/** Every way an airport can be found by prefix: its city, its name, and its name from each later word. */
function searchKeys(entry: IndexedAirport): SearchKey[] {
  const keys: SearchKey[] = [];
  if (entry.airport.city) keys.push({ key: foldForSearch(entry.airport.city), tier: Tier.City, entry });
  const words = foldForSearch(entry.airport.name).split(' ');
  words.forEach((word, i) => {
    if (i === 0 || !GENERIC_WORDS.has(word)) keys.push({ key: words.slice(i).join(' '), tier: Tier.Name, entry });
  });
  return keys;
}

const AIRPORTS = loadAirports();
const BY_CODE = new Map(AIRPORTS.map((entry) => [entry.airport.iata, entry]));
/** Sorted by key: a prefix search is a binary search plus a scan of the matching keys. */
const KEYS: SearchKey[] = AIRPORTS.flatMap(searchKeys).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

function firstKeyAtOrAfter(prefix: string): number {
  let low = 0;
  let high = KEYS.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (KEYS[middle].key < prefix) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The bundled airport with this IATA code (any case). */
export function findAirport(code: string): Airport | undefined {
  const entry = BY_CODE.get(code.trim().toUpperCase());
  return entry && { ...entry.airport };
}

/** The most results a search returns. */
export const MAX_AIRPORT_RESULTS = 25;

function rank(prefix: string): Airport[] {
  const best = new Map<IndexedAirport, Tier>();
  const byCode = prefix.length === 3 ? BY_CODE.get(prefix.toUpperCase()) : undefined;
  if (byCode) best.set(byCode, Tier.Code);
  for (let i = firstKeyAtOrAfter(prefix); i < KEYS.length && KEYS[i].key.startsWith(prefix); i += 1) {
    const { entry, tier } = KEYS[i];
    if (tier < (best.get(entry) ?? Infinity)) best.set(entry, tier);
  }
  return [...best]
    .sort(
      ([a, tierA], [b, tierB]) =>
        tierA - tierB ||
        b.weight - a.weight ||
        Number(b.international) - Number(a.international) ||
        (a.airport.iata < b.airport.iata ? -1 : 1),
    )
    .slice(0, MAX_AIRPORT_RESULTS)
    .map(([{ airport }]) => airport);
}

/**
 * Prefixes of up to three letters match hundreds or thousands of keys (≈ 0.3–3 ms to rank): their
 * rankings are kept once computed. Only prefixes of real keys are kept, so the memo stays bounded.
 */
const SHORT_PREFIX = 3;
const SHORT_PREFIX_RANKINGS = new Map<string, Airport[]>();

/**
 * Airports for a query: the one whose IATA code it is first, then those whose city starts with it,
 * then those with a word of their name starting with it (case and accents ignored), each group
 * by the population of the served city, international airports first among equals.
 * At most `limit` (≤ 25) results.
 */
export function searchAirports(query: string, limit: number): Airport[] {
  const prefix = foldForSearch(query);
  if (!prefix || limit < 1) return [];
  let ranked = SHORT_PREFIX_RANKINGS.get(prefix);
  if (!ranked) {
    ranked = rank(prefix);
    if (prefix.length <= SHORT_PREFIX && ranked.length > 0) SHORT_PREFIX_RANKINGS.set(prefix, ranked);
  }
  return ranked.slice(0, limit).map((airport) => ({ ...airport }));
}
