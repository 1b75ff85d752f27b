import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { GeocoderClient } from './geocoder.client';
import type { GeocoderKind } from './geocoder';
import { PlacesService } from './places.service';

/** A stand-in for a Nominatim or Photon server: answers what `reply` says and records each request. */
class FakeGeocoder {
  requests: { url: URL; userAgent?: string }[] = [];
  reply: (request: IncomingMessage, response: ServerResponse) => void = (_request, response) => response.end('[]');
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      this.requests.push({
        url: new URL(request.url ?? '/', 'http://localhost'),
        userAgent: request.headers['user-agent'],
      });
      this.reply(request, response);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    this.server?.closeAllConnections();
    return new Promise((resolve) => this.server?.close(() => resolve()));
  }
}

const json = (body: unknown) => (_request: IncomingMessage, response: ServerResponse) => {
  response.setHeader('content-type', 'application/json');
  response.end(JSON.stringify(body));
};

const NOMINATIM_LAKE_COMO = [
  {
    lat: '46.0160',
    lon: '9.2573',
    name: 'Lake Como',
    display_name: 'Lake Como, Lombardy, Italy',
    address: { country: 'Italy', country_code: 'it' },
  },
];
const PHOTON_LAKE_COMO = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [9.2573, 46.016] },
      properties: { name: 'Lake Como', country: 'Italy', countrycode: 'IT' },
    },
  ],
};

describe('GeocoderClient against a local server', () => {
  const fake = new FakeGeocoder();
  let baseUrl: string;
  let warn: jest.SpyInstance;
  let log: jest.SpyInstance;

  const client = (kind: GeocoderKind = 'nominatim', timeoutMs = 1000) =>
    new GeocoderClient({
      geocoder: { url: baseUrl, kind, timeoutMs, userAgent: 'NestMap/test (+http://localhost:3000)' },
    } as AppConfig);

  beforeAll(async () => {
    baseUrl = await fake.start();
  });
  afterAll(() => fake.stop());
  beforeEach(() => {
    fake.requests = [];
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('asks Nominatim with jsonv2 and an identifying User-Agent, and reads its places', async () => {
    fake.reply = json(NOMINATIM_LAKE_COMO);
    const places = await client('nominatim').search('Lake Como', 5);
    expect(places).toEqual([
      expect.objectContaining({ kind: 'place', name: 'Lake Como', countryCode: 'IT', timezone: 'Europe/Rome' }),
    ]);
    expect(fake.requests).toHaveLength(1);
    const [{ url, userAgent }] = fake.requests;
    expect(url.pathname).toBe('/search');
    expect(url.searchParams.get('q')).toBe('Lake Como');
    expect(url.searchParams.get('format')).toBe('jsonv2');
    expect(userAgent).toBe('NestMap/test (+http://localhost:3000)');
  });

  it('asks Photon at /api and reads its GeoJSON', async () => {
    fake.reply = json(PHOTON_LAKE_COMO);
    const places = await client('photon').search('Lake Como', 5);
    expect(places).toEqual([expect.objectContaining({ name: 'Lake Como', latitude: 46.016, longitude: 9.2573 })]);
    expect(fake.requests[0].url.pathname).toBe('/api');
  });

  it('keeps an answer for a while: the same query asks the server once', async () => {
    fake.reply = json(NOMINATIM_LAKE_COMO);
    const geocoder = client();
    await geocoder.search('Lake Como', 5);
    const again = await geocoder.search('lake como ', 5);
    expect(again).toHaveLength(1);
    expect(fake.requests).toHaveLength(1);
  });

  it('yields no places on a timeout, an error status, a redirect, non-JSON or the wrong shape, and logs once until it recovers', async () => {
    const geocoder = client('nominatim', 200);
    const failures: ((request: IncomingMessage, response: ServerResponse) => void)[] = [
      () => undefined, // never answers
      (_request, response) => response.writeHead(503).end('busy'),
      (_request, response) => response.writeHead(302, { location: 'http://169.254.169.254/' }).end(),
      (_request, response) => response.end('<html>'),
      json({ features: [] }),
    ];
    for (const [i, failure] of failures.entries()) {
      fake.reply = failure;
      await expect(geocoder.search(`query ${i}`, 5)).resolves.toEqual([]);
    }
    expect(fake.requests).toHaveLength(failures.length);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(JSON.stringify(warn.mock.calls[0])).toContain('timeout');
    expect(JSON.stringify(warn.mock.calls[0])).not.toContain('query 0');

    fake.reply = json(NOMINATIM_LAKE_COMO);
    await expect(geocoder.search('Lake Como', 5)).resolves.toHaveLength(1);
    expect(log).toHaveBeenCalledTimes(1);
    fake.reply = (_request, response) => response.writeHead(500).end();
    await geocoder.search('another', 5);
    expect(warn).toHaveBeenCalledTimes(2);
  });

  it('stops reading an answer past 1 MiB, with or without a Content-Length', async () => {
    const geocoder = client();
    const huge = JSON.stringify([{ name: 'x'.repeat(2 * 1024 * 1024) }]);
    fake.reply = (_request, response) => response.end(huge);
    await expect(geocoder.search('sized', 5)).resolves.toEqual([]);
    fake.reply = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' }); // chunked
      for (let i = 0; i < 40; i += 1) response.write('x'.repeat(64 * 1024));
      response.end();
    };
    await expect(geocoder.search('chunked', 5)).resolves.toEqual([]);
    expect(JSON.stringify(warn.mock.calls[0])).toContain('answer too large');
  });

  it('yields no places when the server is gone', async () => {
    const gone = new GeocoderClient({
      geocoder: { url: 'http://127.0.0.1:9', kind: 'nominatim', timeoutMs: 500, userAgent: 'x' },
    } as AppConfig);
    await expect(gone.search('Lake Como', 5)).resolves.toEqual([]);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('is off without GEOCODER_URL', async () => {
    const off = new GeocoderClient({} as AppConfig);
    expect(off.enabled).toBe(false);
    await expect(off.search('Lake Como', 5)).resolves.toEqual([]);
  });

  describe('PlacesService', () => {
    it("adds the geocoder's places after the bundled ones, skipping those it already has", async () => {
      fake.reply = json([
        {
          lat: '51.47',
          lon: '-0.4543',
          name: 'London Heathrow Airport',
          address: { country: 'United Kingdom', country_code: 'gb' },
        },
        {
          lat: '51.5',
          lon: '-0.12',
          name: 'Heathrow Road',
          address: { country: 'United Kingdom', country_code: 'gb' },
        },
      ]);
      const places = await new PlacesService(client()).search('heathrow', 10);
      expect(places.map((place) => `${place.kind}:${place.name}`)).toEqual([
        'airport:London Heathrow Airport',
        'place:Heathrow Road',
      ]);
    });

    it('finds what the bundled data lacks ("Lake Como")', async () => {
      fake.reply = json(NOMINATIM_LAKE_COMO);
      const places = await new PlacesService(client()).search('Lake Como', 10);
      expect(places).toEqual([expect.objectContaining({ kind: 'place', name: 'Lake Como' })]);
    });

    it('does not ask when the bundled places fill the list or the query is too short, and answers from bundled data when the geocoder fails', async () => {
      const service = new PlacesService(client('nominatim', 200));
      expect(await service.search('ber', 10)).toHaveLength(10);
      expect(await service.search('zq', 10)).toEqual([]);
      expect(fake.requests).toHaveLength(0);
      fake.reply = (_request, response) => response.writeHead(500).end();
      const places = await service.search('heathrow', 10);
      expect(places.map((place) => place.iata)).toEqual(['LHR']);
      expect(fake.requests).toHaveLength(1);
    });
  });
});
