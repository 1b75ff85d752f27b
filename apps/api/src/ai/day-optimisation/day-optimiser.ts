import { distanceKm } from '../../places/great-circle';

export interface DayActivity {
  id: string;
  startsAt: Date;
  latitude: number | null;
  longitude: number | null;
}

export interface DayOrder {
  /** The whole day in the proposed order. */
  activityIds: string[];
  /** The activities whose place in the day changed. */
  moved: string[];
  distanceKm: { before: number; after: number };
}

/** Groups up to this size are solved exactly (8! orders); larger ones by nearest neighbour and 2-opt. */
const EXACT_LIMIT = 8;

type Located = DayActivity & { latitude: number; longitude: number };
const isLocated = (activity: DayActivity): activity is Located =>
  activity.latitude !== null && activity.longitude !== null;

/** Kilometres travelled visiting the located activities in this order (unlocated ones move nobody). */
export function travelKm(activities: readonly DayActivity[]): number {
  const located = activities.filter(isLocated);
  let total = 0;
  for (let i = 1; i < located.length; i += 1) total += distanceKm(located[i - 1], located[i]);
  return total;
}

const round = (km: number) => Math.round(km * 10) / 10;

/**
 * Reorders a day's flexible activities to travel less (docs/ai.md § 5). Times are the traveller's:
 * an activity with a time of its own stays where it is. Flexible are the activities that share a
 * start with others — a block of things to do "from 14:00", the only ones the itinerary's manual
 * order may rank. Within each block the located ones are permuted to make the path from the stop
 * before the block, through it, to the stop after it as short as possible; unlocated ones keep their
 * places. A new order is taken only when it is strictly shorter, ties go to the current order, so
 * the result is deterministic and never worse. `day` is in itinerary order.
 */
export function optimiseDay(day: readonly DayActivity[]): DayOrder {
  const order = [...day];
  for (let start = 0; start < order.length;) {
    let end = start + 1;
    while (end < order.length && order[end].startsAt.getTime() === order[start].startsAt.getTime()) end += 1;
    if (end - start > 1) reorderBlock(order, start, end);
    start = end;
  }
  return {
    activityIds: order.map((activity) => activity.id),
    moved: order.filter((activity, index) => activity.id !== day[index].id).map((activity) => activity.id),
    distanceKm: { before: round(travelKm(day)), after: round(travelKm(order)) },
  };
}

/** Permutes the located activities of `order[start, end)` in place, between their neighbours. */
function reorderBlock(order: DayActivity[], start: number, end: number): void {
  const slots = [];
  for (let i = start; i < end; i += 1) if (isLocated(order[i])) slots.push(i);
  if (slots.length < 2) return;
  const stops = slots.map((slot) => order[slot] as Located);
  const before = [...order.slice(0, start)].reverse().find(isLocated) ?? null;
  const after = order.slice(end).find(isLocated) ?? null;
  const length = (path: readonly Located[]) =>
    travelKm([...(before ? [before] : []), ...path, ...(after ? [after] : [])]);

  const best = stops.length <= EXACT_LIMIT ? exact(stops, length) : twoOpt(nearestNeighbour(stops, before), length);
  if (length(best) < length(stops) - 1e-9) slots.forEach((slot, index) => (order[slot] = best[index]));
}

/** The shortest order by trying all (the first found wins a tie, and the current order is tried first). */
function exact(stops: Located[], length: (path: readonly Located[]) => number): Located[] {
  let best = stops;
  let bestLength = length(stops);
  const permute = (prefix: Located[], rest: Located[]) => {
    if (rest.length === 0) {
      const candidate = length(prefix);
      if (candidate < bestLength - 1e-9) [best, bestLength] = [prefix, candidate];
      return;
    }
    rest.forEach((stop, index) => permute([...prefix, stop], [...rest.slice(0, index), ...rest.slice(index + 1)]));
  };
  permute([], stops);
  return best;
}

function nearestNeighbour(stops: Located[], from: Located | null): Located[] {
  const left = [...stops];
  const path: Located[] = [];
  let current = from ?? left.shift()!;
  if (!from) path.push(current);
  while (left.length > 0) {
    let nearest = 0;
    for (let i = 1; i < left.length; i += 1) {
      if (distanceKm(current, left[i]) < distanceKm(current, left[nearest])) nearest = i;
    }
    current = left.splice(nearest, 1)[0];
    path.push(current);
  }
  return path;
}

/** Reverses segments while that shortens the path (bounded passes). */
function twoOpt(path: Located[], length: (path: readonly Located[]) => number): Located[] {
  let best = path;
  for (let pass = 0, improved = true; improved && pass < 50; pass += 1) {
    improved = false;
    for (let i = 0; i < best.length - 1; i += 1) {
      for (let j = i + 1; j < best.length; j += 1) {
        const candidate = [...best.slice(0, i), ...best.slice(i, j + 1).reverse(), ...best.slice(j + 1)];
        if (length(candidate) < length(best) - 1e-9) {
          best = candidate;
          improved = true;
        }
      }
    }
  }
  return best;
}
