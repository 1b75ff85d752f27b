import { Coordinates, distanceKm } from '../places/great-circle';

export interface ItineraryItem {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date | null;
  latitude: number | null;
  longitude: number | null;
}

export interface Conflict {
  type: 'overlap' | 'impossible_travel';
  activityIds: [string, string];
  message: string;
  /** impossible_travel: great-circle distance, rounded. */
  distanceKm?: number;
  /** impossible_travel: minutes between the first's end (or start) and the next's start. */
  availableMinutes?: number;
  /** impossible_travel: minutes the travel-time rule asks for, rounded. */
  requiredMinutes?: number;
}

/**
 * Travel-time rule. The fastest plausible way over a great-circle distance d is the quicker of
 *   ground: the first 50 km at 50 km/h (city traffic), the rest at 100 km/h (motorway, intercity rail);
 *   air:    d at 800 km/h plus 2 hours to get to, through and out of two airports.
 * Flying wins beyond ~170 km, so the rule is continuous and never asks more time for a shorter
 * distance. Travel is impossible when the gap is shorter than that minus 10 minutes of slack, which
 * also covers walking between venues a few km apart.
 */
const URBAN_KM = 50;
const URBAN_KMH = 50;
const INTERCITY_KMH = 100;
const AIR_KMH = 800;
const AIRPORT_OVERHEAD_MINUTES = 120;
const SLACK_MINUTES = 10;

export function requiredTravelMinutes(km: number): number {
  const ground = (Math.min(km, URBAN_KM) / URBAN_KMH + Math.max(km - URBAN_KM, 0) / INTERCITY_KMH) * 60;
  const air = (km / AIR_KMH) * 60 + AIRPORT_OVERHEAD_MINUTES;
  return Math.min(ground, air);
}

const startOf = (item: ItineraryItem) => item.startsAt.getTime();
/** An activity without an end is the instant it starts. */
const endOf = (item: ItineraryItem) => Math.max((item.endsAt ?? item.startsAt).getTime(), startOf(item));
const minutes = (ms: number) => Math.round(ms / 60_000);
const isLocated = (item: ItineraryItem): item is ItineraryItem & Coordinates =>
  item.latitude !== null && item.longitude !== null;

/**
 * Overlap rule: activities occupy [start, end), so back-to-back ones do not overlap; an activity
 * without an end is a point in time and overlaps what is running at that moment; and two
 * activities starting at the same instant always overlap (nobody begins two things at once).
 * A sweep in start order keeps the activities still running: O(n log n + conflicts).
 */
function overlaps(byStart: readonly ItineraryItem[]): Conflict[] {
  const conflicts: Conflict[] = [];
  let running: ItineraryItem[] = [];
  for (const item of byStart) {
    const start = startOf(item);
    running = running.filter((other) => endOf(other) > start || startOf(other) === start);
    for (const other of running) {
      conflicts.push({
        type: 'overlap',
        activityIds: [other.id, item.id],
        message: `"${other.title}" overlaps "${item.title}"`,
      });
    }
    running.push(item);
  }
  return conflicts;
}

/**
 * Travel between consecutive located activities in start order; an unlocated one in between (a
 * call) moves nobody, and a pair that overlaps is already reported as such.
 */
function impossibleTravel(byStart: readonly ItineraryItem[]): Conflict[] {
  const located = byStart.filter(isLocated);
  const conflicts: Conflict[] = [];
  for (let i = 1; i < located.length; i += 1) {
    const [previous, next] = [located[i - 1], located[i]];
    const gap = startOf(next) - endOf(previous);
    if (gap < 0 || startOf(next) === startOf(previous)) continue;
    const available = minutes(gap);
    const km = distanceKm(previous, next);
    const required = requiredTravelMinutes(km);
    if (required - SLACK_MINUTES <= available) continue;
    conflicts.push({
      type: 'impossible_travel',
      activityIds: [previous.id, next.id],
      message: `"${previous.title}" to "${next.title}" is ${Math.round(km)} km in ${available} min; it takes at least ${Math.round(required)} min`,
      distanceKm: Math.round(km),
      availableMinutes: available,
      requiredMinutes: Math.round(required),
    });
  }
  return conflicts;
}

/** Conflicts of an itinerary, in start order: overlaps first, then impossible travel. */
export function detectConflicts(items: readonly ItineraryItem[]): Conflict[] {
  const byStart = [...items].sort((a, b) => startOf(a) - startOf(b));
  return [...overlaps(byStart), ...impossibleTravel(byStart)];
}
