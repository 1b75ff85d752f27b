import { legendEntries, pinLabel, type PinDay } from './pin-labels';

const days: PinDay[] = [
  {
    date: '2026-03-02',
    dayNumber: 1,
    label: 'Mon 2 Mar',
    activities: [
      { id: 'a', number: 1 },
      { id: 'b', number: 2 },
    ],
  },
  { date: '2026-03-03', dayNumber: 2, label: 'Tue 3 Mar', activities: [{ id: 'c', number: 1 }] },
  { date: '2026-03-04', dayNumber: 3, label: 'Wed 4 Mar', activities: [] },
  { date: '2026-03-09', dayNumber: null, label: 'Mon 9 Mar', activities: [{ id: 'd', number: 1 }] },
];
const labelsWith = (selectedDay: string | null) =>
  days.flatMap((day) => day.activities.map((activity) => pinLabel(day, activity.number, selectedDay)));

describe('map pin labels', () => {
  it('never give two pins the same label while every day is on the map (each day numbers from 1)', () => {
    for (const selected of [null, '2026-03-02', '2026-03-03']) {
      const labels = labelsWith(selected);
      expect(new Set(labels).size).toBe(labels.length);
    }
  });

  it("number the selected day's pins as its timeline does and prefix the other days' pins with their day", () => {
    expect(labelsWith('2026-03-03')).toEqual(['1·1', '1·2', '1', '+·1']);
    expect(labelsWith(null)).toEqual(['1·1', '1·2', '2·1', '+·1']);
  });

  it('list in the legend the days that have pins, with their prefix and the selected one marked', () => {
    expect(legendEntries(days, '2026-03-02')).toEqual([
      { date: '2026-03-02', prefix: '1', label: 'Mon 2 Mar', selected: true },
      { date: '2026-03-03', prefix: '2', label: 'Tue 3 Mar', selected: false },
      { date: '2026-03-09', prefix: '+', label: 'Mon 9 Mar', selected: false },
    ]);
  });
});
