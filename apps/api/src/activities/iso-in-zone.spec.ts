import { DateTime } from 'luxon';
import { isoInZone } from './iso-in-zone';

const luxon = (instant: Date, zone: string) => DateTime.fromJSDate(instant, { zone }).toISO();

describe('isoInZone', () => {
  // Whole-hour, half-hour and 45-minute offsets, half-hour DST (Lord Howe), southern DST, and the
  // spellings Luxon treats as fixed UTC ("Z") or as an IANA zone ("+00:00").
  const zones = [
    'Europe/Berlin',
    'America/New_York',
    'America/St_Johns',
    'Asia/Kathmandu',
    'Australia/Lord_Howe',
    'Pacific/Chatham',
    'America/Santiago',
    'Europe/London',
    'UTC',
    'Etc/UTC',
    'Asia/Tokyo',
  ];

  it('writes what Luxon writes, minute by minute across DST transitions, twice (cached offsets)', () => {
    const days = ['2026-03-08', '2026-03-29', '2026-04-05', '2026-09-27', '2026-10-04', '2026-10-25', '2026-11-01'];
    for (let pass = 0; pass < 2; pass += 1) {
      for (const zone of zones) {
        for (const day of days) {
          const start = Date.parse(`${day}T00:00:00Z`) - 14 * 3_600_000;
          for (let ts = start; ts < start + 40 * 3_600_000; ts += 7 * 60_000 + 13_001) {
            expect(isoInZone(new Date(ts), zone)).toBe(luxon(new Date(ts), zone));
          }
        }
      }
    }
  });

  it('falls back to Luxon for far years and unknown zones', () => {
    expect(isoInZone(new Date('0500-01-01T00:00:00Z'), 'Europe/Berlin')).toBe(
      luxon(new Date('0500-01-01T00:00:00Z'), 'Europe/Berlin'),
    );
    expect(isoInZone(new Date('1850-06-01T12:00:00Z'), 'Europe/Berlin')).toBe(
      luxon(new Date('1850-06-01T12:00:00Z'), 'Europe/Berlin'),
    );
    expect(isoInZone(new Date('2026-06-01T12:00:00Z'), 'Not/AZone')).toBe(
      luxon(new Date('2026-06-01T12:00:00Z'), 'Not/AZone'),
    );
  });
});
