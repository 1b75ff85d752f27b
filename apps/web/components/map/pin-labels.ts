export interface PinDay {
  date: string;
  /** Day of the trip (1-based); null for a day outside the trip's dates. */
  dayNumber: number | null;
  label: string;
  activities: { id: string; number: number }[];
}

/** What a day is called in pin labels and the legend: its trip day number, `+` outside the trip. */
export const dayPrefix = (day: Pick<PinDay, 'dayNumber'>) => (day.dayNumber === null ? '+' : String(day.dayNumber));

/**
 * A pin's label. The selected day's pins carry their number in the day's timeline; every other
 * pin is prefixed with its day ("2·1": day 2, first stop), so no two pins on the map read the same.
 */
export function pinLabel(day: PinDay, number: number, selectedDay: string | null): string {
  return day.date === selectedDay ? String(number) : `${dayPrefix(day)}·${number}`;
}

export interface LegendEntry {
  date: string;
  prefix: string;
  label: string;
  selected: boolean;
}

/** The days that have pins, for the legend. */
export function legendEntries(days: PinDay[], selectedDay: string | null): LegendEntry[] {
  return days
    .filter((day) => day.activities.length > 0)
    .map((day) => ({ date: day.date, prefix: dayPrefix(day), label: day.label, selected: day.date === selectedDay }));
}
