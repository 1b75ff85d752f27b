import { z } from 'zod';
import { SupplierError } from '../stay-supplier';

/**
 * What we read of Booking.com's Demand API answers (v3.1), checked before use (SECURITY.md S17) with
 * the flights' `checked`: a body that does not match is `unavailable` (`invalid_response`) and nothing
 * of it is used. Only the fields the adapter reads are checked; the rest passes untouched.
 */

const amount = z.number().nonnegative().finite();
const currency = z.string().regex(/^[A-Z]{3}$/);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const id = z.number().int().positive();
const text = (max: number) => z.string().max(max);
/** Booking.com's translated texts: `{ "en-gb": "…" }`. */
const translated = z.record(z.string(), text(2000));
/** `from` of a cancellation step: an instant, `now` (from booking), or null. */
const from = z
  .string()
  .refine((value) => value === 'now' || !Number.isNaN(Date.parse(value)), 'not a date-time')
  .nullable();
const multi = z.object({ accommodation_currency: amount.nullish(), booker_currency: amount.nullish() });

export const bcomSearch = z
  .array(z.object({ id, currency, price: z.object({ book: amount.nullish(), total: amount }) }))
  .max(1000);

export const bcomDetails = z
  .array(
    z.object({
      id,
      name: translated,
      location: z.object({
        address: translated.nullish(),
        city: z.number().int().nullish(),
        coordinates: z
          .object({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180) })
          .nullish(),
        country: z.string().regex(/^[a-z]{2}$/),
        postal_code: text(30).nullish(),
      }),
      rating: z
        .object({ stars: z.number().min(0).max(5).nullish(), review_score: z.number().min(0).max(10).nullish() })
        .nullish(),
      checkin_checkout_times: z.object({ checkin_from: text(10).nullish(), checkout_to: text(10).nullish() }).nullish(),
      contacts: z.object({ general: z.object({ telephone: text(40).nullish() }).nullish() }).nullish(),
      rooms: z
        .array(z.object({ id, name: translated.nullish() }))
        .max(500)
        .nullish(),
    }),
  )
  .max(1000);

export const bcomCities = z.array(z.object({ id: z.number().int(), name: translated })).max(1000);

export const bcomAvailability = z.object({
  id,
  currency,
  products: z
    .array(
      z.object({
        id: text(200),
        room: z.number().int().positive().nullish(),
        number_available_at_this_price: z.number().int().nonnegative().nullish(),
        policies: z.object({
          cancellation: z
            .object({
              schedule: z
                .array(z.object({ from, price: amount }))
                .max(20)
                .nullish(),
            })
            .nullish(),
          meal_plan: z.object({ plan: text(40).nullish() }).nullish(),
          payment: z.object({ timings: z.array(text(40)).max(10).nullish() }).nullish(),
        }),
        price: z.object({ total: amount }),
      }),
    )
    .max(500),
});

const previewProduct = z.object({
  id: text(200),
  room: z.number().int().positive().nullish(),
  policies: z
    .object({
      cancellation: z
        .array(z.object({ from, price: multi }))
        .max(20)
        .nullish(),
      meal_plan: z.object({ plan: text(40).nullish() }).nullish(),
    })
    .nullish(),
  price: z.object({ total: multi }),
});

export const bcomPreview = z.object({
  accommodation: z.object({
    id,
    currency: z.object({ accommodation: currency }),
    general_policies: z
      .object({
        payment: z
          .object({ pay_at_the_property: z.object({ method_required: z.boolean().nullish() }).nullish() })
          .nullish(),
      })
      .nullish(),
    price: z.object({ total: multi }),
    products: z.array(previewProduct).min(1).max(20),
  }),
  order_token: z.string().min(1).max(5000),
});

export const bcomCreate = z.object({
  accommodation: z.object({ order: z.string().regex(/^\d{1,30}$/), reservation: z.number().int().nullish() }),
});

export const bcomOrders = z
  .array(z.object({ id: z.string().min(1).max(40), created: z.string().refine((v) => !Number.isNaN(Date.parse(v))) }))
  .max(1000);

export const bcomAccommodationOrders = z
  .array(
    z.object({
      id: z.string().min(1).max(40),
      accommodation: id,
      checkin: date,
      checkout: date,
      label: text(200).nullish(),
      reservation: z.number().int().nullish(),
      status: text(60),
      currency: z.object({ accommodation: currency }),
      price: z.object({ total: multi }).nullish(),
      cancellation_details: z.object({ at: text(60).nullish(), fee: multi.nullish() }).nullish(),
      products: z
        .array(
          z.object({
            policies: z
              .object({
                cancellation: z
                  .array(z.object({ from, price: multi }))
                  .max(20)
                  .nullish(),
              })
              .nullish(),
          }),
        )
        .max(20),
    }),
  )
  .max(1000);

/** The value as the schema reads it; a body that is not what the Demand API documents is `unavailable`. */
export function read<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const where = result.error.issues[0]?.path.join('.') || '(root)';
    throw new SupplierError('unavailable', `Booking.com answered a malformed ${what} (${where})`, ['invalid_response']);
  }
  return result.data;
}
