import { GeocoderResponseError, GeocoderSettings, geocoderSearchUrl, parseGeocoderResponse } from './geocoder';

const settings = (kind: GeocoderSettings['kind'], url: string): GeocoderSettings => ({
  url,
  kind,
  timeoutMs: 1000,
  userAgent: 'test',
});

/** Lake Como as Nominatim's jsonv2 format describes it (fields we do not read trimmed). */
const NOMINATIM_LAKE_COMO = {
  place_id: 123,
  licence: 'Data © OpenStreetMap contributors, ODbL 1.0. http://osm.org/copyright',
  osm_type: 'relation',
  osm_id: 1,
  lat: '46.0160',
  lon: '9.2573',
  category: 'natural',
  type: 'water',
  place_rank: 22,
  importance: 0.6,
  addresstype: 'water',
  name: 'Lake Como',
  display_name: 'Lake Como, Lombardy, Italy',
  address: { water: 'Lake Como', state: 'Lombardy', country: 'Italy', country_code: 'it' },
  boundingbox: ['45.7', '46.2', '9.0', '9.5'],
};

/** The same in Photon's GeoJSON. */
const PHOTON_LAKE_COMO = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [9.2573, 46.016] },
      properties: {
        osm_id: 1,
        osm_type: 'R',
        osm_key: 'natural',
        osm_value: 'water',
        name: 'Lake Como',
        country: 'Italy',
        countrycode: 'IT',
        state: 'Lombardy',
      },
    },
  ],
};

const LAKE_COMO = {
  kind: 'place',
  name: 'Lake Como',
  country: 'Italy',
  countryCode: 'IT',
  latitude: 46.016,
  longitude: 9.2573,
  timezone: 'Europe/Rome',
  population: null,
  iata: null,
  city: null,
};

describe('geocoder wire formats', () => {
  describe('geocoderSearchUrl', () => {
    it("adds Nominatim's /search and its jsonv2 parameters", () => {
      const url = geocoderSearchUrl(settings('nominatim', 'https://geo.example/nominatim/'), 'Lake Como', 5);
      expect(url.pathname).toBe('/nominatim/search');
      expect(Object.fromEntries(url.searchParams)).toEqual({
        q: 'Lake Como',
        format: 'jsonv2',
        addressdetails: '1',
        limit: '5',
        'accept-language': 'en',
      });
      expect(geocoderSearchUrl(settings('nominatim', 'https://geo.example/search'), 'x', 1).pathname).toBe('/search');
    });

    it("adds Photon's /api unless the URL ends with it", () => {
      expect(geocoderSearchUrl(settings('photon', 'http://127.0.0.1:2322'), 'como', 3).toString()).toBe(
        'http://127.0.0.1:2322/api?q=como&limit=3&lang=en',
      );
      expect(geocoderSearchUrl(settings('photon', 'http://127.0.0.1:2322/api/'), 'como', 3).pathname).toBe('/api');
    });

    it('keeps the query a query parameter, whatever it contains', () => {
      const url = geocoderSearchUrl(settings('nominatim', 'https://geo.example'), 'a&format=xml#/../x', 1);
      expect(url.searchParams.get('q')).toBe('a&format=xml#/../x');
      expect(url.searchParams.get('format')).toBe('jsonv2');
      expect(url.hash).toBe('');
    });
  });

  describe('parseGeocoderResponse', () => {
    it("reads Nominatim jsonv2 and Photon GeoJSON alike, with the zone of the nearest bundled city in the place's country", () => {
      expect(parseGeocoderResponse('nominatim', [NOMINATIM_LAKE_COMO])).toEqual([LAKE_COMO]);
      expect(parseGeocoderResponse('photon', PHOTON_LAKE_COMO)).toEqual([LAKE_COMO]);
    });

    it('takes the name from display_name when Nominatim gives none, and the city when there is one', () => {
      const street = {
        ...NOMINATIM_LAKE_COMO,
        name: '',
        display_name: 'Via Roma, Como, Lombardy, Italy',
        address: { city: 'Como', country: 'Italy', country_code: 'it' },
      };
      expect(parseGeocoderResponse('nominatim', [street])[0]).toMatchObject({ name: 'Via Roma', city: 'Como' });
    });

    it('fills the country from the nearest bundled city when the geocoder gives none', () => {
      const lake = { ...NOMINATIM_LAKE_COMO, address: {} }; // its nearest city is Lugano
      expect(parseGeocoderResponse('nominatim', [lake])[0]).toMatchObject({
        country: 'Switzerland',
        countryCode: 'CH',
        timezone: 'Europe/Zurich',
      });
    });

    it('drops entries without a name or real coordinates', () => {
      const broken = [
        { ...NOMINATIM_LAKE_COMO, lat: '' },
        { ...NOMINATIM_LAKE_COMO, lat: '91' },
        { ...NOMINATIM_LAKE_COMO, lon: null },
        { ...NOMINATIM_LAKE_COMO, name: undefined, display_name: undefined },
        'not a place',
        null,
      ];
      expect(parseGeocoderResponse('nominatim', broken)).toEqual([]);
      const features = [
        { geometry: { coordinates: 'x' }, properties: { name: 'A' } },
        { properties: { name: 'B' } },
        7,
      ];
      expect(parseGeocoderResponse('photon', { features })).toEqual([]);
    });

    it('refuses an answer of the wrong shape', () => {
      expect(() => parseGeocoderResponse('nominatim', PHOTON_LAKE_COMO)).toThrow(GeocoderResponseError);
      expect(() => parseGeocoderResponse('photon', [NOMINATIM_LAKE_COMO])).toThrow(GeocoderResponseError);
      expect(() => parseGeocoderResponse('photon', null)).toThrow(GeocoderResponseError);
    });
  });
});
