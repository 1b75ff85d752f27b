import * as ical from 'node-ical';
import type { Activity } from '../activities/activity.entity';
import type { Trip } from '../trips/trip.entity';
import { TripStatus } from '../trips/trip-status.machine';
import { buildCalendar } from './trip-calendar';

const trip = {
  id: '11111111-1111-4111-8111-111111111111',
  title: 'Tokyo partner summit',
  destination: 'Tokyo',
  purpose: 'Meet partners',
  startDate: '2026-03-09',
  endDate: '2026-03-12',
  status: TripStatus.Approved,
} as Trip;

const dinner = {
  id: '22222222-2222-4222-8222-222222222222',
  title: 'Late dinner',
  startsAt: new Date('2026-03-12T23:30:00+09:00'),
  endsAt: new Date('2026-03-13T00:30:00+09:00'),
  timezone: 'Asia/Tokyo',
  locationName: 'Ginza',
  latitude: 35.6717,
  longitude: 139.765,
  notes: null,
  bookingReference: 'ABC123',
} as Activity;

describe('trip calendar', () => {
  const text = buildCalendar('NestMap', [{ trip, activities: [dinner] }]);
  const parsed = ical.sync.parseICS(text);
  const events = Object.values(parsed).filter((item) => item?.type === 'VEVENT') as ical.VEvent[];

  it('is a VCALENDAR with one all-day span for the trip and one event per activity', () => {
    expect(text.startsWith('BEGIN:VCALENDAR')).toBe(true);
    expect(events).toHaveLength(2);
  });

  it('spans the trip over whole days, end exclusive', () => {
    const span = events.find((event) => event.uid === `trip-${trip.id}@nestmap`)!;
    expect(span.datetype).toBe('date');
    expect(text).toContain('DTSTART;VALUE=DATE:20260309');
    expect(text).toContain('DTEND;VALUE=DATE:20260313');
  });

  it('writes activities in their own zone with a VTIMEZONE, at the right instant', () => {
    expect(text).toContain('DTSTART;TZID=Asia/Tokyo:20260312T233000');
    expect(text).toMatch(/BEGIN:VTIMEZONE\r?\nTZID:Asia\/Tokyo/);
    const event = events.find((item) => item.uid === `${dinner.id}@nestmap`)!;
    expect(new Date(event.start!).toISOString()).toBe('2026-03-12T14:30:00.000Z');
    expect(new Date(event.end!).toISOString()).toBe('2026-03-12T15:30:00.000Z');
    expect(event.summary).toBe('Late dinner');
    expect(String(event.location)).toContain('Ginza');
    expect(event.description).toContain('ABC123');
  });
});

describe('trip calendar: an activity ending in another zone (a flight)', () => {
  const flight = {
    ...dinner,
    id: '33333333-3333-4333-8333-333333333333',
    title: 'LH 402 FRA→EWR',
    startsAt: new Date('2026-03-12T20:00:00+01:00'),
    endsAt: new Date('2026-03-12T23:30:00-04:00'),
    timezone: 'Europe/Berlin',
    endTimezone: 'America/New_York',
  } as Activity;
  const text = buildCalendar('NestMap', [
    { trip, activities: [flight, { ...dinner, endTimezone: 'Asia/Tokyo' } as Activity] },
  ]);
  const events = Object.values(ical.sync.parseICS(text)).filter((item) => item?.type === 'VEVENT') as ical.VEvent[];

  it('starts in the departure zone and ends in the arrival zone, each with its VTIMEZONE', () => {
    expect(text).toContain('DTSTART;TZID=Europe/Berlin:20260312T200000');
    expect(text).toContain('DTEND;TZID=America/New_York:20260312T233000');
    expect(text).toMatch(/BEGIN:VTIMEZONE\r\nTZID:Europe\/Berlin/);
    expect(text).toMatch(/BEGIN:VTIMEZONE\r\nTZID:America\/New_York/);
    const event = events.find((item) => item.uid === `${flight.id}@nestmap`)!;
    expect(new Date(event.start!).toISOString()).toBe('2026-03-12T19:00:00.000Z');
    expect(new Date(event.end!).toISOString()).toBe('2026-03-13T03:30:00.000Z');
  });

  it('leaves an end zone equal to the start zone as it was', () => {
    expect(text).toContain('DTEND;TZID=Asia/Tokyo:20260313T003000');
    expect(text.match(/TZID:Asia\/Tokyo\r\n/g)).toHaveLength(1);
  });
});

describe('trip calendar: text cannot inject properties or events (RFC 5545 §3.1, §3.3.11)', () => {
  const PAYLOAD = 'Inj\r\nATTENDEE:mailto:evil@x.test\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:injected';
  const hostileTrip = { ...trip, title: PAYLOAD, destination: PAYLOAD, purpose: PAYLOAD } as Trip;
  const hostileActivity = {
    ...dinner,
    title: PAYLOAD,
    locationName: PAYLOAD,
    notes: PAYLOAD,
    bookingReference: `${PAYLOAD}\u000b;,\\`,
  } as Activity;
  const text = buildCalendar(PAYLOAD, [{ trip: hostileTrip, activities: [hostileActivity] }]);
  const unfolded = text.replace(/\r\n[ \t]/g, '').split('\r\n');
  const parsed = ical.sync.parseICS(text);
  const events = Object.values(parsed).filter((item) => item?.type === 'VEVENT') as ical.VEvent[];

  it('has exactly the trip span and the activity, with no attendee', () => {
    expect(events.map((event) => event.uid).sort()).toEqual([`${dinner.id}@nestmap`, `trip-${trip.id}@nestmap`].sort());
    expect(unfolded.filter((line) => line === 'BEGIN:VEVENT')).toHaveLength(2);
    expect(unfolded.filter((line) => line === 'END:VEVENT')).toHaveLength(2);
    expect(unfolded.filter((line) => /^(ATTENDEE|SUMMARY:injected)/.test(line))).toEqual([]);
    expect(events.some((event) => 'attendee' in event)).toBe(false);
  });

  it('escapes the calendar name (NAME, X-WR-CALNAME) and keeps the text readable', () => {
    const escaped = 'Inj\\nATTENDEE:mailto:evil@x.test\\nEND:VEVENT\\nBEGIN:VEVENT\\nSUMMARY:injected';
    expect(unfolded).toContain(`NAME:${escaped}`);
    expect(unfolded).toContain(`X-WR-CALNAME:${escaped}`);
    const span = events.find((event) => event.uid === `trip-${trip.id}@nestmap`)!;
    expect(span.summary).toBe(`${PAYLOAD.replace(/\r\n/g, '\n')} (${PAYLOAD.replace(/\r\n/g, '\n')})`);
    const activity = events.find((event) => event.uid === `${dinner.id}@nestmap`)!;
    expect(activity.summary).toBe(PAYLOAD.replace(/\r\n/g, '\n'));
    expect(activity.description).toContain('Booking reference: Inj\nATTENDEE');
  });

  it('folds every line at 75 octets and leaves no control character but CRLF', () => {
    for (const line of text.split('\r\n')) {
      expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
      // eslint-disable-next-line no-control-regex -- looking for control characters
      expect(line).not.toMatch(/[\u0000-\u0008\u000a-\u001f\u007f]/);
    }
  });
});
