/**
 * Masks what identifies people in a prompt or completion before it is logged (AI_LOG_PROMPTS=redacted):
 * e-mail addresses, URLs, UUIDs, and runs of five or more digits (phone, card, document and booking
 * numbers). Prompts carry no traveller names or e-mails to begin with (docs/ai.md § Privacy); dates
 * stay readable, since they are what a prompt is debugged for.
 */
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function redactForLog(text: string): string {
  return text
    .replace(/[^\s@<>"']+@[^\s@<>"']+\.[^\s@<>"']+/g, '[email]')
    .replace(/\bhttps?:\/\/\S+/g, '[url]')
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '[id]')
    .replace(/\+?\d(?:[ ().-]?\d){4,}/g, (digits) => (DATE.test(digits) ? digits : '[number]'));
}
