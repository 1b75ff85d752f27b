/** C0 controls (but line breaks) and DEL: not allowed in an iCalendar TEXT value (RFC 5545 §3.3.11). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f]/g;

/**
 * Text from users, made safe for an iCalendar property: line breaks become one `\n`, other
 * control characters go. The generator escapes (and folds) the values it writes itself.
 */
export function plainText(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(CONTROL, ' ');
}

/**
 * A TEXT value escaped per RFC 5545 §3.3.11 (backslash, `;`, `,` and line breaks), for the
 * properties ical-generator writes verbatim (the calendar's NAME and X-WR-CALNAME).
 */
export function escapeText(value: string): string {
  return plainText(value)
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\n/g, '\\n');
}
