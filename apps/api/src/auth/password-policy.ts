import { dictionary } from '@zxcvbn-ts/language-common';

/** ASVS 4.0.3 §2.1: 12 to 128 characters, no composition rules, not a known common password. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/** The ~49k most common passwords bundled with zxcvbn-ts (from breach corpora). */
const COMMON = new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));

/**
 * Padding around the core word: anything but a letter (with its combining marks), in any script.
 * `\W` would not do, even with the `u` flag: it is ASCII-only, so it counted every Cyrillic, Greek
 * or Japanese letter as padding and left nothing of such passwords.
 */
const PADDING = /^[^\p{L}\p{M}]+|[^\p{L}\p{M}]+$/gu;

/**
 * A password is "common" when it is on the list, or when it is a listed password padded with
 * digits and symbols ("password123456", "!!qwerty2024"), or only digits and symbols: padding a
 * common word to reach 12 characters is the first thing a guesser tries.
 */
export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return true;
  const core = lower.replace(PADDING, '');
  return core.length === 0 || COMMON.has(core);
}

export function passwordProblem(password: string): string | undefined {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `password must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (length > PASSWORD_MAX_LENGTH) return `password must be at most ${PASSWORD_MAX_LENGTH} characters`;
  if (isCommonPassword(password)) return 'password is too common; choose a less predictable one';
  return undefined;
}
