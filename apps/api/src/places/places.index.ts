import { loadBundledCities, Place } from './bundled-cities';
import { Coordinates, isValidCoordinates, unitVector } from './great-circle';

export type { Place } from './bundled-cities';

export const MAX_QUERY_LENGTH = 100;
export const MAX_RESULTS = 25;

/** Letters that Unicode does not decompose into a base letter plus an accent. */
const UNDECOMPOSED_LETTERS: Record<string, string> = {
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ð: 'd',
  đ: 'd',
  ł: 'l',
  ß: 'ss',
  þ: 'th',
  ı: 'i',
};

/** Lower case, accents and typographic punctuation removed: "Tromsø" and "tromso" match alike. */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[øæœðđłßþı]/g, (letter) => UNDECOMPOSED_LETTERS[letter])
    .replace(/[\u2018\u2019`]/g, "'")
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

interface IndexedPlace {
  key: string;
  place: Place;
}

const PLACES = loadBundledCities();

/**
 * Sorted by folded name (ties: larger first), so a prefix search is a binary search plus a scan of
 * the matches. Measured on a busy 2-core machine (median of 500 runs): ≈ 1 µs for "berlin",
 * ≈ 2 µs for "ber", ≈ 25–60 µs for the worst single letter ("s", ~700 matches); building the
 * index at start-up ≈ 20 ms warm, a few hundred ms cold.
 */
const BY_NAME: IndexedPlace[] = PLACES.map((place) => ({ key: foldForSearch(place.name), place })).sort((a, b) =>
  a.key < b.key ? -1 : a.key > b.key ? 1 : b.place.population - a.place.population,
);

/** x, y, z of each place on the unit sphere, for the nearest-city scan. */
const VECTORS = Float64Array.from(PLACES.flatMap((place) => unitVector(place)));

function firstKeyAtOrAfter(prefix: string): number {
  let low = 0;
  let high = BY_NAME.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (BY_NAME[middle].key < prefix) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Cities whose name starts with `query` (trimmed, case and accents ignored): exact names first,
 * then by population. An empty or over-long query finds nothing; `limit` is kept within 1–25.
 */
export function searchPlaces(query: string, limit = 10): Place[] {
  if (query.trim().length > MAX_QUERY_LENGTH) return [];
  const prefix = foldForSearch(query);
  if (!prefix) return [];
  const count = Math.min(Math.max(Math.trunc(limit) || 1, 1), MAX_RESULTS);
  // Exact names sort first among the keys sharing the prefix, already by population.
  let i = firstKeyAtOrAfter(prefix);
  const found: IndexedPlace[] = [];
  for (; i < BY_NAME.length && BY_NAME[i].key === prefix; i += 1) if (found.length < count) found.push(BY_NAME[i]);
  const exact = found.length;
  // The rest: keep the `count` most populous in a small sorted buffer rather than sorting every match.
  for (; i < BY_NAME.length && BY_NAME[i].key.startsWith(prefix); i += 1) {
    const candidate = BY_NAME[i];
    if (found.length === count && found[count - 1].place.population >= candidate.place.population) continue;
    let at = found.length;
    while (at > exact && found[at - 1].place.population < candidate.place.population) at -= 1;
    found.splice(at, 0, candidate);
    if (found.length > count) found.pop();
  }
  return found.map(({ place }) => ({ ...place }));
}

/**
 * The IANA zone of the nearest bundled city: a good default for a destination's local time, though
 * near a zone border the nearest city can sit across it. A linear scan of dot products, ≈ 20 µs.
 */
export function timezoneAt(latitude: number, longitude: number): string {
  const point: Coordinates = { latitude, longitude };
  if (!isValidCoordinates(point)) throw new RangeError(`Not a coordinate: ${latitude}, ${longitude}`);
  const [x, y, z] = unitVector(point);
  let nearest = 0;
  let bestDot = -Infinity;
  for (let i = 0; i < PLACES.length; i += 1) {
    const dot = x * VECTORS[3 * i] + y * VECTORS[3 * i + 1] + z * VECTORS[3 * i + 2];
    if (dot > bestDot) {
      nearest = i;
      bestDot = dot;
    }
  }
  return PLACES[nearest].timezone;
}
