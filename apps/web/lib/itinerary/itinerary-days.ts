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

/**
 * The whole itinerary's ids after moving one activity up or down among its day's activities
 * (the API stores one manual order per trip). Returns null when it cannot move further.
 */
export function moveWithinDay(
  all: readonly Activity[],
  day: ItineraryDay,
  activityId: string,
  direction: -1 | 1,
): string[] | null {
  const index = day.activities.findIndex((a) => a.id === activityId);
  const neighbour = day.activities[index + direction];
  if (index === -1 || !neighbour) return null;
  const ids = all.map((a) => a.id);
  const from = ids.indexOf(activityId);
  const to = ids.indexOf(neighbour.id);
  [ids[from], ids[to]] = [ids[to], ids[from]];
  return ids;
}

const startMs = (activity: Pick<Activity, 'startsAt'>) => new Date(activity.startsAt).getTime();

/** True when a day's activities, in itinerary order, never go back in time. */
export function isChronological(activities: readonly Activity[]): boolean {
  return activities.every((activity, index) => index === 0 || startMs(activities[index - 1]) <= startMs(activity));
}

/**
 * The itinerary order after putting one activity (new, or with a new time) in its chronological
 * place among the activities of its local day; activities of other days keep their places.
 * Null when it is already there.
 */
export function placeChronologically(all: readonly Activity[], activityId: string): string[] | null {
  const moved = all.find((a) => a.id === activityId);
  if (!moved) return null;
  const day = localDayOf(moved);
  const rest = all.filter((a) => a.id !== activityId);
  const sameDay = rest.filter((a) => localDayOf(a) === day);
  const before = sameDay.find((a) => startMs(a) > startMs(moved));
  const index = before
    ? rest.indexOf(before)
    : sameDay.length
      ? rest.indexOf(sameDay[sameDay.length - 1]) + 1
      : rest.length;
  const ids = rest.map((a) => a.id);
  ids.splice(index, 0, activityId);
  return ids.every((id, i) => id === all[i].id) ? null : ids;
}

/** The itinerary order with one day's activities sorted by start time, in the slots they hold. */
export function sortDayByTime(all: readonly Activity[], day: ItineraryDay): string[] {
  const sorted = [...day.activities].sort((a, b) => startMs(a) - startMs(b));
  const dayIds = new Set(day.activities.map((a) => a.id));
  let next = 0;
  return all.map((a) => (dayIds.has(a.id) ? sorted[next++].id : a.id));
}
