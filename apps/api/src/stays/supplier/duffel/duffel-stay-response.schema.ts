import { z } from 'zod';

/**
 * What we read of Duffel Stays' answers, checked before use (SECURITY.md S17) with the flights'
 * `checked`: a body that does not match is `unavailable` (`invalid_response`) and nothing of it is used.
 * Only the fields the mapper reads are checked; the rest passes untouched.
 */

const decimal = z.string().regex(/^\d{1,10}(\.\d{1,4})?$/);
const currency = z.string().regex(/^[A-Z]{3}$/);
const instant = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'not a date-time');
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const id = z.string().min(1).max(200);
const text = (max: number) => z.string().max(max);

const rate = z.object({
  id,
  board_type: text(40),
  total_amount: decimal,
  total_currency: currency,
  due_at_accommodation_amount: decimal.nullish(),
  due_at_accommodation_currency: currency.nullish(),
  cancellation_timeline: z
    .array(z.object({ refund_amount: decimal, currency, before: instant }))
    .max(20)
    .nullish(),
  conditions: z
    .array(z.object({ title: text(300), description: text(5000) }))
    .max(50)
    .nullish(),
  quantity_available: z.number().int().nonnegative().nullish(),
  expires_at: instant.nullish(),
});

export const duffelAccommodation = z.object({
  id,
  name: text(300),
  location: z.object({
    address: z.object({
      line_one: text(300),
      postal_code: text(30).nullish(),
      city_name: text(200),
      country_code: z.string().regex(/^[A-Z]{2}$/),
      region: text(200).nullish(),
    }),
    geographic_coordinates: z
      .object({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180) })
      .nullish(),
  }),
  rating: z.number().int().min(1).max(5).nullish(),
  review_score: z.number().min(0).max(10).nullish(),
  chain: z.object({ name: text(200) }).nullish(),
  check_in_information: z
    .object({ check_in_after_time: text(20).nullish(), check_out_before_time: text(20).nullish() })
    .nullish(),
  phone_number: text(40).nullish(),
  rooms: z
    .array(z.object({ name: text(300), rates: z.array(rate).max(200) }))
    .max(200)
    .nullish(),
});

const stay = {
  check_in_date: date,
  check_out_date: date,
  rooms: z.number().int().min(1).max(99),
  guests: z.array(z.unknown()).max(99),
};

export const duffelSearchResult = z.object({
  id,
  accommodation: duffelAccommodation,
  ...stay,
  cheapest_rate_total_amount: decimal,
  cheapest_rate_currency: currency,
  expires_at: instant,
});

export const duffelSearch = z.object({ results: z.array(z.unknown()).max(1000) });

export const duffelQuote = z.object({
  id,
  accommodation: duffelAccommodation,
  ...stay,
  total_amount: decimal,
  total_currency: currency,
  due_at_accommodation_amount: decimal.nullish(),
  due_at_accommodation_currency: currency.nullish(),
});

export const duffelStayBooking = z.object({
  id,
  reference: text(100).nullish(),
  status: text(40),
  accommodation: duffelAccommodation,
  check_in_date: date,
  check_out_date: date,
  rooms: z.number().int().min(1).max(99),
  metadata: z.record(z.string(), z.unknown()).nullish(),
  confirmed_at: instant,
  cancelled_at: instant.nullish(),
});
