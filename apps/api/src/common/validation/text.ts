/** class-transformer `@Transform` that trims strings (and leaves anything else to the validators). */
export const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** E-mail addresses are stored and compared trimmed and lower-cased. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * A cost centre's code or name (trips, budgets, report filters): up to 60 letters, digits, spaces
 * or `. _ / -`, starting with a letter or digit — so no spreadsheet reads one as a formula.
 */
export const COST_CENTRE_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} ._/-]{0,59}$/u;
