/**
 * The hostile input classes of issue 7 §1, as values for one JSON field, one query parameter or
 * one path segment. `mayBeAccepted` says when a route may legitimately take the value (an RTL title
 * is a fine title, -1 a fine longitude); every other class must be refused with a 4xx.
 */
export interface HostileValue {
  name: string;
  value: unknown;
  mayBeAccepted: (field: FieldInfo) => boolean;
}

export interface FieldInfo {
  /** A valid value of the field, from the OpenAPI document. */
  sample: unknown;
  required: boolean;
  nullable: boolean;
}

const never = () => false;
const always = () => true;
const isDateLike = (sample: unknown) => typeof sample === 'string' && /^\d{4}-\d{2}-\d{2}/.test(sample);
const isZoneLike = (sample: unknown) => typeof sample === 'string' && /^[A-Z][a-z]+\/[A-Z]/.test(sample);
const isNumber = (sample: unknown) => typeof sample === 'number';

export const RTL_TEXT = 'رحلة عمل \u202Eevil\u202C';
export const EMOJI_TEXT = 'Kick-off 👩🏽‍💻🚀';

function wrongTypeFor(sample: unknown): unknown {
  if (typeof sample === 'string') return 12345;
  if (Array.isArray(sample)) return 'not-an-array';
  if (typeof sample === 'object' && sample !== null) return 'not-an-object';
  return 'not-a-value-of-this-type';
}

/** Values for one body field; `wrong type` depends on the field's sample. */
export function hostileBodyValues(sample: unknown): HostileValue[] {
  return [
    { name: 'NUL byte', value: 'Berlin\u0000', mayBeAccepted: never },
    { name: 'lone surrogate', value: '\ud800x@a.test', mayBeAccepted: never },
    { name: 'null', value: null, mayBeAccepted: (field) => !field.required || field.nullable },
    { name: 'wrong type', value: wrongTypeFor(sample), mayBeAccepted: never },
    { name: 'huge string', value: 'x'.repeat(100_000), mayBeAccepted: never },
    { name: 'huge number', value: 1e308, mayBeAccepted: never },
    { name: 'negative', value: -1, mayBeAccepted: (field) => isNumber(field.sample) },
    { name: 'float for int', value: 1.5, mayBeAccepted: (field) => isNumber(field.sample) },
    { name: 'array for string', value: ['a', 'b'], mayBeAccepted: never },
    { name: 'object with __proto__', value: JSON.parse('{"__proto__": {"isAdmin": true}}'), mayBeAccepted: never },
    { name: 'invalid date', value: '2027-02-30', mayBeAccepted: (field) => !isDateLike(field.sample) },
    { name: 'invalid zone', value: 'Mars/Olympus', mayBeAccepted: (field) => !isZoneLike(field.sample) },
    { name: 'RTL text', value: RTL_TEXT, mayBeAccepted: always },
    { name: 'emoji', value: EMOJI_TEXT, mayBeAccepted: always },
  ];
}

/** Values for one query parameter, already URL-encoded; reading never writes, so only NUL must be refused. */
export const HOSTILE_QUERY_VALUES: { name: string; encoded: string[]; mustBeRefused: boolean }[] = [
  { name: 'NUL byte', encoded: ['a%00b'], mustBeRefused: true },
  { name: 'invalid UTF-8 / lone surrogate', encoded: ['%ED%A0%80'], mustBeRefused: false },
  { name: 'huge string', encoded: ['x'.repeat(6000)], mustBeRefused: false },
  { name: 'huge number', encoded: ['1e308'], mustBeRefused: false },
  { name: 'huge integer', encoded: ['99999999999999999999999'], mustBeRefused: false },
  { name: 'negative', encoded: ['-1'], mustBeRefused: false },
  { name: 'float for int', encoded: ['1.5'], mustBeRefused: false },
  { name: 'repeated (array for string)', encoded: ['a', 'b'], mustBeRefused: false },
  { name: 'invalid date', encoded: ['2027-02-30'], mustBeRefused: false },
  { name: 'invalid zone', encoded: ['Mars%2FOlympus'], mustBeRefused: false },
  { name: 'RTL text', encoded: [encodeURIComponent(RTL_TEXT)], mustBeRefused: false },
  { name: 'emoji', encoded: [encodeURIComponent(EMOJI_TEXT)], mustBeRefused: false },
];

/** Values for one path segment, already URL-encoded; none of them names an existing object. */
export const HOSTILE_PATH_SEGMENTS: { name: string; encoded: string }[] = [
  { name: 'NUL byte', encoded: 'a%00b' },
  { name: 'invalid UTF-8', encoded: '%ff' },
  { name: 'lone surrogate (CESU-8)', encoded: '%ED%A0%80' },
  { name: 'over-long segment', encoded: 'x'.repeat(300) },
  { name: 'huge number', encoded: '1e308' },
  { name: 'negative', encoded: '-1' },
  { name: 'float', encoded: '1.5' },
  { name: 'invalid date', encoded: '2027-02-30' },
  { name: 'RTL text', encoded: encodeURIComponent(RTL_TEXT) },
  { name: 'emoji', encoded: encodeURIComponent(EMOJI_TEXT) },
];

/** A JSON document nested `depth` levels deep (`[[[…]]]`), far below the body size limit. */
export function deeplyNestedJson(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}

/** Runs `task` over `items` with at most `limit` in flight. */
export async function mapWithConcurrency<T, R>(items: T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
