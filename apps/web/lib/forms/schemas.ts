import { z } from 'zod';
import { isValidTimeZone, wallTimeToIso } from '../time/zoned-time';

/**
 * Form rules checked in the browser before a request is sent. They mirror the API's (which stays
 * the judge: its messages are shown too), so people learn about a typo without a round trip.
 */

const email = z.string().trim().min(1, 'Enter an e-mail address').pipe(z.email('Enter a valid e-mail address'));
/** ASVS 2.1: length only, no composition rules; the API also refuses common passwords. */
const newPassword = z.string().min(12, 'Use at least 12 characters').max(128, 'Use at most 128 characters');
const optionalText = (max: number, label: string) =>
  z.string().trim().max(max, `${label} is too long (at most ${max} characters)`);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Pick a date');
const time = z.string().regex(/^\d{2}:\d{2}$/, 'Enter a time');
/** A decimal amount as the API wants it: a string, at most two decimals. */
const amount = z
  .string()
  .trim()
  .refine((value) => value === '' || /^\d{1,10}(\.\d{1,2})?$/.test(value), 'Enter an amount like 1250 or 1250.50');
const currency = z
  .string()
  .trim()
  .toUpperCase()
  .refine((value) => value === '' || /^[A-Z]{3}$/.test(value), 'Use a 3-letter currency code such as EUR');

export const signInSchema = z.object({
  email,
  password: z.string().min(1, 'Enter your password'),
});
export type SignInValues = z.infer<typeof signInSchema>;

export const signUpSchema = z.object({
  name: z.string().trim().min(1, 'Enter your name').max(200, 'Your name is too long'),
  email,
  organizationName: z.string().trim().min(1, 'Enter the name of your company or team').max(200, 'The name is too long'),
  password: newPassword,
});
export type SignUpValues = z.infer<typeof signUpSchema>;

export const acceptInvitationSchema = z.object({
  name: z.string().trim().min(1, 'Enter your name').max(200, 'Your name is too long'),
  password: newPassword,
});
export type AcceptInvitationValues = z.infer<typeof acceptInvitationSchema>;

export const tripSchema = z
  .object({
    title: z.string().trim().min(1, 'Give the trip a title').max(200, 'The title is too long (at most 200 characters)'),
    destination: z.string().trim().min(1, 'Choose a destination').max(200, 'The destination is too long'),
    destinationCountry: z.string(),
    latitude: z.number().nullable(),
    longitude: z.number().nullable(),
    timezone: z.string(),
    startDate: date,
    endDate: date,
    purpose: optionalText(2000, 'The purpose'),
    costCentre: z
      .string()
      .trim()
      .refine(
        (value) => value === '' || /^[\p{L}\p{N}][\p{L}\p{N} ._/-]{0,59}$/u.test(value),
        'A cost centre starts with a letter or digit and has at most 60 letters, digits, spaces or . _ / -',
      ),
    budgetAmount: amount,
    budgetCurrency: currency,
  })
  .refine((trip) => trip.endDate >= trip.startDate, {
    path: ['endDate'],
    message: 'The trip cannot end before it starts',
  })
  .refine((trip) => trip.budgetAmount === '' || trip.budgetCurrency !== '', {
    path: ['budgetCurrency'],
    message: 'Add the currency of the budget',
  });
export type TripFormValues = z.input<typeof tripSchema>;

export const ACTIVITY_TYPES = ['flight', 'lodging', 'meeting', 'meal', 'transport', 'sight', 'other'] as const;

const coordinate = (max: number, label: string) =>
  z
    .string()
    .trim()
    .refine(
      (value) => value === '' || (Number.isFinite(Number(value)) && Math.abs(Number(value)) <= max),
      `${label} is a number between -${max} and ${max}`,
    );

export const activitySchema = z
  .object({
    title: z
      .string()
      .trim()
      .min(1, 'Give the activity a title')
      .max(200, 'The title is too long (at most 200 characters)'),
    type: z.enum(ACTIVITY_TYPES),
    startDate: date,
    startTime: time,
    endDate: z.string(),
    endTime: z.string(),
    timezone: z.string().trim().refine(isValidTimeZone, 'Use a time zone name such as Europe/Berlin'),
    /** Where it ends, when elsewhere (a flight); empty means the same zone. */
    endTimezone: z
      .string()
      .trim()
      .refine((zone) => zone === '' || isValidTimeZone(zone), 'Use a time zone name such as America/New_York'),
    locationName: optionalText(200, 'The place'),
    latitude: coordinate(90, 'Latitude'),
    longitude: coordinate(180, 'Longitude'),
    notes: optionalText(5000, 'The notes'),
    costAmount: amount,
    costCurrency: currency,
    bookingReference: optionalText(100, 'The booking reference'),
  })
  .refine((a) => a.endTime === '' || /^\d{2}:\d{2}$/.test(a.endTime), { path: ['endTime'], message: 'Enter a time' })
  .refine((a) => a.endTime === '' || endsAfterStart(a), {
    path: ['endTime'],
    message: 'It must end after it starts',
  })
  .refine((a) => (a.latitude === '') === (a.longitude === ''), {
    path: ['longitude'],
    message: 'Give both latitude and longitude, or neither',
  })
  .refine((a) => a.costAmount === '' || a.costCurrency !== '', {
    path: ['costCurrency'],
    message: 'Add the currency of the cost',
  });
export type ActivityFormValues = z.input<typeof activitySchema>;

/** Wall times in one zone compare as text; an end in another zone compares as an instant. */
function endsAfterStart(a: {
  startDate: string;
  startTime: string;
  endDate: string;
  endTime: string;
  timezone: string;
  endTimezone: string;
}) {
  const endDate = a.endDate || a.startDate;
  const endZone = a.endTimezone.trim() || a.timezone;
  if (endZone === a.timezone || !isValidTimeZone(endZone) || !isValidTimeZone(a.timezone))
    return `${endDate}T${a.endTime}` > `${a.startDate}T${a.startTime}`;
  return (
    Date.parse(wallTimeToIso(endDate, a.endTime, endZone)) >
    Date.parse(wallTimeToIso(a.startDate, a.startTime, a.timezone))
  );
}

export const CABIN_CLASSES = ['economy', 'premium_economy', 'business', 'first'] as const;
/** Cabins a duration rule can allow on longer flights (economy is the floor). */
export const RULED_CABINS = ['premium_economy', 'business', 'first'] as const;
export const OUT_OF_POLICY = ['needs_approval', 'blocked', 'allowed_with_reason'] as const;

const requiredAmount = amount.refine((value) => value !== '', 'Enter an amount');
const hours = z
  .string()
  .trim()
  .refine(
    (value) => value === '' || (/^\d{1,2}(\.\d{1,2})?$/.test(value) && Number(value) > 0 && Number(value) <= 24),
    'Enter hours from 0 to 24, like 6 or 9.5',
  );
const airlines = z
  .string()
  .trim()
  .refine(
    (value) => splitCodes(value).every((code) => /^[A-Z0-9]{2}$/.test(code)),
    'List 2-character airline codes, like LH, LX',
  );
const snakeCode = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'Use lower_snake_case, like client_requirement');

/** "lh, lx LX" → ["LH", "LX"]: airline codes as typed, in capitals, each once. */
export function splitCodes(value: string): string[] {
  return [
    ...new Set(
      value
        .toUpperCase()
        .split(/[\s,;]+/)
        .filter(Boolean),
    ),
  ];
}

export const policySchema = z
  .object({
    allowedCabinClasses: z.array(z.enum(CABIN_CLASSES)).min(1, 'Allow at least one cabin class'),
    /** Per cabin: hours from which it is also allowed ('' = no rule). */
    cabinFromHours: z.object({ premium_economy: hours, business: hours, first: hours }),
    currency: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{3}$/, 'Use a 3-letter currency code such as EUR'),
    maxFlightFare: amount,
    maxHotelNightlyRate: amount,
    cityNightlyCaps: z.array(
      z.object({
        city: z.string().trim().min(1, 'Name the city').max(100, 'At most 100 characters'),
        countryCode: z
          .string()
          .trim()
          .toUpperCase()
          .refine((value) => value === '' || /^[A-Z]{2}$/.test(value), 'Use a 2-letter country code such as FR'),
        maxNightlyRate: requiredAmount,
      }),
    ),
    minAdvanceBookingDays: z
      .string()
      .trim()
      .regex(/^\d{1,3}$/, 'Enter a whole number of days')
      .refine((value) => Number(value) <= 365, 'At most 365 days'),
    tripBudgetCeiling: amount,
    preferredAirlines: airlines,
    blockedAirlines: airlines,
    maxConnections: z.enum(['', '0', '1', '2', '3']),
    maxFlightCo2Kg: z
      .string()
      .trim()
      .refine(
        (value) => value === '' || (/^\d{1,6}$/.test(value) && Number(value) >= 1 && Number(value) <= 100000),
        'Enter whole kilograms, from 1 to 100000',
      ),
    expenseCaps: z.array(z.object({ category: snakeCode, maxAmount: requiredAmount })),
    outOfPolicy: z.enum(OUT_OF_POLICY),
    reasonCodes: z.array(
      z.object({ code: snakeCode, label: z.string().trim().min(1, 'Give a label').max(100, 'At most 100 characters') }),
    ),
    autoApproveInPolicy: z.boolean(),
  })
  .refine((policy) => policy.outOfPolicy !== 'allowed_with_reason' || policy.reasonCodes.length > 0, {
    path: ['reasonCodes'],
    message: 'Add at least one reason travellers can give',
  })
  .refine(
    (policy) => {
      const blocked = new Set(splitCodes(policy.blockedAirlines));
      return !splitCodes(policy.preferredAirlines).some((code) => blocked.has(code));
    },
    { path: ['blockedAirlines'], message: 'An airline cannot be both preferred and blocked' },
  );
export type PolicyFormValues = z.input<typeof policySchema>;

export const ROLES = ['traveller', 'manager', 'admin'] as const;

export const invitationSchema = z.object({
  email,
  role: z.enum(ROLES),
});
export type InvitationFormValues = z.infer<typeof invitationSchema>;

export const rejectSchema = z.object({
  reason: z.string().trim().min(1, 'Tell the traveller why').max(1000, 'At most 1000 characters'),
});
