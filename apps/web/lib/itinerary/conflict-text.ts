import { formatDuration } from '../format/duration';
import type { Conflict } from './itinerary-days';

/**
 * The sentence for a conflict, written here from its facts (titles, minutes, kilometres) rather
 * than the API's message, so durations read "2 h 22 min" and quotes match the rest of the app.
 */
export function describeConflict(conflict: Conflict, titles: ReadonlyMap<string, string>): string {
  const [first, second] = conflict.activityIds.map((id) => `“${titles.get(id) ?? 'an activity'}”`);
  if (conflict.type === 'overlap') return `${first} overlaps ${second}`;
  const { distanceKm, availableMinutes, requiredMinutes } = conflict;
  if (distanceKm === undefined || availableMinutes === undefined || requiredMinutes === undefined)
    return conflict.message;
  return `${first} to ${second} is ${distanceKm.toLocaleString('en')} km in ${formatDuration(availableMinutes)}; it takes at least ${formatDuration(requiredMinutes)}`;
}
