import { DateTime, IANAZone, Info } from 'luxon';

const BUCKET_MS = 15 * 60_000;
const MAX_CACHED_OFFSETS = 50_000;
/** `zone bucket` → the zone's UTC offset in minutes throughout that quarter hour. */
const offsets = new Map<string, number>();

/**
 * An instant as ISO 8601 with the offset of `zone` ("2026-03-12T23:30:00.000+09:00"), exactly as
 * Luxon's `DateTime.fromJSDate(instant, { zone }).toISO()` writes it, so clients see the local wall
 * time. Luxon asks Intl for the zone's offset on every call, which was the itinerary's largest cost
 * (docs/performance.md); here the offset is remembered per zone and quarter hour (UTC), and only
 * for a quarter hour that has one offset from start to end — a quarter hour holding a transition
 * is asked every time, so a remembered offset is never wrong. Anything unusual goes to Luxon.
 */
export function isoInZone(instant: Date, zoneName: string): string {
  const zone = Info.normalizeZone(zoneName);
  const ts = instant.getTime();
  if (!(zone instanceof IANAZone) || !zone.isValid || Number.isNaN(ts))
    return DateTime.fromJSDate(instant, { zone: zoneName }).toISO()!;
  const offset = offsetAt(zone, ts);
  const local = new Date(ts + offset * 60_000);
  const year = local.getUTCFullYear();
  if (year < 1000 || year > 9999) return DateTime.fromJSDate(instant, { zone: zoneName }).toISO()!;
  const sign = offset >= 0 ? '+' : '-';
  return (
    `${year}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:` +
    `${pad(local.getUTCSeconds())}.${String(local.getUTCMilliseconds()).padStart(3, '0')}` +
    `${sign}${pad(Math.trunc(Math.abs(offset / 60)))}:${pad(Math.trunc(Math.abs(offset % 60)))}`
  );
}

/** The UTC offset of an IANA zone at an instant, in minutes, remembered as `isoInZone` does. */
export function zoneOffsetMinutes(zoneName: string, ts: number): number {
  const zone = Info.normalizeZone(zoneName);
  return zone instanceof IANAZone && zone.isValid ? offsetAt(zone, ts) : zone.offset(ts);
}

function offsetAt(zone: IANAZone, ts: number): number {
  const bucket = Math.floor(ts / BUCKET_MS);
  const key = `${zone.name} ${bucket}`;
  const known = offsets.get(key);
  if (known !== undefined) return known;
  const atStart = zone.offset(bucket * BUCKET_MS);
  if (atStart !== zone.offset((bucket + 1) * BUCKET_MS - 1)) return zone.offset(ts);
  if (offsets.size >= MAX_CACHED_OFFSETS) offsets.clear();
  offsets.set(key, atStart);
  return atStart;
}

const pad = (value: number) => String(value).padStart(2, '0');
