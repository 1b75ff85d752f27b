import { distanceKm } from '../places/places.index';

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
  distanceKm?: number;
  availableMinutes?: number;
  requiredMinutes?: number;
}

/**
 * Travel-time rule (great-circle distance d between consecutive located activities, ordered by
 * start): up to 300 km people move by road or rail at 80 km/h; beyond that they fly at 800 km/h
 * plus 2 hours for getting to, through and out of airports. A gap shorter than that minus 10
 * minutes of slack is reported as impossible travel. Under 1 km nothing is reported (same venue).
 */
const GROUND_KMH = 80;
const AIR_KMH = 800;
const AIR_THRESHOLD_KM = 300;
const AIRPORT_OVERHEAD_MINUTES = 120;
const SLACK_MINUTES = 10;
const SAME_PLACE_KM = 1;

export function requiredTravelMinutes(km: number): number {
  if (km < SAME_PLACE_KM) return 0;
  return km <= AIR_THRESHOLD_KM ? (km / GROUND_KMH) * 60 : (km / AIR_KMH) * 60 + AIRPORT_OVERHEAD_MINUTES;
}

type Place = { latitude: number; longitude: number };

const endOf = (item: ItineraryItem) => (item.endsAt ?? item.startsAt).getTime();
const minutes = (ms: number) => Math.round(ms / 60_000);

/**
 * Conflicts of an itinerary: overlapping time spans (an activity without an end is a point in time
 * and overlaps only what is running at that moment), and consecutive activities too far apart for
 * the time between them. O(n log n) plus the number of overlapping pairs.
 */
export function detectConflicts(items: readonly ItineraryItem[]): Conflict[] {
  const byStart = [...items].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const conflicts: Conflict[] = [];
  const running: ItineraryItem[] = [];
  for (const item of byStart) {
    const start = item.startsAt.getTime();
    for (let i = running.length - 1; i >= 0; i -= 1) if (endOf(running[i]) <= start) running.splice(i, 1);
    for (const other of running) {
      conflicts.push({ type: 'overlap', activityIds: [other.id, item.id], message: `"${other.title}" overlaps "${item.title}"` });
    }
    if (endOf(item) > start) running.push(item);
  }
  // Travel is checked between consecutive *located* activities: one without a place in between
  // (a call) does not move anyone.
  const located = byStart.filter((item) => item.latitude !== null && item.longitude !== null) as (ItineraryItem & Place)[];
  for (let i = 1; i < located.length; i += 1) {
    const [previous, next] = [located[i - 1], located[i]];
    const available = next.startsAt.getTime() - endOf(previous);
    if (available < 0) continue; // already an overlap
    const km = distanceKm(previous, next);
    const required = requiredTravelMinutes(km);
    if (required - SLACK_MINUTES > minutes(available)) {
      conflicts.push({
        type: 'impossible_travel',
        activityIds: [previous.id, next.id],
        message: `"${previous.title}" to "${next.title}" is ${Math.round(km)} km in ${minutes(available)} min; it needs about ${Math.round(required)} min`,
        distanceKm: Math.round(km),
        availableMinutes: minutes(available),
        requiredMinutes: Math.round(required),
      });
    }
  }
  return conflicts;
}
