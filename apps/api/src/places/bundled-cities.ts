import { cityMapping } from 'city-timezones';
import { unitVector } from './great-circle';

export interface Place {
  name: string;
  country: string;
  /** ISO 3166-1 alpha-2 (Kosovo: the user-assigned `XK` that passports and CLDR use). */
  countryCode: string;
  latitude: number;
  longitude: number;
  /** IANA time zone. */
  timezone: string;
  population: number;
}

type City = (typeof cityMapping)[number];

/** The dataset writes `-99` or nothing for these two. */
const MISSING_COUNTRY_CODES: Record<string, string> = { Kosovo: 'XK', Somaliland: 'SO' };

function toPlace(city: City, timezone: string): Place {
  return {
    name: city.city,
    country: city.country,
    countryCode: /^[A-Z]{2}$/.test(city.iso2) ? city.iso2 : (MISSING_COUNTRY_CODES[city.country] ?? city.iso2),
    latitude: city.lat,
    longitude: city.lng,
    timezone,
    population: Math.round(city.pop),
  };
}

/** The zone of the nearest city of the same country that has one. */
function nearestZoneInCountry(city: City, zoned: readonly City[]): string | null {
  const [x, y, z] = unitVector({ latitude: city.lat, longitude: city.lng });
  let best: City | null = null;
  let bestDot = -Infinity;
  for (const other of zoned) {
    if (other.iso2 !== city.iso2) continue;
    const [ox, oy, oz] = unitVector({ latitude: other.lat, longitude: other.lng });
    const dot = x * ox + y * oy + z * oz;
    if (dot > bestDot) {
      best = other;
      bestDot = dot;
    }
  }
  return best?.timezone ?? null;
}

/**
 * The ~7,300 cities of `city-timezones`, cleaned once: a few large cities (Perm, Penza, Urmia)
 * come without a zone and take the nearest same-country city's (a neighbouring country's could be
 * an hour off), entries listed twice keep the larger figure, and every country code is ISO.
 */
export function loadBundledCities(): Place[] {
  const zoned = cityMapping.filter((city) => city.timezone);
  const byIdentity = new Map<string, Place>();
  for (const city of cityMapping) {
    const timezone = city.timezone || nearestZoneInCountry(city, zoned);
    if (!timezone || !city.city.trim()) continue;
    const place = toPlace(city, timezone);
    const identity = `${place.name}|${place.countryCode}|${city.province}`;
    const seen = byIdentity.get(identity);
    if (!seen || seen.population < place.population) byIdentity.set(identity, place);
  }
  return [...byIdentity.values()];
}
