import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for Amadeus Self-Service's hotel APIs, in the wire format of its published API
 * references and the official SDK (`amadeus` 11.0.0): the OAuth2 client-credentials token
 * (`POST /v1/security/oauth2/token`, form-encoded), `GET /v1/reference-data/locations/hotels/by-geocode`,
 * `GET /v3/shopping/hotel-offers`, `GET /v3/shopping/hotel-offers/:id` and `POST /v2/booking/hotel-orders`;
 * errors `{ errors: [{ status, code, title, detail }] }`. Three hotels around any point. The data is our own.
 */
export type AmadeusRoute =
  | 'POST /v1/security/oauth2/token'
  | 'GET /v1/reference-data/locations/hotels/by-geocode'
  | 'GET /v3/shopping/hotel-offers'
  | 'GET /v3/shopping/hotel-offers/:id'
  | 'POST /v2/booking/hotel-orders';

export interface AmadeusFault {
  status?: number;
  code?: number;
  title?: string;
  headers?: Record<string, string>;
  delayMs?: number;
  body?: unknown;
}

export const AmadeusFaults = {
  rateLimited: (retryAfterSeconds = 0): AmadeusFault => ({
    status: 429,
    code: 38194,
    title: 'Too many requests',
    headers: { 'retry-after': String(retryAfterSeconds) },
  }),
  serverError: (status = 500): AmadeusFault => ({ status, code: 141, title: 'SYSTEM ERROR HAS OCCURRED' }),
  slow: (delayMs: number): AmadeusFault => ({ delayMs }),
};

export interface FakeAmadeus {
  url: string;
  clientId: string;
  clientSecret: string;
  readonly requests: Array<{
    method: string;
    path: string;
    query: Record<string, string>;
    headers: IncomingMessage['headers'];
    body: string;
  }>;
  count(route: AmadeusRoute): number;
  inject(route: AmadeusRoute, fault: AmadeusFault, times?: number): void;
  /** Tokens issued from now on live this many seconds (Amadeus: 1799). */
  setTokenTtl(seconds: number): void;
  /** The offer sells out: re-pricing it answers 400 with code 3664. */
  sellOut(offerId: string): void;
  reset(): void;
  close(): Promise<void>;
}

const HOTELS = [
  { hotelId: 'HLPAR001', name: 'HOTEL LOUVRE FAKE', chainCode: 'HL', stars: 4, nightly: 180, dx: 0.003 },
  { hotelId: 'RTPAR002', name: 'IBIS FAKE GARE DE LYON', chainCode: 'RT', stars: 3, nightly: 110, dx: -0.008 },
  { hotelId: 'MCPAR003', name: 'FAKE PALACE OPERA', chainCode: 'MC', stars: 5, nightly: 420, dx: 0.012 },
];

export async function startFakeAmadeus(): Promise<FakeAmadeus> {
  const clientId = 'amadeus_fake_client';
  const clientSecret = 'amadeus_fake_secret';
  const requests: FakeAmadeus['requests'] = [];
  const faults = new Map<string, AmadeusFault[]>();
  const counts = new Map<string, number>();
  const tokens = new Map<string, number>();
  const offers = new Map<
    string,
    { hotel: (typeof HOTELS)[number]; offer: Record<string, unknown>; point: { latitude: number; longitude: number } }
  >();
  const soldOut = new Set<string>();
  let tokenTtl = 1799;

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) sendError(response, 500, 141, 'SYSTEM ERROR HAS OCCURRED', String(error));
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://fake-amadeus');
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const method = request.method ?? 'GET';
    const query = Object.fromEntries(url.searchParams);
    requests.push({ method, path: url.pathname, query, headers: request.headers, body });
    const [route, id] = routeOf(method, url.pathname);
    if (!route) return sendError(response, 404, 38196, 'Resource not found', 'The targeted resource does not exist');
    counts.set(route, (counts.get(route) ?? 0) + 1);
    const fault = faults.get(route)?.shift();
    if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (fault?.body !== undefined) return send(response, fault.status ?? 200, fault.body);
    if (fault?.status)
      return sendError(
        response,
        fault.status,
        fault.code ?? 0,
        fault.title ?? 'ERROR',
        fault.title ?? '',
        fault.headers,
      );

    if (route === 'POST /v1/security/oauth2/token') {
      const form = new URLSearchParams(body);
      if (
        form.get('grant_type') !== 'client_credentials' ||
        form.get('client_id') !== clientId ||
        form.get('client_secret') !== clientSecret
      ) {
        return send(response, 401, {
          error: 'invalid_client',
          error_description: 'Client credentials are invalid',
          code: 38187,
          title: 'Invalid parameters',
        });
      }
      const token = randomBytes(20).toString('base64url');
      tokens.set(token, Date.now() + tokenTtl * 1000);
      return send(response, 200, {
        type: 'amadeusOAuth2Token',
        username: 'dev@example.com',
        application_name: 'nestmap-tests',
        client_id: clientId,
        token_type: 'Bearer',
        access_token: token,
        expires_in: tokenTtl,
        state: 'approved',
        scope: '',
      });
    }
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const expiry = bearer ? tokens.get(bearer) : undefined;
    if (!expiry || expiry <= Date.now()) {
      return sendError(
        response,
        401,
        38192,
        'Invalid access token',
        'The access token provided in the Authorization header is invalid',
      );
    }
    switch (route) {
      case 'GET /v1/reference-data/locations/hotels/by-geocode': {
        const latitude = Number(query.latitude);
        const longitude = Number(query.longitude);
        if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) {
          return sendError(response, 400, 32171, 'MANDATORY DATA MISSING', 'latitude and longitude are required');
        }
        return send(response, 200, {
          data: HOTELS.map((hotel, i) => ({
            chainCode: hotel.chainCode,
            iataCode: 'PAR',
            dupeId: 700000 + i,
            name: hotel.name,
            hotelId: hotel.hotelId,
            geoCode: { latitude: latitude + hotel.dx, longitude: longitude + hotel.dx },
            address: { countryCode: 'FR' },
            distance: { value: 0.5 + i, unit: 'KM' },
            rating: hotel.stars,
          })),
          meta: { count: HOTELS.length },
        });
      }
      case 'GET /v3/shopping/hotel-offers': {
        const nights = (Date.parse(query.checkOutDate) - Date.parse(query.checkInDate)) / 86_400_000;
        const adults = Number(query.adults ?? 1);
        const rooms = Number(query.roomQuantity ?? 1);
        if (!query.hotelIds || !(nights >= 1) || !(adults >= 1 && adults <= 9)) {
          return sendError(
            response,
            400,
            32171,
            'INVALID FORMAT',
            'hotelIds, checkInDate, checkOutDate and adults are required',
          );
        }
        const ids = query.hotelIds.split(',');
        const data = HOTELS.filter((hotel) => ids.includes(hotel.hotelId)).map((hotel) =>
          hotelOffers(hotel, query, nights, adults, rooms),
        );
        return send(response, 200, { data });
      }
      case 'GET /v3/shopping/hotel-offers/:id': {
        if (soldOut.has(id!)) return sendError(response, 400, 3664, 'NO ROOMS AVAILABLE AT REQUESTED PROPERTY', '');
        const found = offers.get(id!);
        if (!found) return sendError(response, 404, 38196, 'Resource not found', 'The offer does not exist');
        return send(response, 200, {
          data: {
            type: 'hotel-offers',
            hotel: hotelOf(found.hotel, found.point),
            available: true,
            offers: [found.offer],
          },
        });
      }
      case 'POST /v2/booking/hotel-orders':
        return sendError(response, 400, 4926, 'INVALID DATA RECEIVED', 'payment card required');
    }
  }

  function hotelOf(hotel: (typeof HOTELS)[number], point: { latitude: number; longitude: number }) {
    return {
      type: 'hotel',
      hotelId: hotel.hotelId,
      chainCode: hotel.chainCode,
      dupeId: '700000',
      name: hotel.name,
      cityCode: 'PAR',
      latitude: point.latitude,
      longitude: point.longitude,
    };
  }

  function hotelOffers(
    hotel: (typeof HOTELS)[number],
    query: Record<string, string>,
    nights: number,
    adults: number,
    rooms: number,
  ) {
    // Near Paris unless asked elsewhere: the offers name no address, only coordinates.
    const point = { latitude: 48.8566 + hotel.dx, longitude: 2.3522 + hotel.dx };
    const make = (kind: 'nr' | 'flex') => {
      const total = (kind === 'nr' ? hotel.nightly * 0.9 : hotel.nightly + 20) * nights * rooms;
      const id = `${hotel.hotelId.slice(0, 4)}${kind.toUpperCase()}${randomBytes(3).toString('hex').toUpperCase()}`;
      const deadline = new Date(Date.parse(query.checkInDate) - 86_400_000 - 2 * 3_600_000).toISOString();
      const offer = {
        id,
        checkInDate: query.checkInDate,
        checkOutDate: query.checkOutDate,
        rateCode: kind === 'nr' ? 'NRF' : 'RAC',
        roomQuantity: String(rooms),
        boardType: kind === 'nr' ? 'ROOM_ONLY' : 'BREAKFAST',
        room: {
          type: 'A1K',
          typeEstimated: { category: kind === 'nr' ? 'STANDARD_ROOM' : 'DELUXE_ROOM', beds: 1, bedType: 'KING' },
          description: {
            text: kind === 'nr' ? 'Standard King Room\nNon smoking' : 'Deluxe King Room with breakfast',
            lang: 'EN',
          },
        },
        guests: { adults },
        price: {
          currency: 'EUR',
          base: (total * 0.9).toFixed(2),
          total: total.toFixed(2),
          variations: { average: { base: (total / nights).toFixed(2) } },
        },
        policies:
          kind === 'nr'
            ? { refundable: { cancellationRefund: 'NON_REFUNDABLE' }, paymentType: 'deposit' }
            : {
                cancellations: [{ deadline, amount: (total / nights / rooms).toFixed(2) }],
                refundable: { cancellationRefund: 'REFUNDABLE_UP_TO_DEADLINE' },
                paymentType: 'guarantee',
              },
        self: `https://test.api.amadeus.com/v3/shopping/hotel-offers/${id}`,
      };
      offers.set(id, { hotel, offer, point });
      return offer;
    };
    return {
      type: 'hotel-offers',
      hotel: hotelOf(hotel, point),
      available: true,
      offers: [make('nr'), make('flex')],
      self: '',
    };
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    clientId,
    clientSecret,
    requests,
    count: (route) => counts.get(route) ?? 0,
    inject(route, fault, times = 1) {
      const list = faults.get(route) ?? [];
      for (let i = 0; i < times; i += 1) list.push(fault);
      faults.set(route, list);
    },
    setTokenTtl: (seconds) => void (tokenTtl = seconds),
    sellOut: (offerId) => void soldOut.add(offerId),
    reset() {
      requests.length = 0;
      faults.clear();
      counts.clear();
      offers.clear();
      soldOut.clear();
      tokenTtl = 1799;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function routeOf(method: string, path: string): [AmadeusRoute | null, string | undefined] {
  if (method === 'POST' && path === '/v1/security/oauth2/token') return ['POST /v1/security/oauth2/token', undefined];
  if (method === 'GET' && path === '/v1/reference-data/locations/hotels/by-geocode') {
    return ['GET /v1/reference-data/locations/hotels/by-geocode', undefined];
  }
  if (method === 'GET' && path === '/v3/shopping/hotel-offers') return ['GET /v3/shopping/hotel-offers', undefined];
  const offer = /^\/v3\/shopping\/hotel-offers\/([\w-]+)$/.exec(path);
  if (method === 'GET' && offer) return ['GET /v3/shopping/hotel-offers/:id', offer[1]];
  if (method === 'POST' && path === '/v2/booking/hotel-orders') return ['POST /v2/booking/hotel-orders', undefined];
  return [null, undefined];
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/vnd.amadeus+json', ...headers });
  response.end(JSON.stringify(body));
}

function sendError(
  response: ServerResponse,
  status: number,
  code: number,
  title: string,
  detail: string,
  headers?: Record<string, string>,
): void {
  send(response, status, { errors: [{ status, code, title, detail }] }, headers);
}
