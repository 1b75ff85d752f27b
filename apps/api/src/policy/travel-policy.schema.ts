import { z } from 'zod';

/**
 * The travel policy as the evaluator reads it: today's stored fields (travel-policy.entity.ts,
 * same names and meanings) plus the rules of issue 9 § 2. Amounts are decimal strings in
 * `currency`; null means "no limit". Plain zod, no Nest: the admin DTO, the migration and the
 * evaluator can all share this one shape.
 */

export const CABINS = ['economy', 'premium_economy', 'business', 'first'] as const;
export type Cabin = (typeof CABINS)[number];

export const OUT_OF_POLICY_HANDLING = ['needs_approval', 'blocked', 'allowed_with_reason'] as const;
export type OutOfPolicyHandling = (typeof OUT_OF_POLICY_HANDLING)[number];

/** What a new organization starts with; the admin edits the list. */
export const DEFAULT_REASON_CODES = [
  { code: 'no_cheaper_option', label: 'No cheaper option available' },
  { code: 'client_requirement', label: 'Client requirement' },
  { code: 'schedule', label: 'Schedule or meeting times' },
];

// The API's money rule (common/money/money.dto.ts), restated here to keep this module free of Nest.
// Written with two decimals ("220" → "220.00"), as the numeric columns give amounts back.
const amount = z
  .string()
  .regex(/^\d{1,10}(\.\d{1,2})?$/, 'must be a decimal string like "1250.00" (up to 2 decimals)')
  .transform((value) => {
    const [units, cents = ''] = value.split('.');
    return `${units}.${cents.padEnd(2, '0')}`;
  });
const limit = amount.nullable();
const airline = z.string().regex(/^[A-Z0-9]{2}$/, 'must be a 2-character IATA airline code like "LH"');
const code = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be lower_snake_case, up to 40 characters');
const distinct = (values: string[]) => new Set(values).size === values.length;

// Nested objects refuse unknown keys, as the API's DTOs do (forbidNonWhitelisted) at the top level.
const cabinRule = z.strictObject({
  cabin: z.enum(CABINS),
  /** The cabin is allowed on flights lasting at least this long (scheduled, gate to gate). */
  fromMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
});

const cityNightlyCap = z.strictObject({
  /** Compared without case and accents: "Zürich" matches "zurich". */
  city: z.string().trim().min(1).max(100),
  /** ISO 3166-1 alpha-2; when given, only that country's city matches (Paris, FR vs Paris, US). */
  countryCode: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .nullable()
    .default(null),
  maxNightlyRate: amount,
});

const expenseCap = z.strictObject({ category: code, maxAmount: amount });
const reasonCode = z.strictObject({ code, label: z.string().trim().min(1).max(100) });

export const travelPolicySchema = z
  .object({
    /** Raised on every change; each verdict records the version it was judged against. */
    version: z.number().int().min(1),
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code like "EUR"'),
    /** Cabins allowed on any flight (today's field). */
    allowedCabinClasses: z.array(z.enum(CABINS)).refine(distinct, 'lists a cabin twice'),
    /** Further cabins allowed from a flight duration, e.g. business from 540 minutes. */
    cabinRules: z
      .array(cabinRule)
      .refine((rules) => distinct(rules.map((rule) => rule.cabin)), 'has two rules for one cabin')
      .default([]),
    maxFlightFare: limit,
    maxHotelNightlyRate: limit,
    /** Overrides maxHotelNightlyRate in the cities listed. */
    cityNightlyCaps: z
      .array(cityNightlyCap)
      .max(500)
      .refine(
        (caps) => distinct(caps.map((cap) => `${cityKey(cap.city)}|${cap.countryCode ?? ''}`)),
        'lists a city twice',
      )
      .default([]),
    minAdvanceBookingDays: z.number().int().min(0).max(365),
    tripBudgetCeiling: limit,
    preferredAirlines: z.array(airline).max(100).refine(distinct, 'lists an airline twice').default([]),
    blockedAirlines: z.array(airline).max(100).refine(distinct, 'lists an airline twice').default([]),
    maxConnections: z.number().int().min(0).max(5).nullable().default(null),
    /** Per flight, in kg CO2 per passenger, as the supplier reports it. */
    maxFlightCo2Kg: z.number().int().min(1).max(100_000).nullable().default(null),
    expenseCaps: z
      .array(expenseCap)
      .max(50)
      .refine((caps) => distinct(caps.map((cap) => cap.category)), 'lists a category twice')
      .default([]),
    outOfPolicy: z.enum(OUT_OF_POLICY_HANDLING).optional(),
    /** Today's switch; read only when `outOfPolicy` is absent (rows stored before it existed). */
    outOfPolicyRequiresApproval: z.boolean().optional(),
    reasonCodes: z
      .array(reasonCode)
      .max(50)
      .refine((reasons) => distinct(reasons.map((reason) => reason.code)), 'lists a code twice')
      .default(DEFAULT_REASON_CODES),
    /** Not a rule: a submitted trip judged in_policy is approved at once, without an approver. */
    autoApproveInPolicy: z.boolean().default(false),
  })
  .transform(({ outOfPolicyRequiresApproval, ...policy }) => ({
    ...policy,
    outOfPolicy: policy.outOfPolicy ?? legacyHandling(outOfPolicyRequiresApproval),
  }))
  .superRefine((policy, context) => {
    const blocked = new Set(policy.blockedAirlines);
    const both = policy.preferredAirlines.filter((code) => blocked.has(code));
    if (both.length)
      context.addIssue({
        code: 'custom',
        path: ['blockedAirlines'],
        message: `${both.join(', ')} cannot be both preferred and blocked`,
      });
    if (policy.outOfPolicy === 'allowed_with_reason' && policy.reasonCodes.length === 0)
      context.addIssue({
        code: 'custom',
        path: ['reasonCodes'],
        message: 'must list at least one reason when out-of-policy items are allowed with a reason',
      });
  });

export type TravelPolicyRules = z.output<typeof travelPolicySchema>;
export type TravelPolicyInput = z.input<typeof travelPolicySchema>;

/** Today's boolean: approval required (the default) or not — then the traveller states a reason. */
function legacyHandling(requiresApproval: boolean | undefined): OutOfPolicyHandling {
  return requiresApproval === false ? 'allowed_with_reason' : 'needs_approval';
}

/** "Zürich " → "zurich": how city caps and stays are matched. */
export function cityKey(city: string): string {
  return city
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .trim()
    .toLowerCase();
}

export interface PolicyFieldError {
  field: string;
  message: string;
}

export type ParsedPolicy = { ok: true; policy: TravelPolicyRules } | { ok: false; errors: PolicyFieldError[] };

/** Validates a stored row or an admin's input; errors name the field (`cabinRules.1.fromMinutes`). */
export function parseTravelPolicy(input: unknown): ParsedPolicy {
  const result = travelPolicySchema.safeParse(input);
  if (result.success) return { ok: true, policy: result.data };
  return {
    ok: false,
    errors: result.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message })),
  };
}

/** Parses what is known to be valid (a stored row, a body the DTO validated); throws when it is not. */
export function policyRulesOf(input: unknown): TravelPolicyRules {
  const parsed = parseTravelPolicy(input);
  if (!parsed.ok)
    throw new Error(
      `Invalid travel policy: ${parsed.errors.map((error) => `${error.field} ${error.message}`).join('; ')}`,
    );
  return parsed.policy;
}
