import type { Activity } from './itinerary-days';
import { createActivityBody } from '../api/contract';
import { activityToFormValues, formValuesToActivityBody } from './activity-form-values';

const stored: Activity = {
  id: 'a1',
  tripId: 't1',
  title: 'Flight to Tokyo',
  type: 'flight',
  startsAt: '2026-03-10T11:05:00+01:00',
  endsAt: '2026-03-11T07:35:00+01:00',
  timezone: 'Europe/Berlin',
  endTimezone: null,
  locationName: 'BER',
  latitude: 52.36,
  longitude: 13.5,
  notes: null,
  cost: { amount: '812.40', currency: 'EUR' },
  bookingReference: 'LH2Q8X',
  position: 0,
  version: 1,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};

describe('activity form values', () => {
  it('shows stored instants as wall times in the activity zone, and sends them back unchanged', () => {
    const values = activityToFormValues(stored, { date: '2026-03-10', timezone: 'Asia/Tokyo', currency: 'JPY' });
    expect(values).toMatchObject({
      startDate: '2026-03-10',
      startTime: '11:05',
      endDate: '2026-03-11',
      endTime: '07:35',
      timezone: 'Europe/Berlin',
      latitude: '52.36',
    });
    expect(formValuesToActivityBody(values)).toEqual({
      title: 'Flight to Tokyo',
      type: 'flight',
      timezone: 'Europe/Berlin',
      endTimezone: null,
      startsAt: '2026-03-10T11:05:00+01:00',
      endsAt: '2026-03-11T07:35:00+01:00',
      locationName: 'BER',
      latitude: 52.36,
      longitude: 13.5,
      notes: null,
      cost: { amount: '812.40', currency: 'EUR' },
      bookingReference: 'LH2Q8X',
    });
  });

  it("starts a new activity on the chosen day in the trip's zone", () => {
    const values = activityToFormValues(null, { date: '2026-03-12', timezone: 'Asia/Tokyo', currency: 'JPY' });
    const body = createActivityBody(
      formValuesToActivityBody({ ...values, title: 'Dinner', type: 'meal', startTime: '19:30' }),
    );
    expect(body).toEqual({
      title: 'Dinner',
      type: 'meal',
      timezone: 'Asia/Tokyo',
      startsAt: '2026-03-12T19:30:00+09:00',
    });
  });

  it('shows and sends the end of a flight in its arrival zone (Frankfurt → Newark)', () => {
    const flight = {
      ...stored,
      startsAt: '2026-03-12T20:00:00.000+01:00',
      endsAt: '2026-03-12T23:30:00.000-04:00',
      endTimezone: 'America/New_York',
    };
    const values = activityToFormValues(flight, { date: '2026-03-12', timezone: 'Europe/Berlin', currency: 'EUR' });
    expect(values).toMatchObject({
      startTime: '20:00',
      endDate: '2026-03-12',
      endTime: '23:30',
      endTimezone: 'America/New_York',
    });
    expect(formValuesToActivityBody(values)).toMatchObject({
      timezone: 'Europe/Berlin',
      endTimezone: 'America/New_York',
      startsAt: '2026-03-12T20:00:00+01:00',
      endsAt: '2026-03-12T23:30:00-04:00',
    });
    // 13:00 in Newark comes before 20:00 in Frankfurt (17:00 and 19:00 UTC): compared as instants.
    expect(() => formValuesToActivityBody({ ...values, endTime: '13:00' })).toThrow();
    // The same zone twice is no end zone.
    expect(formValuesToActivityBody({ ...values, endTimezone: 'Europe/Berlin' }).endTimezone).toBeNull();
  });
});
