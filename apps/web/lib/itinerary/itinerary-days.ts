import type { Schemas } from '@nestmap/api-client';
import { eachDay, wallTimeOf } from '../time/zoned-time';

export type Activity = Schemas['ActivityResponse'];
export type Conflict = Schemas['ConflictResponse'];

export interface ItineraryDay {
  /** YYYY-MM-DD, the local date in the activities' zone. */
  date: string;
  /** 1-based day of the trip; null for a date outside the trip (kept visible, never hidden). */
  dayNumber: number | null;
  activities: Activity[];
}

/** The local date an activity happens on: its start, read in its own zone (as the API checks it). */
export function localDayOf(activity: Pick<Activity, 'startsAt' | 'timezone'>): string {
  return wallTimeOf(activity.startsAt, activity.timezone).date;
}

/**
 * The itinerary as days: every date of the trip (empty ones too, so there is somewhere to add
 * an activity), each holding its activities in itinerary order; dates outside the trip are
 * appended in date order rather than dropped.
 */
export function groupByLocalDay(
  activities: readonly Activity[],
  trip: { startDate: string; endDate: string },
): ItineraryDay[] {
  const tripDays = eachDay(trip.startDate, trip.endDate);
  const days = new Map<string, ItineraryDay>(
    tripDays.map((date, index) => [date, { date, dayNumber: index + 1, activities: [] }]),
  );
  const outside: ItineraryDay[] = [];
  for (const activity of activities) {
    const date = localDayOf(activity);
    let day = days.get(date);
    if (!day) {
      day = { date, dayNumber: null, activities: [] };
      days.set(date, day);
      outside.push(day);
    }
    day.activities.push(activity);
  }
  const inTrip = tripDays.map((date) => days.get(date)!);
  return [...inTrip, ...outside.sort((a, b) => a.date.localeCompare(b.date))];
}

/** Conflicts indexed by each activity they involve, to show them where they are. */
export function conflictsByActivity(conflicts: readonly Conflict[]): Map<string, Conflict[]> {
  const index = new Map<string, Conflict[]>();
  for (const conflict of conflicts) {
    for (const id of conflict.activityIds) index.set(id, [...(index.get(id) ?? []), conflict]);
  }
  return index;
}

/** Activities with coordinates, in itinerary order: the day's route. */
export function locatedActivities(
  activities: readonly Activity[],
): (Activity & { latitude: number; longitude: number })[] {
  return activities.filter(
    (a): a is Activity & { latitude: number; longitude: number } => a.latitude !== null && a.longitude !== null,
  );
}

/** The days as the map shows them: each day's located activities, numbered as in its timeline. */
export function mapDaysOf(days: readonly ItineraryDay[], label: (date: string) => string) {
  return days.map((day) => ({
    date: day.date,
    dayNumber: day.dayNumber,
    label: label(day.date),
    activities: locatedActivities(day.activities).map((activity) => ({
      ...activity,
      number: day.activities.indexOf(activity) + 1,
    })),
  }));
}

const startMs = (activity: Pick<Activity, 'startsAt'>) => new Date(activity.startsAt).getTime();

/**
 * The whole itinerary's ids after moving one activity up or down among its day's activities
 * (the API stores one manual order per trip). Times decide the order, so it moves only past a
 * neighbour starting at the same time; null when it cannot move that way.
 */
export function moveWithinDay(
  all: readonly Activity[],
  day: ItineraryDay,
  activityId: string,
  direction: -1 | 1,
): string[] | null {
  const index = day.activities.findIndex((a) => a.id === activityId);
  const neighbour = day.activities[index + direction];
  if (index === -1 || !neighbour || startMs(neighbour) !== startMs(day.activities[index])) return null;
  const ids = all.map((a) => a.id);
  const from = ids.indexOf(activityId);
  const to = ids.indexOf(neighbour.id);
  [ids[from], ids[to]] = [ids[to], ids[from]];
  return ids;
}
