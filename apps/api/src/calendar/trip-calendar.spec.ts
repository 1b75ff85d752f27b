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

  it("writes activities in their own zone with a VTIMEZONE, at the right instant", () => {
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
