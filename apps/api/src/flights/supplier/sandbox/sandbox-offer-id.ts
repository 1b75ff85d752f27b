import { createHmac, timingSafeEqual } from 'node:crypto';
import { CABINS, type Cabin } from '../../../policy/travel-policy.schema';
import type { FlightSearchRequest } from '../flight-supplier';
import { hashOf, type SandboxSearch } from './sandbox-offers';

/**
 * Sandbox ids carry what made them: a search id is the search (slices, passengers, cabin, connections)
 * and the second it was made; an offer id adds the offer's position in that search. Any worker, after
 * any restart, re-derives the offer from its id (sandbox-offers.ts is a pure function), so nothing is
 * kept between a search and an order. They are signed (HMAC-SHA256, truncated) so a client cannot
 * forge an older search time for cheaper advance fares, or a position the search never had.
 */
const SEARCH_PREFIX = 'sbx_orq_';
const OFFER_PREFIX = 'sbx_off_';

export class SandboxIds {
  constructor(private readonly secret: string) {}

  searchId(search: SandboxSearch): string {
    const payload = encodeSearch(search);
    return `${SEARCH_PREFIX}${payload}.${this.sign(payload)}`;
  }

  /** The ids of a search's offers by position (the search is encoded once: a search has up to 200). */
  offerIds(search: SandboxSearch): (index: number) => string {
    const encoded = encodeSearch(search);
    return (index) => {
      const payload = `${encoded}.${index}`;
      return `${OFFER_PREFIX}${payload}.${this.sign(payload)}`;
    };
  }

  /** The search and position an offer id names; null when it is not a genuine sandbox offer id. */
  parseOfferId(id: string): { search: SandboxSearch; index: number } | null {
    if (!id.startsWith(OFFER_PREFIX)) return null;
    const parts = id.slice(OFFER_PREFIX.length).split('.');
    if (parts.length !== 3 || !/^\d{1,4}$/.test(parts[1])) return null;
    const payload = `${parts[0]}.${parts[1]}`;
    if (!this.verify(payload, parts[2])) return null;
    const search = decodeSearch(parts[0]);
    return search && { search, index: Number(parts[1]) };
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.secret)
      .update(`sandbox-flights:${payload}`)
      .digest()
      .subarray(0, 16)
      .toString('base64url');
  }

  private verify(payload: string, signature: string): boolean {
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}

/** The offer request's passenger ids, one per passenger, the same for every offer of a search. */
export function sandboxPassengerIds(search: SandboxSearch): string[] {
  const tag = hashOf(encodeSearch(search)).toString(36);
  return Array.from({ length: search.request.passengers }, (_, i) => `sbx_pas_${tag}_${i + 1}`);
}

const CABIN_CODES: Record<Cabin, string> = { economy: 'e', premium_economy: 'p', business: 'b', first: 'f' };
/** "1" (format), then per slice origin + destination + YYMMDD, "~", passengers, cabin, connections, "~", seconds in base 36. */
const PAYLOAD = /^1((?:[A-Z0-9]{6}\d{6}){1,6})~([1-9])([epbf])([n0-9])~([0-9a-z]{1,9})$/;

/**
 * The search in a compact, URL-safe form: a six-slice offer id stays under 130 characters (stored
 * offer ids are at most 200). Airport codes are three letters or digits (checked before).
 */
function encodeSearch({ request, searchedAt }: SandboxSearch): string {
  const slices = request.slices
    .map((slice) => `${slice.origin}${slice.destination}${slice.departureDate.slice(2).replace(/-/g, '')}`)
    .join('');
  const options = `${request.passengers}${CABIN_CODES[request.cabin]}${request.maxConnections ?? 'n'}`;
  return `1${slices}~${options}~${Math.floor(searchedAt.getTime() / 1000).toString(36)}`;
}

function decodeSearch(payload: string): SandboxSearch | null {
  const match = PAYLOAD.exec(payload);
  if (!match) return null;
  const [, slices, passengers, cabinCode, maxConnections, seconds] = match;
  const cabin = CABINS.find((candidate) => CABIN_CODES[candidate] === cabinCode)!;
  const request: FlightSearchRequest = {
    slices: (slices.match(/.{12}/g) ?? []).map((slice) => ({
      origin: slice.slice(0, 3),
      destination: slice.slice(3, 6),
      departureDate: `20${slice.slice(6, 8)}-${slice.slice(8, 10)}-${slice.slice(10, 12)}`,
    })),
    passengers: Number(passengers),
    cabin,
    maxConnections: maxConnections === 'n' ? null : Number(maxConnections),
  };
  return { request, searchedAt: new Date(parseInt(seconds, 36) * 1000) };
}
