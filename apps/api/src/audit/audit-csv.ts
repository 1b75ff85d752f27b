/**
 * CSV for spreadsheets (RFC 4180), safe to open: a cell that a spreadsheet would read as a formula
 * (starting with = + - @ tab or CR) is prefixed with an apostrophe (OWASP CSV injection, S25).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | null | undefined): string {
  let text = value ?? '';
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly (string | null | undefined)[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
