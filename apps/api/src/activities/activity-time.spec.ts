import { activityTimeProblem, endsAfterStart, isValidTimeZone, isWithinTripDates, localParts } from './activity-time';

const trip = { startDate: '2026-03-09', endDate: '2026-03-12' };

describe('activity time rules', () => {
  describe('isWithinTripDates', () => {
    it("reads the trip's last day in the activity's zone: 23:30 in Tokyo is inside, 00:30 the next day is not", () => {
      const lateEvening = '2026-03-12T23:30:00+09:00';
      const afterMidnight = '2026-03-13T00:30:00+09:00';
      expect(new Date(lateEvening).toISOString()).toBe('2026-03-12T14:30:00.000Z');
      expect(isWithinTripDates({ startsAt: lateEvening, timezone: 'Asia/Tokyo' }, trip)).toBe(true);
      expect(isWithinTripDates({ startsAt: afterMidnight, timezone: 'Asia/Tokyo' }, trip)).toBe(false);
      // Both instants fall on the 12th in UTC: only the activity's zone tells them apart.
      expect(localParts(afterMidnight, 'UTC').date).toBe('2026-03-12');
    });

    it('takes Dates and ISO text in any offset alike', () => {
      const sameInstant = ['2026-03-12T14:30:00Z', '2026-03-12T15:30:00+01:00', new Date('2026-03-12T14:30:00Z')];
      for (const startsAt of sameInstant)
        expect(isWithinTripDates({ startsAt, timezone: 'Asia/Tokyo' }, trip)).toBe(true);
    });

    it('reads the first day in the zone too: early morning in Los Angeles is the previous day in UTC', () => {
      const earlyMorning = '2026-03-09T07:00:00Z'; // 00:00 in Los Angeles (PDT since 8 March)
      expect(isWithinTripDates({ startsAt: earlyMorning, timezone: 'America/Los_Angeles' }, trip)).toBe(true);
      expect(isWithinTripDates({ startsAt: '2026-03-09T06:59:00Z', timezone: 'America/Los_Angeles' }, trip)).toBe(
        false,
      );
    });

    it('includes both ends of the trip and refuses days before or after', () => {
      const at = (startsAt: string) => isWithinTripDates({ startsAt, timezone: 'UTC' }, trip);
      expect(at('2026-03-09T00:00:00Z')).toBe(true);
      expect(at('2026-03-12T23:59:59Z')).toBe(true);
      expect(at('2026-03-08T23:59:59Z')).toBe(false);
      expect(at('2026-03-13T00:00:00Z')).toBe(false);
    });

    it('requires the end inside the trip as well, an end at midnight closing the day before', () => {
      const evening = (endsAt: string) =>
        isWithinTripDates({ startsAt: '2026-03-12T22:00:00+09:00', endsAt, timezone: 'Asia/Tokyo' }, trip);
      expect(evening('2026-03-13T00:00:00+09:00')).toBe(true);
      expect(evening('2026-03-13T00:01:00+09:00')).toBe(false);
    });

    it('reads the end in its own zone: a flight landing in Newark at 23:30 on the last day is inside', () => {
      const flight = {
        startsAt: '2026-03-12T20:00:00+01:00',
        endsAt: '2026-03-12T23:30:00-04:00',
        timezone: 'Europe/Berlin',
      };
      expect(isWithinTripDates({ ...flight, endTimezone: 'America/New_York' }, trip)).toBe(true);
      // Read in Frankfurt, the landing is at 04:30 on the 13th.
      expect(isWithinTripDates(flight, trip)).toBe(false);
      expect(isWithinTripDates({ ...flight, endTimezone: null }, trip)).toBe(false);
    });

    it('accepts a one-day trip', () => {
      const oneDay = { startDate: '2026-03-10', endDate: '2026-03-10' };
      expect(
        isWithinTripDates(
          { startsAt: '2026-03-10T09:00:00+01:00', endsAt: '2026-03-10T17:00:00+01:00', timezone: 'Europe/Berlin' },
          oneDay,
        ),
      ).toBe(true);
    });

    it('refuses an unknown zone or an instant without an offset', () => {
      expect(() => isWithinTripDates({ startsAt: '2026-03-10T10:00:00Z', timezone: 'Mars/Olympus' }, trip)).toThrow(
        RangeError,
      );
      expect(() => isWithinTripDates({ startsAt: '2026-03-10T10:00:00', timezone: 'UTC' }, trip)).toThrow(
        /needs an offset/,
      );
      expect(() => isWithinTripDates({ startsAt: 'soon+01:00', timezone: 'UTC' }, trip)).toThrow(/Not an instant/);
      expect(() => isWithinTripDates({ startsAt: new Date('nope'), timezone: 'UTC' }, trip)).toThrow(/Not an instant/);
    });
  });

  describe('endsAfterStart', () => {
    const start = '2026-03-10T10:00:00Z';
    it('accepts no end, or an end after the start', () => {
      expect(endsAfterStart({ startsAt: start })).toBe(true);
      expect(endsAfterStart({ startsAt: start, endsAt: null })).toBe(true);
      expect(endsAfterStart({ startsAt: start, endsAt: '2026-03-10T10:00:01Z' })).toBe(true);
    });

    it('refuses an end at or before the start, comparing instants rather than wall clocks', () => {
      expect(endsAfterStart({ startsAt: start, endsAt: start })).toBe(false);
      expect(endsAfterStart({ startsAt: start, endsAt: '2026-03-10T09:00:00Z' })).toBe(false);
      // 10:30 in Berlin is 09:30Z: before the start although the clock reads later.
      expect(endsAfterStart({ startsAt: start, endsAt: '2026-03-10T10:30:00+01:00' })).toBe(false);
    });
  });

  describe('activityTimeProblem', () => {
    it('names the first rule broken', () => {
      const inside = {
        startsAt: new Date('2026-03-10T10:00:00Z'),
        endsAt: new Date('2026-03-10T11:00:00Z'),
        timezone: 'UTC',
      };
      expect(activityTimeProblem(inside, trip)).toBeUndefined();
      expect(activityTimeProblem({ ...inside, endsAt: new Date('2026-03-10T09:00:00Z') }, trip)).toBe(
        'ends_before_start',
      );
      expect(activityTimeProblem({ ...inside, endsAt: new Date('2026-03-13T01:00:00Z') }, trip)).toBe(
        'outside_trip_dates',
      );
      expect(
        activityTimeProblem(
          { startsAt: new Date('2026-03-14T10:00:00Z'), endsAt: new Date('2026-03-14T09:00:00Z'), timezone: 'UTC' },
          trip,
        ),
      ).toBe('ends_before_start');
    });
  });

  describe('localParts', () => {
    it("gives the date and wall-clock time in the activity's zone", () => {
      expect(localParts('2026-03-12T14:30:00Z', 'Asia/Tokyo')).toEqual({ date: '2026-03-12', time: '23:30' });
      expect(localParts(new Date('2026-03-12T14:30:00Z'), 'America/New_York')).toEqual({
        date: '2026-03-12',
        time: '10:30',
      });
    });

    it('follows daylight saving time', () => {
      expect(localParts('2026-03-29T00:30:00Z', 'Europe/Berlin').time).toBe('01:30');
      expect(localParts('2026-03-29T01:30:00Z', 'Europe/Berlin').time).toBe('03:30');
    });
  });

  describe('isValidTimeZone', () => {
    it('knows IANA zones and nothing else', () => {
      expect(isValidTimeZone('Europe/Berlin')).toBe(true);
      expect(isValidTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
      expect(isValidTimeZone('UTC')).toBe(true);
      expect(isValidTimeZone('Mars/Olympus')).toBe(false);
      expect(isValidTimeZone('')).toBe(false);
    });
  });
});
