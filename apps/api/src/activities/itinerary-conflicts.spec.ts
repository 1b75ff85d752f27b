import { detectConflicts, ItineraryItem, requiredTravelMinutes } from './itinerary-conflicts';

const BERLIN = { latitude: 52.52, longitude: 13.405 };
const POTSDAM = { latitude: 52.39, longitude: 13.065 };
const NEW_YORK = { latitude: 40.7128, longitude: -74.006 };
const NOWHERE = { latitude: null, longitude: null };

function item(id: string, start: string, end: string | null, place: { latitude: number | null; longitude: number | null } = NOWHERE): ItineraryItem {
  return { id, title: id, startsAt: new Date(start), endsAt: end ? new Date(end) : null, ...place };
}

describe('itinerary conflicts', () => {
  it('reports overlapping activities', () => {
    const conflicts = detectConflicts([item('a', '2026-03-10T09:00Z', '2026-03-10T11:00Z'), item('b', '2026-03-10T10:00Z', '2026-03-10T12:00Z')]);
    expect(conflicts).toEqual([expect.objectContaining({ type: 'overlap', activityIds: ['a', 'b'] })]);
  });

  it('does not treat back-to-back activities as overlapping', () => {
    expect(detectConflicts([item('a', '2026-03-10T09:00Z', '2026-03-10T10:00Z'), item('b', '2026-03-10T10:00Z', '2026-03-10T11:00Z')])).toEqual([]);
  });

  it('treats an activity without an end as a point inside whatever is running', () => {
    const conflicts = detectConflicts([item('meeting', '2026-03-10T09:00Z', '2026-03-10T11:00Z'), item('call', '2026-03-10T10:00Z', null)]);
    expect(conflicts.map((c) => c.activityIds)).toEqual([['meeting', 'call']]);
    expect(detectConflicts([item('x', '2026-03-10T09:00Z', null), item('y', '2026-03-10T09:30Z', null)])).toEqual([]);
  });

  it('reports every overlapping pair, whatever the input order', () => {
    const conflicts = detectConflicts([
      item('c', '2026-03-10T10:30Z', '2026-03-10T11:30Z'),
      item('a', '2026-03-10T09:00Z', '2026-03-10T12:00Z'),
      item('b', '2026-03-10T10:00Z', '2026-03-10T11:00Z'),
    ]);
    expect(conflicts.map((c) => c.activityIds)).toEqual([['a', 'b'], ['a', 'c'], ['b', 'c']]);
  });

  it('flags Berlin to New York within an hour as impossible travel', () => {
    const conflicts = detectConflicts([item('berlin', '2026-03-10T09:00Z', '2026-03-10T10:00Z', BERLIN), item('nyc', '2026-03-10T11:00Z', null, NEW_YORK)]);
    expect(conflicts).toEqual([expect.objectContaining({ type: 'impossible_travel', activityIds: ['berlin', 'nyc'], availableMinutes: 60 })]);
    expect(conflicts[0].distanceKm).toBeGreaterThan(6000);
    expect(conflicts[0].requiredMinutes).toBeGreaterThan(500);
  });

  it('accepts Berlin to Potsdam in two hours, and skips activities without coordinates', () => {
    expect(detectConflicts([item('berlin', '2026-03-10T09:00Z', '2026-03-10T10:00Z', BERLIN), item('potsdam', '2026-03-10T12:00Z', null, POTSDAM)])).toEqual([]);
    expect(detectConflicts([item('berlin', '2026-03-10T09:00Z', '2026-03-10T10:00Z', BERLIN), item('unknown', '2026-03-10T10:05Z', null)])).toEqual([]);
  });

  it('checks travel between located activities even with an unlocated one in between', () => {
    const conflicts = detectConflicts([
      item('berlin', '2026-03-10T09:00Z', '2026-03-10T10:00Z', BERLIN),
      item('call', '2026-03-10T10:15Z', '2026-03-10T10:30Z'),
      item('nyc', '2026-03-10T11:00Z', null, NEW_YORK),
    ]);
    expect(conflicts).toEqual([expect.objectContaining({ type: 'impossible_travel', activityIds: ['berlin', 'nyc'] })]);
  });

  it('flags Berlin to Potsdam back to back', () => {
    const conflicts = detectConflicts([item('berlin', '2026-03-10T09:00Z', '2026-03-10T10:00Z', BERLIN), item('potsdam', '2026-03-10T10:00Z', null, POTSDAM)]);
    expect(conflicts[0]).toMatchObject({ type: 'impossible_travel', availableMinutes: 0 });
  });

  it('uses ground speed up to 300 km and flight time plus airport overhead beyond', () => {
    expect(requiredTravelMinutes(0.5)).toBe(0);
    expect(requiredTravelMinutes(80)).toBe(60);
    expect(requiredTravelMinutes(800)).toBe(180);
  });
});
