import { isValidCoordinates } from './great-circle';
import type { PlaceResult } from './place-search';
import { nearestCity } from './places.index';

/**
 * The two wire formats we speak. Nominatim: `GET <url>/search?q=…&format=jsonv2&addressdetails=1`
 * → a JSON array of places (`lat`/`lon` as strings, `name`, `display_name`, `address.country`,
 * `address.country_code`). Photon: `GET <url>/api?q=…` → a GeoJSON FeatureCollection
 * (`geometry.coordinates` = [lon, lat], `properties.name`, `country`, `countrycode`, `city`).
 */
export type GeocoderKind = 'nominatim' | 'photon';

export interface GeocoderSettings {
  /** The service's base URL; `/search` (Nominatim) or `/api` (Photon) is added unless already there. */
  url: string;
  kind: GeocoderKind;
  timeoutMs: number;
  /** Nominatim's usage policy requires a User-Agent that identifies the application. */
  userAgent: string;
}

const ENDPOINT: Record<GeocoderKind, string> = { nominatim: 'search', photon: 'api' };

export function geocoderSearchUrl(settings: GeocoderSettings, query: string, limit: number): URL {
  const url = new URL(settings.url);
  const endpoint = ENDPOINT[settings.kind];
  const path = url.pathname.replace(/\/+$/, '');
  url.pathname = path.endsWith(`/${endpoint}`) ? path : `${path}/${endpoint}`;
  const params =
    settings.kind === 'nominatim'
      ? { q: query, format: 'jsonv2', addressdetails: '1', limit: String(limit), 'accept-language': 'en' }
      : { q: query, limit: String(limit), lang: 'en' };
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url;
}

export class GeocoderResponseError extends Error {}

interface Candidate {
  name: unknown;
  latitude: unknown;
  longitude: unknown;
  country: unknown;
  countryCode: unknown;
  city: unknown;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value.trim() : null);

/** Nominatim sends coordinates as strings, Photon as numbers; anything else is not a coordinate. */
function coordinate(value: unknown): number {
  if (typeof value === 'number') return value;
  return typeof value === 'string' && value.trim() ? Number(value) : Number.NaN;
}

const MAX_NAME_LENGTH = 200;

/**
 * A candidate from the wire, checked: a name and real coordinates, else dropped. The zone is the
 * nearest bundled city's in the place's country; the country too when the geocoder gives none.
 */
function toPlace(candidate: Candidate): PlaceResult | null {
  const name = text(candidate.name)?.slice(0, MAX_NAME_LENGTH);
  const latitude = coordinate(candidate.latitude);
  const longitude = coordinate(candidate.longitude);
  if (!name || !isValidCoordinates({ latitude, longitude })) return null;
  const countryCode = text(candidate.countryCode)?.toUpperCase();
  const hasCountry = countryCode !== undefined && /^[A-Z]{2}$/.test(countryCode);
  const nearest = nearestCity(latitude, longitude, hasCountry ? countryCode : undefined);
  return {
    kind: 'place',
    name,
    country: (hasCountry && text(candidate.country)) || nearest.country,
    countryCode: hasCountry ? countryCode : nearest.countryCode,
    latitude,
    longitude,
    timezone: nearest.timezone,
    population: null,
    iata: null,
    city: text(candidate.city),
  };
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function nominatimCandidates(body: unknown): Candidate[] {
  if (!Array.isArray(body)) throw new GeocoderResponseError('Nominatim answered something other than a list');
  return body.map((item) => {
    const place = record(item);
    const address = record(place.address);
    return {
      name: text(place.name) ?? text(place.display_name)?.split(',')[0],
      latitude: place.lat,
      longitude: place.lon,
      country: address.country,
      countryCode: address.country_code,
      city: address.city ?? address.town ?? address.village,
    };
  });
}

function photonCandidates(body: unknown): Candidate[] {
  const features = record(body).features;
  if (!Array.isArray(features))
    throw new GeocoderResponseError('Photon answered something other than a FeatureCollection');
  return features.map((feature) => {
    const properties = record(record(feature).properties);
    const coordinates = record(record(feature).geometry).coordinates;
    const [longitude, latitude] = Array.isArray(coordinates) ? coordinates : [];
    return {
      name: properties.name,
      latitude,
      longitude,
      country: properties.country,
      countryCode: properties.countrycode,
      city: properties.city,
    };
  });
}

/** The places in a geocoder's answer; malformed entries are skipped, a malformed answer throws. */
export function parseGeocoderResponse(kind: GeocoderKind, body: unknown): PlaceResult[] {
  const candidates = kind === 'nominatim' ? nominatimCandidates(body) : photonCandidates(body);
  return candidates.map(toPlace).filter((place): place is PlaceResult => place !== null);
}
