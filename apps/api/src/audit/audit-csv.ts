/**
 * CSV for spreadsheets (RFC 4180), safe to open: a cell that a spreadsheet would read as a formula
 * (starting with = + - @ tab or CR) is prefixed with an apostrophe (OWASP CSV injection, S25) —
 * except a plain negative number (a refund, `-100.00`), which stays a number.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEGATIVE_NUMBER = /^-\d+(\.\d+)?$/;

export function csvCell(value: string | null | undefined): string {
  let text = value ?? '';
  if (FORMULA_START.test(text) && !NEGATIVE_NUMBER.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly (string | null | undefined)[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
