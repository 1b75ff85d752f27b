import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SandboxStay } from './sandbox-properties';

/**
 * Sandbox stay ids carry what made them, as the flight sandbox's offers do: a search result names
 * the property, the stay and the second of the search; a rate adds its position; a quote adds the
 * second it was quoted. Any worker, after any restart, re-derives the rate from its id alone. They
 * are signed (HMAC-SHA256, truncated) so a client cannot forge an older search (cheaper lead-time
 * prices), a later quote time or a position the property does not have. Property ids are not
 * signed: they carry no price.
 */
const RESULT_PREFIX = 'sbx_srr_';
const RATE_PREFIX = 'sbx_rat_';
const QUOTE_PREFIX = 'sbx_quo_';
export const PROPERTY_PREFIX = 'sbx_acc_';

export interface SandboxResultRef {
  propertyKey: string;
  stay: SandboxStay;
  searchedAt: Date;
}

/** "1" (format) ~ property key ~ check-in YYMMDD + nights (base 36, 2) ~ rooms + guests ~ seconds (base 36). */
const PAYLOAD = /^1~([A-Z]{2}_-?\d{1,6}_-?\d{1,7}_\d{1,2})~(\d{6})([0-9a-z]{2})~([1-9])([1-9]\d?)~([0-9a-z]{1,9})$/;

export class SandboxStayIds {
  constructor(private readonly secret: string) {}

  resultId(ref: SandboxResultRef): string {
    const payload = encode(ref);
    return `${RESULT_PREFIX}${payload}.${this.sign(payload)}`;
  }

  rateIds(ref: SandboxResultRef): (index: number) => string {
    const encoded = encode(ref);
    return (index) => {
      const payload = `${encoded}.${index}`;
      return `${RATE_PREFIX}${payload}.${this.sign(payload)}`;
    };
  }

  quoteId(rateId: string, quotedAt: Date): string {
    const payload = `${rateId.slice(RATE_PREFIX.length, rateId.lastIndexOf('.'))}.${seconds(quotedAt)}`;
    return `${QUOTE_PREFIX}${payload}.${this.sign(payload)}`;
  }

  parseResultId(id: string): SandboxResultRef | null {
    const parts = this.verified(id, RESULT_PREFIX, 2);
    return parts && decode(parts[0]);
  }

  parseRateId(id: string): { ref: SandboxResultRef; index: number } | null {
    const parts = this.verified(id, RATE_PREFIX, 3);
    if (!parts || !/^\d{1,2}$/.test(parts[1])) return null;
    const ref = decode(parts[0]);
    return ref && { ref, index: Number(parts[1]) };
  }

  parseQuoteId(id: string): { ref: SandboxResultRef; index: number; quotedAt: Date; rateId: string } | null {
    const parts = this.verified(id, QUOTE_PREFIX, 4);
    if (!parts || !/^\d{1,2}$/.test(parts[1]) || !/^[0-9a-z]{1,9}$/.test(parts[2])) return null;
    const ref = decode(parts[0]);
    if (!ref) return null;
    const index = Number(parts[1]);
    return { ref, index, quotedAt: new Date(parseInt(parts[2], 36) * 1000), rateId: this.rateIds(ref)(index) };
  }

  /** The id's dot-separated parts before its signature, when it has `count` parts and a genuine signature. */
  private verified(id: string, prefix: string, count: number): string[] | null {
    if (!id.startsWith(prefix) || id.length > 200) return null;
    const parts = id.slice(prefix.length).split('.');
    if (parts.length !== count) return null;
    const signature = parts.pop()!;
    const expected = Buffer.from(this.sign(parts.join('.')));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given) ? parts : null;
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.secret)
      .update(`sandbox-stays:${payload}`)
      .digest()
      .subarray(0, 16)
      .toString('base64url');
  }
}

const seconds = (at: Date) => Math.floor(at.getTime() / 1000).toString(36);

function encode({ propertyKey, stay, searchedAt }: SandboxResultRef): string {
  const nights = Math.round(
    (Date.parse(`${stay.checkOutDate}T00:00:00Z`) - Date.parse(`${stay.checkInDate}T00:00:00Z`)) / 86_400_000,
  );
  const checkIn = stay.checkInDate.slice(2).replace(/-/g, '');
  return `1~${propertyKey}~${checkIn}${nights.toString(36).padStart(2, '0')}~${stay.rooms}${stay.guests}~${seconds(searchedAt)}`;
}

function decode(payload: string): SandboxResultRef | null {
  const match = PAYLOAD.exec(payload);
  if (!match) return null;
  const [, propertyKey, checkIn, nights, rooms, guests, searched] = match;
  const checkInDate = `20${checkIn.slice(0, 2)}-${checkIn.slice(2, 4)}-${checkIn.slice(4, 6)}`;
  const start = Date.parse(`${checkInDate}T00:00:00Z`);
  if (Number.isNaN(start)) return null;
  const checkOutDate = new Date(start + parseInt(nights, 36) * 86_400_000).toISOString().slice(0, 10);
  return {
    propertyKey,
    stay: { checkInDate, checkOutDate, rooms: Number(rooms), guests: Number(guests) },
    searchedAt: new Date(parseInt(searched, 36) * 1000),
  };
}
