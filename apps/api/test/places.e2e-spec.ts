import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTrip, registerOrganization, Session, TRIP } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

/** A local stand-in for a Nominatim server (jsonv2): the real hosts are never asked. */
interface FakeNominatim {
  url: string;
  requests: URL[];
  userAgents: (string | undefined)[];
  /** While true, every request is a 502. */
  failing: boolean;
  server: Server;
}

const LAKE_COMO = {
  lat: '46.0160',
  lon: '9.2573',
  name: 'Lake Como',
  display_name: 'Lake Como, Lombardy, Italy',
  address: { country: 'Italy', country_code: 'it' },
};

function startFakeNominatim(): Promise<FakeNominatim> {
  const fake = { requests: [], userAgents: [], failing: false } as unknown as FakeNominatim;
  fake.server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    fake.requests.push(url);
    fake.userAgents.push(request.headers['user-agent']);
    if (fake.failing) return void response.writeHead(502).end();
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify(url.searchParams.get('q') === 'Lake Como' ? [LAKE_COMO] : []));
  });
  return new Promise((resolve) =>
    fake.server.listen(0, '127.0.0.1', () => {
      fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
      resolve(fake);
    }),
  );
}

describe('Places', () => {
  let t: TestApp;
  let traveller: Session;

  beforeAll(async () => {
    t = await startTestApp();
    traveller = await registerOrganization(t.api);
  });
  afterAll(() => t.close());

  const as = (session: Session) => ({ token: session.accessToken });
  const search = (query: string, app: TestApp = t) =>
    app.api.get(`/api/places?${new URLSearchParams({ q: query })}`, as(traveller));

  describe('GET /api/places', () => {
    it('finds airports by IATA code and by name, marked as airports', async () => {
      const jfk = await search('JFK');
      expect(jfk.status).toBe(200);
      expect(jfk.body[0]).toEqual({
        kind: 'airport',
        name: 'John F Kennedy International Airport',
        country: 'United States of America',
        countryCode: 'US',
        latitude: 40.6398,
        longitude: -73.7789,
        timezone: 'America/New_York',
        population: null,
        iata: 'JFK',
        city: 'New York',
      });
      expect((await search('heathrow')).body.map((place: { iata: string }) => place.iata)).toEqual(['LHR']);
    });

    it('still lists cities first, marked as cities', async () => {
      const response = await search('ber');
      expect(response.body[0]).toMatchObject({
        kind: 'city',
        name: 'Berlin',
        countryCode: 'DE',
        iata: null,
        city: null,
      });
      expect(response.body).toHaveLength(10);
      expect(response.body.some((place: { iata: string }) => place.iata === 'BER')).toBe(true);
    });

    it('finds nothing for what the bundled data lacks when no geocoder is configured', async () => {
      const response = await search('Lake Como');
      expect(response.status).toBe(200);
      expect(response.body).toEqual([]);
    });
  });

  describe('GET /api/airports', () => {
    const airports = (query: Record<string, string>) =>
      t.api.get(`/api/airports?${new URLSearchParams(query)}`, as(traveller));
    const codes = (body: Array<{ iata: string }>) => body.map((airport) => airport.iata);

    it('ranks the airport whose code the query is first, then by served city, then by name', async () => {
      const fra = await airports({ q: 'fra' });
      expect(fra.status).toBe(200);
      expect(fra.body[0]).toEqual({
        iata: 'FRA',
        name: expect.stringContaining('Frankfurt'),
        city: 'Frankfurt',
        country: 'Germany',
        countryCode: 'DE',
        latitude: expect.any(Number),
        longitude: expect.any(Number),
        timezone: 'Europe/Berlin',
      });
      expect(codes((await airports({ q: 'London', limit: '5' })).body)).toEqual(expect.arrayContaining(['LHR', 'LGW']));
      expect(codes((await airports({ q: 'heathrow' })).body)).toEqual(['LHR']);
    });

    it('lists airports only, at most limit of them, and refuses an empty query', async () => {
      const berlin = await airports({ q: 'ber', limit: '3' });
      expect(berlin.body).toHaveLength(3);
      expect(berlin.body.every((airport: { iata: string }) => /^[A-Z]{3}$/.test(airport.iata))).toBe(true);
      expect((await airports({ q: ' ' })).status).toBe(400);
      expect((await airports({ q: 'ber', limit: '26' })).status).toBe(400);
    });
  });

  describe('with a geocoder (GEOCODER_URL)', () => {
    let geocoded: TestApp;
    let fake: FakeNominatim;

    beforeAll(async () => {
      fake = await startFakeNominatim();
      geocoded = await startTestApp({ GEOCODER_URL: fake.url, GEOCODER_TIMEOUT_MS: '500' }, { url: t.databaseUrl });
    });
    afterAll(async () => {
      await geocoded.close();
      await new Promise((resolve) => fake.server.close(resolve));
    });

    it("adds the geocoder's places after the bundled ones", async () => {
      const response = await search('Lake Como', geocoded);
      expect(response.status).toBe(200);
      expect(response.body).toEqual([
        expect.objectContaining({
          kind: 'place',
          name: 'Lake Como',
          countryCode: 'IT',
          timezone: 'Europe/Rome',
          iata: null,
        }),
      ]);
      const asked = fake.requests.at(-1)!;
      expect(asked.pathname).toBe('/search');
      expect(asked.searchParams.get('format')).toBe('jsonv2');
      expect(fake.userAgents.at(-1)).toMatch(/^NestMap\/\d+\.\d+\.\d+ /);
    });

    it('answers from the bundled data when the geocoder fails', async () => {
      fake.failing = true;
      const asked = fake.requests.length;
      const heathrow = await search('heathrow', geocoded);
      expect(heathrow.status).toBe(200);
      expect(heathrow.body.map((place: { iata: string }) => place.iata)).toEqual(['LHR']);
      const unknown = await search('Atlantis', geocoded);
      expect(unknown.status).toBe(200);
      expect(unknown.body).toEqual([]);
      expect(fake.requests.length).toBe(asked + 2);
      fake.failing = false;
    });
  });

  describe('a trip destination typed without picking a suggestion', () => {
    const typed = { ...TRIP, latitude: undefined, longitude: undefined, destinationCountry: undefined };

    it('is placed on the server when its text names one place clearly', async () => {
      const trip = await createTrip(t.api, traveller, { ...typed, destination: 'Tokyo' });
      expect(trip).toMatchObject({ destination: 'Tokyo', destinationCountry: 'Japan', timezone: 'Asia/Tokyo' });
      expect(trip.latitude).toBeCloseTo(35.68, 1);
      expect(trip.longitude).toBeCloseTo(139.75, 0);
      const airport = await createTrip(t.api, traveller, { ...typed, destination: 'JFK' });
      expect(airport).toMatchObject({ destination: 'JFK', timezone: 'America/New_York', latitude: 40.6398 });
    });

    it('is left as text when ambiguous or unknown, and coordinates that came with it win', async () => {
      const ambiguous = await createTrip(t.api, traveller, { ...typed, destination: 'Springfield' });
      expect(ambiguous).toMatchObject({ latitude: null, longitude: null, timezone: null, destinationCountry: null });
      const unknown = await createTrip(t.api, traveller, { ...typed, destination: 'Lake Como' });
      expect(unknown).toMatchObject({ latitude: null, timezone: null });
      const picked = await createTrip(t.api, traveller, {
        ...typed,
        destination: 'Paris',
        latitude: 33.66,
        longitude: -95.55,
      });
      expect(picked).toMatchObject({
        latitude: 33.66,
        longitude: -95.55,
        timezone: 'America/Chicago',
        destinationCountry: null,
      });
    });

    it('is placed when a draft is edited to a new typed destination', async () => {
      const trip = await createTrip(t.api, traveller, { ...typed, destination: 'Springfield' });
      const edited = await t.api.patch(
        `/api/trips/${trip.id}`,
        { destination: 'Lisbon, Portugal', version: trip.version },
        as(traveller),
      );
      expect(edited.status).toBe(200);
      expect(edited.body).toMatchObject({
        destination: 'Lisbon, Portugal',
        destinationCountry: 'Portugal',
        timezone: 'Europe/Lisbon',
      });
      expect(edited.body.latitude).toBeCloseTo(38.72, 1);
    });
  });
});
