import {
  addDays,
  daysBetween,
  eachDay,
  formatDateRange,
  formatWallTime,
  formatDay,
  offsetMinutesAt,
  today,
  wallTimeOf,
  wallTimeToIso,
  zoneCity,
} from './zoned-time';

describe('wallTimeOf', () => {
  it('reads an instant in the zone it is shown in, not the browser zone', () => {
    expect(wallTimeOf('2026-03-10T09:30:00+01:00', 'Europe/Berlin')).toEqual({ date: '2026-03-10', time: '09:30' });
    expect(wallTimeOf('2026-03-10T09:30:00+01:00', 'Asia/Tokyo')).toEqual({ date: '2026-03-10', time: '17:30' });
    expect(wallTimeOf('2026-03-10T23:30:00+09:00', 'Asia/Tokyo')).toEqual({ date: '2026-03-10', time: '23:30' });
    expect(wallTimeOf('2026-03-10T23:30:00+09:00', 'UTC')).toEqual({ date: '2026-03-10', time: '14:30' });
  });

  it('handles midnight and zones west of UTC', () => {
    expect(wallTimeOf('2026-07-01T04:00:00Z', 'America/New_York')).toEqual({ date: '2026-07-01', time: '00:00' });
    expect(wallTimeOf('2026-07-01T03:59:00Z', 'America/New_York')).toEqual({ date: '2026-06-30', time: '23:59' });
  });
});

describe('wallTimeToIso', () => {
  it('adds the zone offset in force on that date (winter and summer time)', () => {
    expect(wallTimeToIso('2026-03-10', '09:30', 'Europe/Berlin')).toBe('2026-03-10T09:30:00+01:00');
    expect(wallTimeToIso('2026-07-10', '09:30', 'Europe/Berlin')).toBe('2026-07-10T09:30:00+02:00');
    expect(wallTimeToIso('2026-01-15', '18:00', 'America/New_York')).toBe('2026-01-15T18:00:00-05:00');
    expect(wallTimeToIso('2026-01-15', '08:00', 'Asia/Kathmandu')).toBe('2026-01-15T08:00:00+05:45');
    expect(wallTimeToIso('2026-01-15', '08:00', 'UTC')).toBe('2026-01-15T08:00:00+00:00');
  });

  it('round-trips with wallTimeOf', () => {
    for (const zone of ['Europe/London', 'Asia/Tokyo', 'America/Los_Angeles', 'Australia/Sydney', 'Pacific/Auckland']) {
      const iso = wallTimeToIso('2026-10-04', '07:15', zone);
      expect(wallTimeOf(iso, zone)).toEqual({ date: '2026-10-04', time: '07:15' });
    }
  });

  it('moves a time skipped by the spring-forward change forward by the gap', () => {
    // Berlin, 29 March 2026: 02:00 → 03:00; 02:30 does not exist.
    expect(wallTimeToIso('2026-03-29', '02:30', 'Europe/Berlin')).toBe('2026-03-29T03:30:00+02:00');
  });

  it('gives an instant for a time that happens twice when clocks go back', () => {
    const iso = wallTimeToIso('2026-10-25', '02:30', 'Europe/Berlin');
    expect(wallTimeOf(iso, 'Europe/Berlin')).toEqual({ date: '2026-10-25', time: '02:30' });
  });
});

describe('offsetMinutesAt', () => {
  it('is positive east of Greenwich and negative west', () => {
    expect(offsetMinutesAt(Date.UTC(2026, 0, 1), 'Asia/Tokyo')).toBe(540);
    expect(offsetMinutesAt(Date.UTC(2026, 0, 1), 'America/New_York')).toBe(-300);
  });
});

describe('calendar dates', () => {
  it('lists every day of a trip, month ends included', () => {
    expect(eachDay('2026-02-27', '2026-03-02')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    expect(eachDay('2026-03-10', '2026-03-10')).toEqual(['2026-03-10']);
    expect(eachDay('2026-03-10', '2026-03-09')).toEqual([]);
  });

  it('counts and adds days', () => {
    expect(daysBetween('2026-03-01', '2026-03-08')).toBe(7);
    expect(daysBetween('2026-03-08', '2026-03-01')).toBe(-7);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('formats a date without shifting it by the browser zone', () => {
    expect(formatDay('2026-03-10')).toBe('Tue 10 Mar');
    expect(formatDay('2026-03-10', 'en-GB', true)).toBe('Tue, 10 Mar 2026');
  });

  // Intl puts thin and narrow no-break spaces around the dash and before "PM".
  const plain = (text: string) => text.replace(/\s/g, ' ');

  it('formats ranges compactly', () => {
    expect(plain(formatDateRange('2026-03-09', '2026-03-12'))).toBe('9 – 12 Mar 2026');
    // Chromium writes plain spaces around the dash: the server's (Node's ICU) text must match it.
    expect(formatDateRange('2026-03-09', '2026-03-12', 'en-US')).toBe('Mar 9 – 12, 2026');
    expect(plain(formatDateRange('2026-03-30', '2026-04-02'))).toBe('30 Mar – 2 Apr 2026');
    expect(plain(formatDateRange('2026-12-28', '2027-01-03'))).toBe('28 Dec 2026 – 3 Jan 2027');
    expect(plain(formatDateRange('2026-03-09', '2026-03-09'))).toBe('9 Mar 2026');
  });

  it('writes ranges and times in the locale the browser names, not always the British way', () => {
    expect(plain(formatDateRange('2026-03-09', '2026-03-12', 'en-US'))).toBe('Mar 9 – 12, 2026');
    expect(plain(formatDateRange('2026-03-09', '2026-03-12', 'de-DE'))).toBe('9.–12. März 2026');
    expect(plain(formatWallTime('19:30', 'en-US'))).toBe('7:30 PM');
    expect(plain(formatWallTime('19:30', 'de-DE'))).toBe('19:30');
    expect(plain(formatWallTime('09:05'))).toBe('09:05');
    Object.defineProperty(window.navigator, 'language', { value: 'en-US', configurable: true });
    try {
      expect(formatDay('2026-03-10')).toBe('Tue, Mar 10');
      expect(plain(formatWallTime('19:30'))).toBe('7:30 PM');
    } finally {
      Object.defineProperty(window.navigator, 'language', { value: 'en-GB', configurable: true });
    }
  });

  it("knows today's date in a given zone", () => {
    const instant = new Date('2026-03-10T23:30:00Z');
    expect(today('Asia/Tokyo', instant)).toBe('2026-03-11');
    expect(today('America/New_York', instant)).toBe('2026-03-10');
  });

  it('names a zone by its city', () => {
    expect(zoneCity('America/New_York')).toBe('New York');
  });
});
