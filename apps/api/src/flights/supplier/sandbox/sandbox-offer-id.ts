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
const VERSION = 'v1';
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

function encodeSearch({ request, searchedAt }: SandboxSearch): string {
  const slices = request.slices.map((slice) => `${slice.origin}-${slice.destination}-${slice.departureDate}`).join(',');
  const text = [
    VERSION,
    slices,
    request.passengers,
    request.cabin,
    request.maxConnections ?? '',
    Math.floor(searchedAt.getTime() / 1000),
  ].join('~');
  return Buffer.from(text).toString('base64url');
}

function decodeSearch(payload: string): SandboxSearch | null {
  const fields = Buffer.from(payload, 'base64url').toString().split('~');
  if (fields.length !== 6 || fields[0] !== VERSION) return null;
  const [, slices, passengers, cabin, maxConnections, seconds] = fields;
  if (!(CABINS as readonly string[]).includes(cabin)) return null;
  const request: FlightSearchRequest = {
    slices: slices.split(',').map((slice) => {
      const [origin, destination, ...date] = slice.split('-');
      return { origin, destination, departureDate: date.join('-') };
    }),
    passengers: Number(passengers),
    cabin: cabin as Cabin,
    maxConnections: maxConnections === '' ? null : Number(maxConnections),
  };
  return { request, searchedAt: new Date(Number(seconds) * 1000) };
}
