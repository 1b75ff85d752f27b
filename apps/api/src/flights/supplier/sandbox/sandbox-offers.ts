import { DateTime } from 'luxon';
import { zoneOffsetMinutes } from '../../../activities/iso-in-zone';
import type { Cabin } from '../../../policy/travel-policy.schema';
import { type Airport, findAirport } from '../../../places/airports.index';
import { distanceKm } from '../../../places/great-circle';
import type {
  AirportRef,
  Carrier,
  FareCondition,
  FlightOffer,
  FlightSearchRequest,
  FlightSegment,
  FlightSlice,
} from '../flight-supplier';
import { SupplierError } from '../flight-supplier';
import { regionOf, SANDBOX_CARRIERS, type SandboxCarrier } from './sandbox-carriers';

/**
 * The sandbox's flights: a pure function of the search (route, dates, cabin, passengers, connections)
 * and of the instant it was made, so any worker, at any time, re-derives the same offers from an
 * offer id (sandbox-offer-id.ts). Everything is computed, nothing is stored. docs/booking.md § Suppliers
 * gives the model and its sources.
 */

/** How long an offer can be ordered after its search, as real offers (Duffel's last ~30 min). */
export const SANDBOX_OFFER_TTL_MINUTES = 30;
/** The most offers one search returns (the bench asks for this many). */
export const SANDBOX_MAX_OFFERS = 200;
export const SANDBOX_CURRENCY = 'EUR';
/** No departure sooner than this after the search: airlines close check-in. */
const MIN_MINUTES_BEFORE_DEPARTURE = 120;
/** Searches further ahead are refused, as airlines publish schedules about a year out. */
const MAX_DAYS_AHEAD = 361;
/** Shorter routes have no flights (e.g. LHR–LGW). */
const MIN_ROUTE_KM = 100;
/** Longest non-stop flown today (Singapore–New York). */
const MAX_NONSTOP_KM = 15_400;

/**
 * kg CO2e per passenger-km by cabin: UK DESNZ greenhouse-gas conversion factors 2025, "flight
 * outside UK", without radiative forcing (8 % distance uplift included): first 0.2579; the other
 * cabins by DESNZ's cabin ratios (economy 1, premium economy 1.6, business 2.9, first 4.0).
 */
export const EMISSIONS_KG_PER_PASSENGER_KM: Record<Cabin, number> = {
  economy: 0.2579 / 4,
  premium_economy: (0.2579 / 4) * 1.6,
  business: (0.2579 / 4) * 2.9,
  first: 0.2579,
};

/** Taxi out and in, plus climb and descent beyond cruise: minutes added to every flight. */
const GROUND_AND_CLIMB_MINUTES = 38;
const CRUISE_KMH = 830;
/** Airways are longer than great circles. */
const ROUTING_FACTOR = 1.05;

const CABIN_FARE_FACTOR: Record<Cabin, { short: number; long: number }> = {
  economy: { short: 1, long: 1 },
  premium_economy: { short: 1.5, long: 1.8 },
  business: { short: 2.6, long: 4.2 },
  first: { short: 3.2, long: 7 },
};
/** Below this, a flight is short-haul (fares, first class, aircraft, connection times). */
const LONG_HAUL_KM = 3000;

interface FareBrand {
  name: string;
  factor: number;
  refund: 'no' | 'penalty' | 'free';
  change: 'no' | 'penalty' | 'free';
}
const ECONOMY_BRANDS: FareBrand[] = [
  { name: 'Light', factor: 0.85, refund: 'no', change: 'no' },
  { name: 'Classic', factor: 1, refund: 'no', change: 'penalty' },
  { name: 'Flex', factor: 1.45, refund: 'penalty', change: 'free' },
];
const PREMIUM_BRANDS: FareBrand[] = [
  { name: 'Standard', factor: 1, refund: 'no', change: 'penalty' },
  { name: 'Flex', factor: 1.3, refund: 'penalty', change: 'free' },
];
const LOW_COST_BRANDS: FareBrand[] = [
  { name: 'Basic', factor: 0.7, refund: 'no', change: 'no' },
  { name: 'Plus', factor: 0.95, refund: 'no', change: 'penalty' },
];

export interface SandboxSearch {
  request: FlightSearchRequest;
  /** Whole seconds: the offer id carries it. */
  searchedAt: Date;
}

/** One way of flying one slice: a carrier, its segments, and what it costs per passenger. */
interface SliceOption {
  carrier: SandboxCarrier;
  slice: FlightSlice;
  /** Per passenger, before the fare brand. */
  baseFare: number;
  /** Per passenger, in the requested cabin. */
  emissionsKg: number;
  longHaul: boolean;
  key: string;
}

/** Every offer of a search, cheapest first; an offer's position is its index in the id. */
export function sandboxOffers(
  search: SandboxSearch,
  makeOfferId: (index: number) => string,
  passengerIds: string[],
): FlightOffer[] {
  const { request, searchedAt } = search;
  const airports = request.slices.map(
    ({ origin, destination }) => [airportOf(origin), airportOf(destination)] as const,
  );
  validate(request, airports, searchedAt);
  // Airlines sell first class on long-haul only: a search with a shorter slice gets business.
  const cabinOffered =
    request.cabin === 'first' &&
    airports.some(([origin, destination]) => distanceKm(origin, destination) < LONG_HAUL_KM)
      ? 'business'
      : request.cabin;
  const perSlice = request.slices.map((slice, i) =>
    sliceOptions(
      airports[i][0],
      airports[i][1],
      slice.departureDate,
      cabinOffered,
      request.maxConnections ?? 1,
      searchedAt,
    ),
  );
  const expiresAt = new Date(searchedAt.getTime() + SANDBOX_OFFER_TTL_MINUTES * 60_000).toISOString();
  const candidates: Array<Omit<FlightOffer, 'supplierOfferId'> & { sortKey: string; amount: number }> = [];
  for (const carrier of SANDBOX_CARRIERS) {
    const options = perSlice.map((slice) => slice.filter((option) => option.carrier === carrier));
    if (options.some((list) => list.length === 0)) continue;
    const cabin = cabinOffered;
    const brands = carrier.lowCost ? LOW_COST_BRANDS : cabin === 'economy' ? ECONOMY_BRANDS : PREMIUM_BRANDS;
    for (const combination of combinations(options)) {
      const perPassenger = combination.reduce((sum, option) => sum + option.baseFare, 0);
      const emissions = combination.reduce((sum, option) => sum + option.emissionsKg, 0);
      const longHaul = combination.some((option) => option.longHaul);
      for (const brand of brands) {
        const amount = round2(perPassenger * brand.factor) * request.passengers;
        candidates.push({
          supplier: 'sandbox',
          supplierPassengerIds: passengerIds,
          totalAmount: { amount: amount.toFixed(2), currency: SANDBOX_CURRENCY },
          totalEmissionsKg: Math.round(emissions * request.passengers),
          owner: { iataCode: carrier.iataCode, name: carrier.name },
          cabin,
          slices: combination.map((option) => option.slice),
          conditions: {
            refundBeforeDeparture: condition(brand.refund, longHaul ? 150 : 70, request.passengers),
            changeBeforeDeparture: condition(brand.change, longHaul ? 120 : 50, request.passengers),
          },
          expiresAt,
          amount,
          sortKey: `${combination.map((option) => option.key).join('+')}/${brand.name}`,
        });
      }
    }
  }
  candidates.sort((a, b) => a.amount - b.amount || (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
  return candidates.slice(0, SANDBOX_MAX_OFFERS).map(({ amount: _amount, sortKey: _sortKey, ...offer }, index) => ({
    ...offer,
    supplierOfferId: makeOfferId(index),
  }));
}

function airportOf(code: string): Airport {
  const airport = findAirport(code);
  if (!airport)
    throw new SupplierError('invalid_request', `unknown airport ${JSON.stringify(code)}`, ['unknown_airport']);
  return airport;
}

function validate(
  request: FlightSearchRequest,
  airports: ReadonlyArray<readonly [Airport, Airport]>,
  searchedAt: Date,
): void {
  if (request.slices.length < 1 || request.slices.length > 6) {
    throw new SupplierError('invalid_request', 'a search has 1 to 6 slices', ['invalid_slices']);
  }
  if (!Number.isInteger(request.passengers) || request.passengers < 1 || request.passengers > 9) {
    throw new SupplierError('invalid_request', 'a search has 1 to 9 passengers', ['invalid_passengers']);
  }
  let previous = '';
  request.slices.forEach(({ departureDate }, i) => {
    const [origin, destination] = airports[i];
    if (origin.iata === destination.iata)
      throw new SupplierError('invalid_request', 'origin and destination are the same airport', ['same_airport']);
    const date = DateTime.fromISO(departureDate, { zone: origin.timezone });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(departureDate) || !date.isValid) {
      throw new SupplierError('invalid_request', `departure date ${JSON.stringify(departureDate)} is not a date`, [
        'invalid_date',
      ]);
    }
    const today = DateTime.fromJSDate(searchedAt, { zone: origin.timezone }).startOf('day');
    const daysAhead = date.diff(today, 'days').days;
    if (daysAhead < 0 || daysAhead > MAX_DAYS_AHEAD || departureDate < previous) {
      throw new SupplierError(
        'invalid_request',
        `departure date ${departureDate} is in the past, out of sale or before the previous slice`,
        ['invalid_date'],
      );
    }
    previous = departureDate;
  });
}

/** Most itineraries one airline offers for a multi-slice search (real suppliers do not pair them all). */
const MAX_COMBINATIONS_PER_CARRIER = 24;

/**
 * One airline's ways of flying every slice: pairs of its slice options, nearest in schedule order
 * first (index sums), at most MAX_COMBINATIONS_PER_CARRIER, built slice by slice so six slices stay cheap.
 */
function combinations(options: SliceOption[][]): SliceOption[][] {
  let partial: Array<{ picks: SliceOption[]; rank: number }> = [{ picks: [], rank: 0 }];
  for (const list of options) {
    const next: Array<{ picks: SliceOption[]; rank: number }> = [];
    for (const { picks, rank } of partial)
      list.forEach((option, i) => next.push({ picks: [...picks, option], rank: rank + i }));
    next.sort((a, b) => a.rank - b.rank);
    partial = next.slice(0, MAX_COMBINATIONS_PER_CARRIER);
  }
  return partial.map(({ picks }) => picks);
}

function condition(kind: FareBrand['refund'], penalty: number, passengers: number): FareCondition {
  if (kind === 'no') return { allowed: false, penalty: null };
  if (kind === 'free') return { allowed: true, penalty: null };
  return { allowed: true, penalty: { amount: (penalty * passengers).toFixed(2), currency: SANDBOX_CURRENCY } };
}

interface Routing {
  carrier: SandboxCarrier;
  /** Airports flown through, endpoints included. */
  stops: Airport[];
  legsKm: number[];
}

/** The carriers and routings that serve a route, deterministic per route (not per date). */
function routings(origin: Airport, destination: Airport, maxConnections: number): Routing[] {
  const direct = distanceKm(origin, destination);
  if (direct < MIN_ROUTE_KM) return [];
  const regions = new Set([regionOf(origin), regionOf(destination)]);
  const sameRegion = regions.size === 1;
  const found: Routing[] = [];
  for (const carrier of SANDBOX_CARRIERS) {
    const home = regions.has(carrier.region);
    if (!home && !(carrier.global && !sameRegion)) continue;
    if (carrier.lowCost) {
      if (home && direct <= 3500) found.push({ carrier, stops: [origin, destination], legsKm: [direct] });
      continue;
    }
    const servesEndpoint = carrier.hubs.includes(origin.iata) || carrier.hubs.includes(destination.iata);
    if (home && servesEndpoint && direct <= MAX_NONSTOP_KM)
      found.push({ carrier, stops: [origin, destination], legsKm: [direct] });
    if (maxConnections < 1) continue;
    for (const hubCode of carrier.hubs) {
      if (hubCode === origin.iata || hubCode === destination.iata) continue;
      const hub = findAirport(hubCode)!;
      const legs = [distanceKm(origin, hub), distanceKm(hub, destination)];
      const detour = legs[0] + legs[1];
      if (Math.min(...legs) < MIN_ROUTE_KM || Math.max(...legs) > MAX_NONSTOP_KM) continue;
      if (detour / direct <= 1.35 || detour - direct <= 500)
        found.push({ carrier, stops: [origin, hub, destination], legsKm: legs });
    }
  }
  if (found.length === 0) found.push(...fallbackRoutings(origin, destination, direct, maxConnections, regions));
  // The same airlines both ways: the seed is the airport pair, whatever the direction.
  const rng = random([origin.iata, destination.iata].sort().join('-'));
  const byCarrier = new Map<SandboxCarrier, Routing[]>();
  for (const routing of found) byCarrier.set(routing.carrier, [...(byCarrier.get(routing.carrier) ?? []), routing]);
  // 2–4 airlines per route, the same every day: those based at either end first, then those with a non-stop.
  const ranked = [...byCarrier.entries()]
    .map(([carrier, list]) => {
      const based = carrier.hubs.includes(origin.iata) || carrier.hubs.includes(destination.iata);
      return { carrier, list, score: rng() + (based ? 1 : 0) + (list.some((r) => r.stops.length === 2) ? 0.6 : 0) };
    })
    .sort((a, b) => b.score - a.score);
  const keep = Math.min(ranked.length, 2 + Math.floor(rng() * 3));
  return ranked.slice(0, keep).flatMap(({ list }) => list.slice(0, 3));
}

/**
 * Remote pairs no rule above serves (Kinshasa–Nampula, Iqaluit–Yining): the two network carriers with
 * the shortest detour through a hub, else a regional non-stop, so that a search finds flights unless
 * the route is absurd (a detour over twice the distance, or a hop under 100 km).
 */
function fallbackRoutings(
  origin: Airport,
  destination: Airport,
  direct: number,
  maxConnections: number,
  regions: Set<string>,
): Routing[] {
  const network = SANDBOX_CARRIERS.filter((carrier) => !carrier.lowCost);
  if (maxConnections >= 1) {
    const best = network
      .flatMap((carrier) =>
        carrier.hubs
          .filter((code) => code !== origin.iata && code !== destination.iata)
          .map((code) => {
            const hub = findAirport(code)!;
            const legsKm = [distanceKm(origin, hub), distanceKm(hub, destination)];
            // Carriers at home at either end first, then the shorter detour.
            const rank = (legsKm[0] + legsKm[1]) / direct - (regions.has(carrier.region) ? 0.25 : 0);
            return { routing: { carrier, stops: [origin, hub, destination], legsKm }, rank };
          }),
      )
      .filter(({ routing: { legsKm } }) => Math.min(...legsKm) >= MIN_ROUTE_KM && Math.max(...legsKm) <= MAX_NONSTOP_KM)
      .filter(({ routing: { legsKm } }) => legsKm[0] + legsKm[1] <= direct * 2)
      .sort((a, b) => a.rank - b.rank || (a.routing.carrier.iataCode < b.routing.carrier.iataCode ? -1 : 1));
    const chosen: Routing[] = [];
    for (const { routing } of best) {
      if (!chosen.some((other) => other.carrier === routing.carrier)) chosen.push(routing);
      if (chosen.length === 2) return chosen;
    }
    if (chosen.length > 0) return chosen;
  }
  if (direct > 4000) return [];
  return network
    .filter((carrier) => regions.has(carrier.region))
    .slice(0, 2)
    .map((carrier) => ({ carrier, stops: [origin, destination], legsKm: [direct] }));
}

function sliceOptions(
  origin: Airport,
  destination: Airport,
  departureDate: string,
  cabin: Cabin,
  maxConnections: number,
  searchedAt: Date,
): SliceOption[] {
  const options: SliceOption[] = [];
  const earliest = searchedAt.getTime() + MIN_MINUTES_BEFORE_DEPARTURE * 60_000;
  const daysAhead = Math.round(
    DateTime.fromISO(departureDate, { zone: origin.timezone }).diff(
      DateTime.fromJSDate(searchedAt, { zone: origin.timezone }).startOf('day'),
      'days',
    ).days,
  );
  for (const routing of routings(origin, destination, maxConnections)) {
    if (routing.carrier.lowCost && cabin !== 'economy') continue;
    const longHaul = routing.legsKm.some((km) => km >= LONG_HAUL_KM);
    const totalKm = routing.legsKm.reduce((a, b) => a + b, 0);
    const routeKey = `${routing.carrier.iataCode}:${routing.stops.map((a) => a.iata).join('-')}:${departureDate}`;
    const nonstop = routing.stops.length === 2;
    const frequency = nonstop ? (totalKm < 1500 ? 5 : totalKm < 5000 ? 4 : 3) : 3;
    const firstHour = 6 + random(routeKey)() * 2;
    const spacing = (22 - firstHour) / frequency;
    for (let slot = 0; slot < frequency; slot += 1) {
      // One sequence per departure: a departure skipped as too soon leaves the others unchanged.
      const rng = random(`${routeKey}:${slot}`);
      const minutes = Math.round(((firstHour + slot * spacing + rng() * spacing * 0.6) * 60) / 5) * 5;
      let at = instantOf(departureDate, minutes, origin.timezone);
      if (at < earliest) continue;
      const segments: FlightSegment[] = [];
      for (let leg = 0; leg < routing.legsKm.length; leg += 1) {
        const from = routing.stops[leg];
        const to = routing.stops[leg + 1];
        if (leg > 0) at += connectionMinutes(routing.legsKm, rng) * 60_000;
        const duration = blockMinutes(from, to, routing.legsKm[leg]);
        const arrive = at + duration * 60_000;
        const flight = flightNumber(routing.carrier, from, to, slot);
        segments.push({
          origin: airportRef(from),
          destination: airportRef(to),
          departingAt: localIso(at, from.timezone),
          arrivingAt: localIso(arrive, to.timezone),
          durationMinutes: duration,
          marketingCarrier: carrierRef(routing.carrier),
          operatingCarrier: carrierRef(routing.carrier),
          flightNumber: flight,
          aircraft: aircraft(routing.legsKm[leg], rng),
        });
        at = arrive;
      }
      const first = Date.parse(segments[0].departingAt);
      const fare = baseFare(totalKm, routing.legsKm, cabin, daysAhead, nonstop, routing.carrier, minutes, rng);
      options.push({
        carrier: routing.carrier,
        slice: {
          origin: segments[0].origin,
          destination: segments[segments.length - 1].destination,
          durationMinutes: Math.round((at - first) / 60_000),
          segments,
        },
        baseFare: fare,
        emissionsKg: totalKm * EMISSIONS_KG_PER_PASSENGER_KM[cabin],
        longHaul,
        key: segments.map((segment) => `${segment.flightNumber}@${segment.departingAt}`).join(','),
      });
    }
  }
  return options;
}

/** Scheduled block time: ground and climb, cruise along a longer-than-great-circle route, winds. */
export function blockMinutes(from: Airport, to: Airport, km: number): number {
  // Jet streams blow west to east at mid-latitudes: eastbound flights are shorter.
  const eastward = Math.sin(((to.longitude - from.longitude) * Math.PI) / 180) > 0;
  const wind = km > 1000 ? (eastward ? 0.95 : 1.06) : 1;
  const minutes = GROUND_AND_CLIMB_MINUTES + ((km * ROUTING_FACTOR) / CRUISE_KMH) * 60 * wind;
  return Math.round(minutes / 5) * 5;
}

/** Minimum connection times grow with long-haul legs; the schedules add a deterministic wait. */
function connectionMinutes(legsKm: number[], rng: () => number): number {
  const minimum = legsKm.some((km) => km >= LONG_HAUL_KM) ? 90 : 50;
  return minimum + Math.round((rng() * 100) / 5) * 5;
}

function baseFare(
  totalKm: number,
  legsKm: number[],
  cabin: Cabin,
  daysAhead: number,
  nonstop: boolean,
  carrier: SandboxCarrier,
  departureMinutes: number,
  rng: () => number,
): number {
  const longHaul = legsKm.some((km) => km >= LONG_HAUL_KM);
  const economy = 35 + 0.13 * totalKm ** 0.97;
  const cabinFactor = CABIN_FARE_FACTOR[cabin][longHaul ? 'long' : 'short'];
  const advance =
    daysAhead <= 3
      ? 1.6
      : daysAhead <= 7
        ? 1.35
        : daysAhead <= 14
          ? 1.15
          : daysAhead <= 30
            ? 1
            : daysAhead <= 60
              ? 0.92
              : 0.85;
  const hour = departureMinutes / 60;
  const peak = (hour >= 7 && hour < 9.5) || (hour >= 17 && hour < 20) ? 1.1 : 1;
  const connection = nonstop ? 1 : 0.86;
  const airline = carrier.lowCost ? 0.6 : 0.92 + (hashOf(carrier.iataCode) % 23) / 100;
  const noise = 0.95 + rng() * 0.1;
  return economy * cabinFactor * advance * peak * connection * airline * noise;
}

function flightNumber(carrier: SandboxCarrier, from: Airport, to: Airport, slot: number): string {
  const base = hashOf(`${carrier.iataCode}${from.iata}${to.iata}`);
  const longHaul = distanceKm(from, to) >= LONG_HAUL_KM;
  const number = longHaul ? 1 + ((base + slot * 2) % 980) : 1000 + ((base + slot * 2) % 8000);
  return `${carrier.iataCode}${number}`;
}

const SHORT_AIRCRAFT = ['Airbus A320neo', 'Boeing 737-800', 'Embraer E190', 'Airbus A220-300'];
const MEDIUM_AIRCRAFT = ['Airbus A321neo', 'Boeing 737 MAX 8', 'Airbus A321LR'];
const LONG_AIRCRAFT = ['Boeing 787-9', 'Airbus A350-900', 'Boeing 777-300ER', 'Airbus A330-300'];

function aircraft(km: number, rng: () => number): string {
  const fleet = km < 1200 ? SHORT_AIRCRAFT : km < 4500 ? MEDIUM_AIRCRAFT : LONG_AIRCRAFT;
  return fleet[Math.floor(rng() * fleet.length)];
}

function airportRef(airport: Airport): AirportRef {
  return {
    iataCode: airport.iata,
    name: airport.name,
    cityName: airport.city,
    countryCode: airport.countryCode,
    timeZone: airport.timezone,
    latitude: airport.latitude,
    longitude: airport.longitude,
  };
}

function carrierRef(carrier: SandboxCarrier): Carrier {
  return { iataCode: carrier.iataCode, name: carrier.name };
}

/** "2027-03-28T09:05:00+02:00": the wall time at the airport with its offset at that instant. */
export function localIso(epochMs: number, zoneName: string): string {
  const offset = zoneOffsetMinutes(zoneName, epochMs);
  const local = new Date(epochMs + offset * 60_000).toISOString().slice(0, 19);
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return `${local}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * The instant of a wall time in a zone. A wall time skipped by a daylight-saving change (none of the
 * sandbox's, which depart from 06:00) lands an hour later, as the clocks do.
 */
function instantOf(date: string, minutes: number, zoneName: string): number {
  const [year, month, day] = date.split('-').map(Number);
  const wall = Date.UTC(year, month - 1, day, Math.floor(minutes / 60), minutes % 60);
  const guess = wall - zoneOffsetMinutes(zoneName, wall) * 60_000;
  return wall - zoneOffsetMinutes(zoneName, guess) * 60_000;
}

const pad = (value: number) => String(value).padStart(2, '0');
const round2 = (value: number) => Math.round(value * 100) / 100;

/** FNV-1a: a stable 32-bit hash of a string. */
export function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32 seeded by the text: the same text, the same sequence, in every process. */
export function random(seedText: string): () => number {
  let state = hashOf(seedText);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
