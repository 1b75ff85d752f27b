import { Injectable } from '@nestjs/common';
import { GeocoderClient } from './geocoder.client';
import { PlaceResult, searchPlaces } from './place-search';
import { resultCount } from './places.index';
import { foldForSearch } from './search-key';

/** Queries shorter than this are prefixes of too many places for a geocoder to help. */
const MIN_GEOCODER_QUERY_LENGTH = 3;

const identity = (place: PlaceResult) => `${foldForSearch(place.name)}|${place.countryCode}`;

@Injectable()
export class PlacesService {
  constructor(private readonly geocoder: GeocoderClient) {}

  /**
   * The bundled cities and airports first; when they leave room and a geocoder is configured, its
   * places after them (skipping any with the name and country of a bundled one).
   */
  async search(query: string, limit: number): Promise<PlaceResult[]> {
    const count = resultCount(limit);
    const bundled = searchPlaces(query, count);
    if (bundled.length >= count || !this.geocoder.enabled || foldForSearch(query).length < MIN_GEOCODER_QUERY_LENGTH) {
      return bundled;
    }
    const known = new Set(bundled.map(identity));
    const geocoded = (await this.geocoder.search(query.trim(), count)).filter((place) => !known.has(identity(place)));
    return [...bundled, ...geocoded].slice(0, count);
  }
}
