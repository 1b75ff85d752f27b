import { initialDay, initialTripView, tripViewReducer, type TripView } from './trip-view';

const view = (changes: Partial<TripView> = {}): TripView => ({ ...initialTripView(null), ...changes });

describe('trip page view state', () => {
  it('choosing a day clears the highlighted activity; choosing an activity moves to its day', () => {
    expect(tripViewReducer(view({ highlightedId: 'a1' }), { type: 'selectDay', date: '2026-03-11' })).toMatchObject({
      selectedDay: '2026-03-11',
      highlightedId: null,
    });
    expect(tripViewReducer(view(), { type: 'selectActivity', id: 'a2', date: '2026-03-12' })).toMatchObject({
      selectedDay: '2026-03-12',
      highlightedId: 'a2',
    });
  });

  it('opening a form stops picking on the map; a new activity moves to its day, an edit stays', () => {
    const picking = view({ selectedDay: '2026-03-10', picking: true, pickedPoint: { latitude: 1, longitude: 2 } });
    expect(tripViewReducer(picking, { type: 'edit', editing: { kind: 'new', date: '2026-03-12' } })).toMatchObject({
      editing: { kind: 'new', date: '2026-03-12' },
      selectedDay: '2026-03-12',
      picking: false,
      pickedPoint: null,
    });
    expect(tripViewReducer(picking, { type: 'edit', editing: { kind: 'edit', id: 'a1' } })).toMatchObject({
      selectedDay: '2026-03-10',
      picking: false,
    });
  });

  it('a saved activity closes the form and is shown highlighted on its day', () => {
    const editing = view({ editing: { kind: 'edit', id: 'a1' }, picking: true });
    expect(tripViewReducer(editing, { type: 'saved', id: 'a1', date: '2026-03-13' })).toMatchObject({
      editing: null,
      picking: false,
      highlightedId: 'a1',
      selectedDay: '2026-03-13',
    });
  });

  it('a point picked on the map ends picking; a trip action notice clears the last action error', () => {
    expect(
      tripViewReducer(view({ picking: true }), { type: 'picked', point: { latitude: 52.5, longitude: 13.4 } }),
    ).toMatchObject({ picking: false, pickedPoint: { latitude: 52.5, longitude: 13.4 } });
    expect(tripViewReducer(view({ actionError: 'Failed' }), { type: 'notice', notice: 'action:submit' })).toMatchObject(
      { notice: 'action:submit', actionError: null },
    );
  });

  it('opens on today when travelling, else on the first day with activities, else on the first day', () => {
    const days = [
      { date: '2026-03-10', activities: [] },
      { date: '2026-03-11', activities: [{}] },
      { date: '2026-03-12', activities: [] },
    ];
    expect(initialDay(days, '2026-03-12')).toBe('2026-03-12');
    expect(initialDay(days, '2026-01-01')).toBe('2026-03-11');
    expect(initialDay([{ date: '2026-03-10', activities: [] }], '2026-01-01')).toBe('2026-03-10');
    expect(initialDay([], '2026-01-01')).toBeNull();
  });
});
