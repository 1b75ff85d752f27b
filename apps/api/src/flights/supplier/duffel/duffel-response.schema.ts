import { IANAZone } from 'luxon';
import { z } from 'zod';
import { SupplierError } from '../flight-supplier';

/**
 * What we read of Duffel's answers, checked before use (SECURITY.md S17): a supplier's body is input
 * like any other. Only the fields the mapper reads are checked; the rest passes untouched.
 */

const decimal = z.string().regex(/^\d{1,10}(\.\d{1,4})?$/);
const currency = z.string().regex(/^[A-Z]{3}$/);
const instant = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'not a date-time');
/** Duffel's segment times: a local wall time ("2027-03-01T09:05:00"), an offset tolerated. */
const localTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/);
const id = z.string().min(1).max(200);

const airport = z.object({
  iata_code: z.string().regex(/^[A-Z0-9]{3}$/),
  name: z.string().max(300),
  city_name: z.string().max(300).nullish(),
  iata_country_code: z.string().max(3).nullish(),
  time_zone: z.string().refine((zone) => IANAZone.isValidZone(zone), 'not an IANA zone'),
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  city: z.object({ name: z.string().max(300) }).nullish(),
});

const airline = z.object({ iata_code: z.string().max(3).nullish(), name: z.string().max(300) });

const segment = z.object({
  origin: airport,
  destination: airport,
  departing_at: localTime,
  arriving_at: localTime,
  duration: z.string().max(40).nullish(),
  marketing_carrier: airline,
  operating_carrier: airline.nullish(),
  marketing_carrier_flight_number: z.string().max(10),
  aircraft: z.object({ name: z.string().max(200) }).nullish(),
  passengers: z.array(z.object({ cabin_class: z.string().max(40).nullish() })).optional(),
});

const slice = z.object({ segments: z.array(segment).min(1).max(12), duration: z.string().max(40).nullish() });

const condition = z
  .object({ allowed: z.boolean(), penalty_amount: decimal.nullish(), penalty_currency: currency.nullish() })
  .nullish();

export const duffelOffer = z.object({
  id,
  passengers: z.array(z.object({ id })).min(1).max(9),
  total_amount: decimal,
  total_currency: currency,
  total_emissions_kg: z.union([decimal, z.number().nonnegative()]).nullish(),
  owner: airline,
  slices: z.array(slice).min(1).max(6),
  conditions: z.object({ refund_before_departure: condition, change_before_departure: condition }).nullish(),
  expires_at: instant,
});

export const duffelOrder = z.object({
  id,
  booking_reference: z.string().min(1).max(20),
  total_amount: decimal,
  total_currency: currency,
  slices: z.array(slice).max(6),
  metadata: z.record(z.string(), z.unknown()).nullish(),
  cancelled_at: instant.nullish(),
  created_at: instant,
});

export const duffelCancellation = z.object({
  id,
  order_id: id,
  refund_amount: decimal.nullish(),
  refund_currency: currency.nullish(),
  expires_at: instant.nullish(),
  confirmed_at: instant.nullish(),
});

export const duffelOfferRequest = z.object({ id });
export const duffelList = z.array(z.unknown());

/** The value, checked; a body that is not what Duffel documents is `unavailable` (never half-used). */
export function checked<T>(schema: z.ZodType, value: T, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const where = result.error.issues[0]?.path.join('.') || '(root)';
    throw new SupplierError('unavailable', `Duffel answered a malformed ${what} (${where})`, ['invalid_response']);
  }
  return value;
}
