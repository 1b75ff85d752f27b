import { Conflict, detectConflicts, ItineraryItem, requiredTravelMinutes } from './itinerary-conflicts';

const BERLIN = { latitude: 52.52, longitude: 13.405 };
const POTSDAM = { latitude: 52.39, longitude: 13.065 };
const HAMBURG = { latitude: 53.5511, longitude: 9.9937 };
const NEW_YORK = { latitude: 40.7128, longitude: -74.006 };
const NOWHERE = { latitude: null, longitude: null };

type Place = { latitude: number | null; longitude: number | null };

function item(id: string, start: string, end: string | null, place: Place = NOWHERE): ItineraryItem {
  return {
    id,
    title: id,
    startsAt: new Date(`2026-03-10T${start}:00Z`),
    endsAt: end ? new Date(`2026-03-10T${end}:00Z`) : null,
    ...place,
  };
}

const pairs = (conflicts: Conflict[], type: Conflict['type']) =>
  conflicts.filter((c) => c.type === type).map((c) => c.activityIds);

describe('itinerary conflicts', () => {
  describe('overlaps', () => {
    it('reports activities whose times intersect', () => {
      const conflicts = detectConflicts([item('a', '09:00', '11:00'), item('b', '10:00', '12:00')]);
      expect(conflicts).toEqual([{ type: 'overlap', activityIds: ['a', 'b'], message: '"a" overlaps "b"' }]);
    });

    it('does not treat back-to-back activities as overlapping', () => {
      expect(detectConflicts([item('a', '09:00', '10:00'), item('b', '10:00', '11:00')])).toEqual([]);
    });

    it('reports an activity inside another', () => {
      expect(
        pairs(detectConflicts([item('day', '08:00', '18:00'), item('lunch', '12:00', '13:00')]), 'overlap'),
      ).toEqual([['day', 'lunch']]);
    });

    it('treats an activity without an end as a point inside whatever is running', () => {
      expect(
        pairs(detectConflicts([item('meeting', '09:00', '11:00'), item('call', '10:00', null)]), 'overlap'),
      ).toEqual([['meeting', 'call']]);
      expect(detectConflicts([item('meeting', '09:00', '11:00'), item('call', '11:00', null)])).toEqual([]);
      expect(detectConflicts([item('x', '09:00', null), item('y', '09:30', null)])).toEqual([]);
    });

    it('reports activities that start at the same instant, whatever their order or length', () => {
      expect(
        pairs(detectConflicts([item('check-in', '10:00', null), item('meeting', '10:00', '11:00')]), 'overlap'),
      ).toEqual([['check-in', 'meeting']]);
      expect(
        pairs(detectConflicts([item('meeting', '10:00', '11:00'), item('check-in', '10:00', null)]), 'overlap'),
      ).toEqual([['meeting', 'check-in']]);
      expect(pairs(detectConflicts([item('x', '10:00', null), item('y', '10:00', null)]), 'overlap')).toEqual([
        ['x', 'y'],
      ]);
    });

    it('reports every overlapping pair, whatever the input order', () => {
      const conflicts = detectConflicts([
        item('c', '10:30', '11:30'),
        item('a', '09:00', '12:00'),
        item('b', '10:00', '11:00'),
      ]);
      expect(pairs(conflicts, 'overlap')).toEqual([
        ['a', 'b'],
        ['a', 'c'],
        ['b', 'c'],
      ]);
    });

    it('agrees with comparing every pair, on random itineraries', () => {
      let seed = 42;
      const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
      const base = Date.parse('2026-03-10T00:00:00Z');
      for (let round = 0; round < 50; round += 1) {
        const items: ItineraryItem[] = Array.from({ length: 12 }, (_, i) => {
          const start = base + Math.floor(random() * 48) * 15 * 60_000;
          const length = Math.floor(random() * 6) * 30 * 60_000;
          return {
            id: `i${i}`,
            title: `i${i}`,
            startsAt: new Date(start),
            endsAt: length ? new Date(start + length) : null,
            latitude: null,
            longitude: null,
          };
        });
        const end = (x: ItineraryItem) => (x.endsAt ?? x.startsAt).getTime();
        const overlapping = (a: ItineraryItem, b: ItineraryItem) =>
          a.startsAt.getTime() === b.startsAt.getTime() ||
          (a.startsAt.getTime() < end(b) && b.startsAt.getTime() < end(a));
        const expected = items.flatMap((a, i) =>
          items
            .slice(i + 1)
            .filter((b) => overlapping(a, b))
            .map((b) => [a.id, b.id].sort().join('+')),
        );
        const found = pairs(detectConflicts(items), 'overlap').map((ids) => [...ids].sort().join('+'));
        expect(found.sort()).toEqual(expected.sort());
      }
    });
  });

  describe('impossible travel', () => {
    it('flags Berlin to New York within an hour, with distance and minutes', () => {
      const conflicts = detectConflicts([
        item('berlin', '09:00', '10:00', BERLIN),
        item('nyc', '11:00', null, NEW_YORK),
      ]);
      expect(conflicts).toEqual([
        {
          type: 'impossible_travel',
          activityIds: ['berlin', 'nyc'],
          distanceKm: 6385,
          availableMinutes: 60,
          requiredMinutes: 599,
          message: '"berlin" to "nyc" is 6385 km in 60 min; it takes at least 599 min',
        },
      ]);
    });

    it('accepts Berlin to Potsdam in two hours', () => {
      expect(
        detectConflicts([item('berlin', '09:00', '10:00', BERLIN), item('potsdam', '12:00', null, POTSDAM)]),
      ).toEqual([]);
    });

    it('flags Berlin to Potsdam back to back', () => {
      const [conflict] = detectConflicts([
        item('berlin', '09:00', '10:00', BERLIN),
        item('potsdam', '10:00', null, POTSDAM),
      ]);
      expect(conflict).toMatchObject({
        type: 'impossible_travel',
        availableMinutes: 0,
        distanceKm: 27,
        requiredMinutes: 33,
      });
    });

    it('measures the gap from the start of an activity without an end', () => {
      expect(detectConflicts([item('berlin', '09:00', null, BERLIN), item('potsdam', '09:30', null, POTSDAM)])).toEqual(
        [],
      );
    });

    it('leaves 10 minutes of slack and ignores short walks', () => {
      const venueNextDoor = { latitude: 52.525, longitude: 13.41 };
      expect(detectConflicts([item('a', '09:00', '10:00', BERLIN), item('b', '10:00', null, venueNextDoor)])).toEqual(
        [],
      );
      // Berlin to Potsdam (27 km) needs 32.6 min: 23 min is within the slack, 22 min is not.
      expect(
        detectConflicts([item('berlin', '09:00', '10:00', BERLIN), item('potsdam', '10:23', null, POTSDAM)]),
      ).toEqual([]);
      expect(
        pairs(
          detectConflicts([item('berlin', '09:00', '10:00', BERLIN), item('potsdam', '10:22', null, POTSDAM)]),
          'impossible_travel',
        ),
      ).toHaveLength(1);
    });

    it('allows for a flight over longer distances: Berlin to Hamburg (255 km, 139 min) in three hours is fine, in two it is not', () => {
      expect(
        detectConflicts([item('berlin', '08:00', '09:00', BERLIN), item('hamburg', '12:00', null, HAMBURG)]),
      ).toEqual([]);
      expect(
        pairs(
          detectConflicts([item('berlin', '08:00', '09:00', BERLIN), item('hamburg', '11:00', null, HAMBURG)]),
          'impossible_travel',
        ),
      ).toEqual([['berlin', 'hamburg']]);
    });

    it('skips activities without coordinates, checking the located ones on either side', () => {
      expect(detectConflicts([item('berlin', '09:00', '10:00', BERLIN), item('unknown', '10:05', null)])).toEqual([]);
      const conflicts = detectConflicts([
        item('berlin', '09:00', '10:00', BERLIN),
        item('call', '10:15', '10:30'),
        item('nyc', '11:00', null, NEW_YORK),
      ]);
      expect(pairs(conflicts, 'impossible_travel')).toEqual([['berlin', 'nyc']]);
    });

    it('leaves overlapping activities to the overlap check', () => {
      const conflicts = detectConflicts([
        item('berlin', '09:00', '11:00', BERLIN),
        item('nyc', '10:00', null, NEW_YORK),
      ]);
      expect(conflicts.map((c) => c.type)).toEqual(['overlap']);
      expect(
        detectConflicts([item('berlin', '09:00', null, BERLIN), item('nyc', '09:00', null, NEW_YORK)]).map(
          (c) => c.type,
        ),
      ).toEqual(['overlap']);
    });

    it('checks consecutive activities in start order, not in list order', () => {
      const conflicts = detectConflicts([
        item('nyc', '11:00', null, NEW_YORK),
        item('berlin', '09:00', '10:00', BERLIN),
      ]);
      expect(pairs(conflicts, 'impossible_travel')).toEqual([['berlin', 'nyc']]);
    });
  });

  describe('requiredTravelMinutes', () => {
    it('drives at 50 km/h in town and 100 km/h beyond 50 km', () => {
      expect(requiredTravelMinutes(0)).toBe(0);
      expect(requiredTravelMinutes(25)).toBe(30);
      expect(requiredTravelMinutes(50)).toBe(60);
      expect(requiredTravelMinutes(150)).toBe(120);
    });

    it('flies at 800 km/h plus two hours of airports once that is quicker', () => {
      expect(requiredTravelMinutes(800)).toBe(180);
      expect(requiredTravelMinutes(6385)).toBeCloseTo(598.9, 1);
    });

    it('never asks more time for a shorter distance', () => {
      for (let km = 1; km < 2000; km += 1)
        expect(requiredTravelMinutes(km)).toBeGreaterThanOrEqual(requiredTravelMinutes(km - 1));
    });
  });

  it('handles a long itinerary quickly', () => {
    const day = Date.parse('2026-03-10T00:00:00Z');
    const items: ItineraryItem[] = Array.from({ length: 20_000 }, (_, i) => ({
      id: `a${i}`,
      title: `a${i}`,
      startsAt: new Date(day + i * 3_600_000),
      endsAt: new Date(day + i * 3_600_000 + 1_800_000),
      ...(i % 2 ? BERLIN : POTSDAM),
    }));
    const started = performance.now();
    expect(detectConflicts(items.reverse())).toEqual([]);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
