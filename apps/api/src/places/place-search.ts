import { Airport, searchAirports } from './airports.index';
import type { Place } from './bundled-cities';
import { citiesNamed, MAX_QUERY_LENGTH, resultCount, searchCities } from './places.index';
import { foldForSearch } from './search-key';

/** `city` and `airport` come from the bundled data; `place` from the configured geocoder. */
export type PlaceKind = 'city' | 'airport' | 'place';

export interface PlaceResult {
  kind: PlaceKind;
  name: string;
  country: string;
  /** ISO 3166-1 alpha-2. */
  countryCode: string;
  latitude: number;
  longitude: number;
  /** IANA time zone. */
  timezone: string;
  /** Cities only. */
  population: number | null;
  /** Airports only. */
  iata: string | null;
  /** The city an airport serves (or a geocoded place lies in), when known. */
  city: string | null;
}

function cityResult(city: Place): PlaceResult {
  return { kind: 'city', ...city, iata: null, city: null };
}

function airportResult({
  iata,
  name,
  city,
  country,
  countryCode,
  latitude,
  longitude,
  timezone,
}: Airport): PlaceResult {
  return { kind: 'airport', name, country, countryCode, latitude, longitude, timezone, population: null, iata, city };
}

/** Share of the results kept for airports when both cities and airports match. */
const AIRPORT_SHARE = 0.3;

/**
 * Bundled cities and airports for a query. Cities come first (as `searchCities` ranks them), with
 * about a third of the places kept for airports (`searchAirports`) when both match; the rest goes
 * to whichever has more. A query typed in capitals that is an airport's IATA code ("JFK", "BER")
 * puts that airport first. Empty or over-long queries find nothing; `limit` is kept within 1–25.
 */
export function searchPlaces(query: string, limit = 10): PlaceResult[] {
  const text = query.trim();
  if (text.length > MAX_QUERY_LENGTH) return [];
  const count = resultCount(limit);
  const cities = searchCities(text, count);
  const airports = searchAirports(text, count);
  const airportSlots = Math.min(airports.length, Math.max(count - cities.length, Math.floor(count * AIRPORT_SHARE)));
  const shownCities = cities.slice(0, count - airportSlots).map(cityResult);
  const shownAirports = airports.slice(0, airportSlots).map(airportResult);
  if (/^[A-Z]{3}$/.test(text) && shownAirports[0]?.iata === text) {
    return [shownAirports[0], ...shownCities, ...shownAirports.slice(1)];
  }
  return [...shownCities, ...shownAirports];
}

/** Common short forms after a comma that are neither ISO codes nor country names. */
const COUNTRY_ABBREVIATIONS: Record<string, string> = { uk: 'GB', usa: 'US', uae: 'AE' };

/** A city as large as this many times the next one of the same name is what people mean by the name. */
const DOMINANCE = 10;

/**
 * The bundled place a destination typed without picking a suggestion means, when that is clear:
 * a city of exactly that name that is the only one or ten times larger than the next ("Paris",
 * "London"), an airport by IATA code or full name ("JFK"). "Name, country" narrows the city down
 * by ISO code or country name ("Paris, US", "Cambridge, United Kingdom"). Otherwise undefined:
 * "Springfield" or "Cambridge" alone are ambiguous, and nothing is guessed from a prefix.
 */
export function resolveDestination(text: string): PlaceResult | undefined {
  const trimmed = text.trim();
  if (!trimmed || trimmed.length > MAX_QUERY_LENGTH) return undefined;
  const comma = trimmed.lastIndexOf(',');
  const name = comma < 0 ? trimmed : trimmed.slice(0, comma);
  const qualifier = comma < 0 ? '' : foldForSearch(trimmed.slice(comma + 1));
  const inCountry = (place: { country: string; countryCode: string }) =>
    !qualifier ||
    place.countryCode === (COUNTRY_ABBREVIATIONS[qualifier] ?? qualifier.toUpperCase()) ||
    foldForSearch(place.country) === qualifier;

  const cities = citiesNamed(name).filter(inCountry);
  if (cities.length > 0) {
    const clear = cities.length === 1 || cities[0].population >= DOMINANCE * cities[1].population;
    return clear ? cityResult(cities[0]) : undefined;
  }
  const key = foldForSearch(name);
  const airports = searchAirports(name, 2).filter(
    (airport) =>
      (airport.iata === name.trim().toUpperCase() || foldForSearch(airport.name) === key) && inCountry(airport),
  );
  return airports.length === 1 ? airportResult(airports[0]) : undefined;
}

/** The destination fields of a trip's create or update body. */
export interface DestinationFields {
  destination?: string;
  destinationCountry?: string | null;
  timezone?: string | null;
  latitude?: number | null;
  longitude?: number | null;
}

/**
 * For a destination typed without picking a suggestion (text, no coordinates): the coordinates,
 * country and zone of the place it clearly names (`resolveDestination`), the body's own country
 * and zone kept when it has them. Nothing when coordinates came with it or the text is ambiguous.
 */
export function placeTypedDestination(body: DestinationFields): {
  latitude?: number;
  longitude?: number;
  destinationCountry?: string;
  timezone?: string;
} {
  if (body.destination === undefined || body.latitude !== undefined || body.longitude !== undefined) return {};
  const place = resolveDestination(body.destination);
  if (!place) return {};
  return {
    latitude: place.latitude,
    longitude: place.longitude,
    destinationCountry: body.destinationCountry ?? place.country,
    timezone: body.timezone ?? place.timezone,
  };
}
