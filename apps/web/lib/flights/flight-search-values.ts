import type { Schemas } from '@nestmap/api-client';
import { z } from 'zod';

const iata = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{3}$/, 'Pick an airport from the list, or type its 3-letter code (e.g. LHR)');

/** The flight search form; the API stays the judge (a code it does not know comes back under the field). */
export const flightSearchSchema = z
  .object({
    origin: iata,
    destination: iata,
    departureDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Pick the day you fly out'),
    returnDate: z.string().refine((value) => value === '' || /^\d{4}-\d{2}-\d{2}$/.test(value), 'Pick a date'),
    cabin: z.enum(['economy', 'premium_economy', 'business', 'first']),
    maxConnections: z.enum(['', '0', '1', '2']),
  })
  .refine((values) => values.origin.trim().toUpperCase() !== values.destination.trim().toUpperCase(), {
    path: ['destination'],
    message: 'Fly somewhere else than where you leave from',
  })
  .refine((values) => values.returnDate === '' || values.returnDate >= values.departureDate, {
    path: ['returnDate'],
    message: 'Come back on or after the day you leave',
  });

export type FlightSearchValues = z.infer<typeof flightSearchSchema>;

/** One slice for a one-way flight, two for a return. */
export function flightSearchBody(values: FlightSearchValues): Schemas['CreateFlightSearchDto'] {
  const origin = values.origin.trim().toUpperCase();
  const destination = values.destination.trim().toUpperCase();
  const slices = [{ origin, destination, departureDate: values.departureDate }];
  if (values.returnDate) slices.push({ origin: destination, destination: origin, departureDate: values.returnDate });
  return {
    slices,
    cabin: values.cabin,
    ...(values.maxConnections === '' ? {} : { maxConnections: Number(values.maxConnections) }),
  };
}

/** Which form field a refused body field (`slices.1.departureDate`) belongs under. */
export function searchFieldOf(apiField: string): keyof FlightSearchValues | null {
  const match = /^slices\.(\d+)\.(origin|destination|departureDate)$/.exec(apiField);
  if (match) {
    if (match[2] === 'departureDate') return match[1] === '0' ? 'departureDate' : 'returnDate';
    // The return slice flies the same two airports the other way.
    if (match[1] === '0') return match[2] as 'origin' | 'destination';
    return match[2] === 'origin' ? 'destination' : 'origin';
  }
  if (apiField === 'cabin' || apiField === 'maxConnections') return apiField;
  return null;
}
