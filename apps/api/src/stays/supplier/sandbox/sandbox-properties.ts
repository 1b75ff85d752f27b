import { DateTime } from 'luxon';
import { hashOf, random } from '../../../flights/supplier/sandbox/sandbox-offers';
import type { Place } from '../../../places/places.index';
import type { BoardType, StayCancellationPolicy, StayProperty, StayRate } from '../stay-supplier';

/**
 * The sandbox's hotels: a pure function of a bundled city (places/), so every worker, after every
 * restart, finds the same properties at the same places; and their rates, a pure function of the
 * property, the stay and the day of the search (docs/stays.md § The sandbox).
 */

export const SANDBOX_STAY_CURRENCY = 'EUR';
/** Search results, their rates and quotes last this long (Duffel's last about as long). */
export const SANDBOX_STAY_TTL_MINUTES = 30;

export interface SandboxProperty extends StayProperty {
  /** The city it belongs to: its zone is the property's, its size and country set its prices. */
  city: Place;
  /** The property's place in its city's list (its id carries it). */
  index: number;
  stars: 2 | 3 | 4 | 5;
  /** This hotel's own price level against the city's (0.9–1.15). */
  priceFactor: number;
  /** Free cancellation until 18:00 local this many days before check-in on flexible rates. */
  freeCancellationDays: number;
}

export interface SandboxStay {
  checkInDate: string;
  checkOutDate: string;
  rooms: number;
  guests: number;
}

/**
 * Price level of a country's hotels, 1 (cheapest) to 5; unlisted countries are 2. A coarse reading
 * of published average daily rates, enough for a sandbox to price Zurich above Hanoi.
 */
const COST_LEVELS: Record<number, string> = {
  5: 'CH NO IS LU MC SG HK BM KY',
  4: 'US GB IE DK SE FI NL FR BE AT AU NZ CA IL AE QA JP KW BH',
  3: 'DE IT ES PT GR CY MT SI EE KR TW SA OM CZ HR PR UY CL',
  1: 'IN ID VN PH EG PK BD LK NP KH LA MM BO PY NI HN GT SV ET UZ KG TJ',
};
const LEVEL_OF = new Map(
  Object.entries(COST_LEVELS).flatMap(([level, codes]) => codes.split(' ').map((code) => [code, Number(level)])),
);
/** A 3-star double, room only, a weekday in shoulder season, by cost level (EUR a night). */
const BASE_NIGHTLY = [0, 45, 65, 95, 135, 180];
const STAR_FACTOR = { 2: 0.65, 3: 1, 4: 1.5, 5: 2.4 } as const;
const BREAKFAST_PER_GUEST = { 2: 8, 3: 14, 4: 22, 5: 32 } as const;
/** Countries whose cities charge a tourist tax at the property, per guest and night by stars. */
const CITY_TAX_COUNTRIES = new Set('FR DE IT ES NL AT BE PT CH HR GR CZ HU'.split(' '));
const CITY_TAX = { 2: 1.5, 3: 2.5, 4: 4, 5: 6 } as const;

/** Month factors (January first): temperate north, and the tropics' dry-season peak around New Year. */
const SEASON_NORTH = [0.85, 0.85, 0.95, 1, 1.05, 1.15, 1.2, 1.15, 1.1, 1.05, 0.9, 1.05];
const SEASON_TROPICS = [1.1, 1.1, 1.05, 1, 0.95, 0.9, 0.95, 0.95, 0.9, 0.95, 1, 1.15];

export function costLevel(countryCode: string): number {
  return LEVEL_OF.get(countryCode) ?? 2;
}

/** How many hotels a city has in the sandbox: 4 for a village, up to 24 for a metropolis. */
export function propertyCount(city: Place): number {
  return Math.min(24, Math.max(4, Math.round(3 * Math.log10(city.population + 10)) - 6));
}

/** How far from the city's centre its hotels lie, in km. */
export function citySpreadKm(city: Place): number {
  return Math.min(12, 1.5 + Math.sqrt(Math.max(0, city.population)) / 500);
}

/** The key naming a city and a place in its list, e.g. `FR_488567_23522_3` (the property id's body). */
export function propertyKey(city: Place, index: number): string {
  return `${city.countryCode}_${Math.round(city.latitude * 1e4)}_${Math.round(city.longitude * 1e4)}_${index}`;
}

const WORDS = [
  'Central',
  'Park',
  'Riverside',
  'Station',
  'Plaza',
  'Garden',
  'Royal',
  'Old Town',
  'Market',
  'Opera',
  'Bellevue',
  'Panorama',
  'Continental',
  'Metropole',
  'Europa',
  'Astoria',
  'Crown',
  'Boulevard',
  'Linden',
  'Meridian',
  'Horizon',
  'Victoria',
  'Cathedral',
  'Museum',
];
const NAME_PATTERNS: Record<2 | 3 | 4 | 5, Array<(word: string, city: string) => string>> = {
  2: [(w) => `Hotel ${w}`, (w) => `${w} Inn`, (w) => `${w} Guesthouse`],
  3: [(w, c) => `Hotel ${w} ${c}`, (w, c) => `${c} ${w} Hotel`, (w) => `${w} Residence`],
  4: [(w) => `${w} Hotel & Suites`, (w) => `Grand Hotel ${w}`, (w, c) => `${c} ${w} Suites`],
  5: [(w, c) => `The ${w} ${c}`, (w) => `${w} Palace`, (w) => `Grand ${w} Hotel`],
};
const STREET_NAMES = [
  'Victoria',
  'Mozart',
  'Columbus',
  'Galileo',
  'Humboldt',
  'Curie',
  'Verdi',
  'Goethe',
  'Pasteur',
  'Newton',
  'Magellan',
  'Darwin',
  'Cervantes',
  'Dante',
  'Kepler',
  'Chopin',
];
const FRENCH = new Set('FR BE LU MC SN CI MA TN DZ CM'.split(' '));
const SPANISH = new Set('ES MX AR CO CL PE VE EC UY PY BO CR PA GT HN SV NI DO CU'.split(' '));
const PORTUGUESE = new Set('PT BR AO MZ'.split(' '));
const FIVE_DIGIT_POSTCODES = new Set('FR DE IT ES US MX FI SE MY TH TR HR SA EG MA KR UA ID'.split(' '));
const FOUR_DIGIT_POSTCODES = new Set('AT CH BE DK NO AU NZ ZA HU LU BG PH'.split(' '));

function street(countryCode: string, name: string, number: number): string {
  if (FRENCH.has(countryCode)) return `${number} rue ${name}`;
  if (countryCode === 'DE' || countryCode === 'AT') return `${name}straße ${number}`;
  if (countryCode === 'NL') return `${name}straat ${number}`;
  if (SPANISH.has(countryCode)) return `Calle ${name} ${number}`;
  if (countryCode === 'IT') return `Via ${name} ${number}`;
  if (PORTUGUESE.has(countryCode)) return `Rua ${name}, ${number}`;
  return `${number} ${name} Street`;
}

function postalCode(countryCode: string, next: () => number): string | null {
  if (FIVE_DIGIT_POSTCODES.has(countryCode)) return String(10000 + Math.floor(next() * 89999));
  if (FOUR_DIGIT_POSTCODES.has(countryCode)) return String(1000 + Math.floor(next() * 8999));
  return null;
}

/** Every hotel of a city, in a fixed order (the index is part of each id). */
export function cityProperties(city: Place): SandboxProperty[] {
  const count = propertyCount(city);
  const spread = citySpreadKm(city);
  const used = new Set<string>();
  const properties: SandboxProperty[] = [];
  for (let index = 0; index < count; index += 1) {
    const key = propertyKey(city, index);
    const next = random(`sandbox-stay:${key}`);
    const roll = next();
    // Five stars only where there are guests for them.
    const stars: SandboxProperty['stars'] =
      roll < 0.15 ? 2 : roll < 0.55 ? 3 : roll < 0.87 || city.population < 300_000 ? 4 : 5;
    const patterns = NAME_PATTERNS[stars];
    let name = '';
    for (let attempt = 0; !name || used.has(name); attempt += 1) {
      const word = WORDS[(Math.floor(next() * WORDS.length) + attempt) % WORDS.length];
      name = patterns[Math.floor(next() * patterns.length)](word, city.name);
    }
    used.add(name);
    // Hotels gather towards the centre: distance grows as the 1.5th power of a uniform draw.
    const distance = spread * next() ** 1.5;
    const bearing = next() * 2 * Math.PI;
    const latitude = city.latitude + (distance * Math.cos(bearing)) / 111.32;
    const longitude =
      city.longitude +
      (distance * Math.sin(bearing)) / (111.32 * Math.max(0.01, Math.cos((city.latitude * Math.PI) / 180)));
    properties.push({
      supplierPropertyId: `sbx_acc_${key}`,
      name,
      address: {
        lineOne: street(
          city.countryCode,
          STREET_NAMES[Math.floor(next() * STREET_NAMES.length)],
          1 + Math.floor(next() * 180),
        ),
        postalCode: postalCode(city.countryCode, next),
        cityName: city.name,
        countryCode: city.countryCode,
        region: null,
      },
      latitude: Math.round(latitude * 1e6) / 1e6,
      longitude: Math.round((((longitude + 540) % 360) - 180) * 1e6) / 1e6,
      stars,
      reviewScore: Math.round((6.2 + stars * 0.5 + next() * 1.4) * 10) / 10,
      chain: null,
      checkInAfter: stars === 5 ? '14:00' : '15:00',
      checkOutBefore: stars >= 4 ? '12:00' : '11:00',
      phoneNumber: null,
      city,
      index,
      priceFactor: Math.round((0.9 + next() * 0.25) * 100) / 100,
      freeCancellationDays: stars === 5 ? 2 + Math.floor(next() * 6) : 1 + Math.floor(next() * 3),
    });
  }
  return properties;
}

/** The nightly price of one room (EUR, whole euros) on the night starting `night` (a local date). */
export function nightlyRate(
  property: SandboxProperty,
  night: DateTime,
  guestsPerRoom: number,
  searchedAt: Date,
): number {
  const { city } = property;
  const size =
    city.population >= 5_000_000 ? 1.3 : city.population >= 1_000_000 ? 1.15 : city.population >= 200_000 ? 1 : 0.85;
  const month = night.month - 1;
  const season =
    Math.abs(city.latitude) < 23.5
      ? SEASON_TROPICS[month]
      : city.latitude >= 0
        ? SEASON_NORTH[month]
        : SEASON_NORTH[(month + 6) % 12];
  // Friday and Saturday nights: business cities empty out, leisure towns fill up.
  const weekend = night.weekday === 5 || night.weekday === 6;
  const week = weekend ? (city.population >= 1_000_000 ? 0.9 : 1.1) : 1;
  const daysAhead = night.diff(DateTime.fromJSDate(searchedAt, { zone: city.timezone }).startOf('day'), 'days').days;
  const lead = daysAhead <= 3 ? 1.15 : daysAhead <= 14 ? 1.05 : 1;
  const occupancy = 1 + 0.15 * Math.max(0, guestsPerRoom - 2);
  const base = BASE_NIGHTLY[costLevel(city.countryCode)] * size * STAR_FACTOR[property.stars];
  return Math.max(20, Math.round(base * property.priceFactor * season * week * lead * occupancy));
}

interface RateShape {
  roomName: string;
  roomFactor: number;
  board: BoardType;
  refundable: boolean;
  discount: number;
}

function rateShapes(property: SandboxProperty): RateShape[] {
  const rooms: Array<[string, number]> =
    property.stars === 2
      ? [['Standard Double Room', 1]]
      : property.stars === 3
        ? [
            ['Standard Double Room', 1],
            ['Superior Double Room', 1.2],
          ]
        : property.stars === 4
          ? [
              ['Deluxe King Room', 1],
              ['Executive Room', 1.3],
            ]
          : [
              ['Deluxe King Room', 1],
              ['Junior Suite', 1.8],
            ];
  return rooms.flatMap(([roomName, roomFactor]) => [
    { roomName, roomFactor, board: 'room_only' as const, refundable: false, discount: 0.88 },
    { roomName, roomFactor, board: 'room_only' as const, refundable: true, discount: 1 },
    { roomName, roomFactor, board: 'breakfast' as const, refundable: true, discount: 1 },
  ]);
}

/** Every rate of a property for a stay, as of the search; positions are stable (a rate id carries one). */
export function propertyRates(
  property: SandboxProperty,
  stay: SandboxStay,
  searchedAt: Date,
  rateId: (index: number) => string,
): StayRate[] {
  const zone = property.city.timezone;
  const checkIn = DateTime.fromISO(stay.checkInDate, { zone });
  const nights = nightsOf(stay);
  const guestsPerRoom = stay.guests / stay.rooms;
  const roomNights = Array.from({ length: nights }, (_, n) =>
    nightlyRate(property, checkIn.plus({ days: n }), guestsPerRoom, searchedAt),
  );
  const expiresAt = new Date(searchedAt.getTime() + SANDBOX_STAY_TTL_MINUTES * 60_000).toISOString();
  const taxPerNight = CITY_TAX_COUNTRIES.has(property.city.countryCode) ? CITY_TAX[property.stars] : 0;
  return rateShapes(property).map((shape, index) => {
    const roomsTotal = roomNights.reduce(
      (sum, nightly) => sum + Math.round(nightly * shape.roomFactor * shape.discount),
      0,
    );
    const breakfast = shape.board === 'breakfast' ? BREAKFAST_PER_GUEST[property.stars] * stay.guests * nights : 0;
    const total = roomsTotal * stay.rooms + breakfast;
    const amount = { amount: total.toFixed(2), currency: SANDBOX_STAY_CURRENCY };
    return {
      supplierRateId: rateId(index),
      roomName: shape.roomName,
      board: shape.board,
      totalAmount: amount,
      dueAtProperty:
        taxPerNight > 0
          ? { amount: (taxPerNight * stay.guests * nights).toFixed(2), currency: SANDBOX_STAY_CURRENCY }
          : null,
      cancellation: cancellationPolicy(property, checkIn, shape.refundable, amount),
      conditions: [
        shape.refundable
          ? {
              title: 'Free cancellation',
              description: `Free cancellation until 18:00 local time, ${property.freeCancellationDays} day(s) before check-in.`,
            }
          : { title: 'Non-refundable', description: 'This rate cannot be refunded.' },
        ...(taxPerNight > 0
          ? [
              {
                title: 'City tax',
                description: `${taxPerNight.toFixed(2)} EUR per guest and night, paid at the hotel.`,
              },
            ]
          : []),
      ],
      quantityAvailable: 1 + (hashOf(`${property.supplierPropertyId}:${stay.checkInDate}:${index}`) % 6),
      expiresAt,
    };
  });
}

function cancellationPolicy(
  property: SandboxProperty,
  checkIn: DateTime,
  refundable: boolean,
  total: { amount: string; currency: string },
): StayCancellationPolicy {
  if (!refundable) return { refundable: false, timeline: [] };
  const before = checkIn.minus({ days: property.freeCancellationDays }).set({ hour: 18 });
  return { refundable: true, timeline: [{ before: before.toISO({ suppressMilliseconds: true })!, refund: total }] };
}

export function nightsOf(stay: Pick<SandboxStay, 'checkInDate' | 'checkOutDate'>): number {
  return Math.round(
    (Date.parse(`${stay.checkOutDate}T00:00:00Z`) - Date.parse(`${stay.checkInDate}T00:00:00Z`)) / 86_400_000,
  );
}

/** The property without the sandbox's own fields, as the contract shows it. */
export function publicProperty(property: SandboxProperty): StayProperty {
  const { city: _city, index: _index, priceFactor: _factor, freeCancellationDays: _days, ...shown } = property;
  return shown;
}
