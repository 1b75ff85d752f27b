import { plainToInstance } from 'class-transformer';
import { isISO4217CurrencyCode, validateSync } from 'class-validator';
import { DateTime } from 'luxon';
import { activityTimeProblem } from '../../activities/activity-time';
import { CreateActivityDto } from '../../activities/dto/activity.dto';
import type { ActivityType } from '../../activities/activity.entity';
import { detectConflicts, type ItineraryItem } from '../../activities/itinerary-conflicts';
import { AMOUNT_PATTERN } from '../../common/money/money.dto';
import { distanceKm, isValidCoordinates } from '../../places/great-circle';
import { searchPlaces } from '../../places/place-search';
import type { ModelProposal } from './proposal.schema';

/** At most this many proposals are read from one answer; the rest are reported as one dropped line. */
export const MAX_PROPOSALS = 20;
/** A proposal's place must lie within this distance of the trip's destination (a day trip's reach). */
export const MAX_DISTANCE_KM = 150;
const MAX_TITLE = 120;
const MAX_NOTES = 1000;
/** Hours tried, in order, for a proposal without a time: the first that conflicts with nothing. */
const OPEN_TIME_HOURS = [9, 10, 11, 14, 15, 16, 17, 18];

export interface Note {
  code: string;
  message: string;
}

export interface Money {
  amount: string;
  currency: string;
}

/** Exactly what `POST /api/trips/:id/activities` takes. */
export interface ActivityBody {
  title: string;
  type: ActivityType;
  startsAt: string;
  endsAt: string | null;
  timezone: string;
  locationName: string | null;
  latitude: number | null;
  longitude: number | null;
  notes: string | null;
  cost: Money | null;
}

export interface Proposal {
  key: string;
  title: string;
  type: ActivityType;
  date: string;
  startTime: string | null;
  endTime: string | null;
  timezone: string;
  placeName: string | null;
  latitude: number | null;
  longitude: number | null;
  notes: string | null;
  estimatedCost: Money | null;
  activity: ActivityBody;
  /** What was repaired; empty when the proposal was accepted as is. */
  validation: Note[];
}

export interface Dropped {
  title: string;
  reasons: Note[];
}

export interface ReviewContext {
  trip: { startDate: string; endDate: string; timezone: string; latitude: number | null; longitude: number | null };
  /** The itinerary as it stands: proposals may not collide with it, nor with each other. */
  existing: readonly ItineraryItem[];
  /** Proposals were asked for this day only. */
  date?: string;
}

export interface Review {
  proposals: Proposal[];
  dropped: Dropped[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * Plain text from whatever the model wrote: scripts and styles removed with their content, other
 * tags removed, control characters gone, whitespace collapsed (newlines kept where allowed).
 */
export function plainText(text: string, keepNewlines = false): string {
  const stripped = text
    .replace(/<(script|style)\b[^>]*>[\s\S]*?(<\/\1\s*>|$)/gi, ' ')
    .replace(/<\/?[a-z!][^>]*>?/gi, ' ')
    // eslint-disable-next-line no-control-regex
    .replace(keepNewlines ? /[\u0000-\u0009\u000b-\u001f\u007f]/g : /[\u0000-\u001f\u007f]/g, ' ');
  return keepNewlines
    ? stripped
        .split('\n')
        .map((line) => line.replace(/\s+/g, ' ').trim())
        .filter(Boolean)
        .join('\n')
    : stripped.replace(/\s+/g, ' ').trim();
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

const note = (code: string, message: string): Note => ({ code, message });

/**
 * Our own rules over the model's proposals (docs/ai.md § Suggestions): the same validation as a
 * person's input (`CreateActivityDto`, the trip-dates rule in the activity's zone) and the itinerary's
 * conflict rules (overlap, impossible travel) against the existing activities and the proposals kept
 * before; plain-text titles and notes; places near the destination or found in our places data.
 * Whatever can be repaired is, with a note; the rest is dropped with its reasons. Pure and bounded:
 * at most MAX_PROPOSALS items are looked at.
 */
export function reviewProposals(raw: readonly (ModelProposal | null)[], context: ReviewContext): Review {
  const dropped: Dropped[] = [];
  const readable = raw.slice(0, MAX_PROPOSALS);
  if (raw.length > MAX_PROPOSALS) {
    dropped.push({
      title: `${raw.length - MAX_PROPOSALS} more proposals`,
      reasons: [note('TOO_MANY', `Only the first ${MAX_PROPOSALS} proposals are read`)],
    });
  }
  const candidates: { item: ModelProposal; index: number }[] = [];
  readable.forEach((item, index) => {
    if (item) candidates.push({ item, index });
    else
      dropped.push({ title: '(unreadable)', reasons: [note('UNREADABLE', 'Not a proposal in the format asked for')] });
  });
  // Timed proposals first, in time order, so which of two colliding proposals is kept does not depend on the model's order.
  candidates.sort(
    (a, b) =>
      Number(a.item.startTime === null) - Number(b.item.startTime === null) ||
      `${a.item.date}T${a.item.startTime}`.localeCompare(`${b.item.date}T${b.item.startTime}`) ||
      a.index - b.index,
  );

  const kept: { proposal: Proposal; item: ItineraryItem }[] = [];
  for (const { item, index } of candidates) {
    const outcome = reviewOne(item, index, context, [...context.existing, ...kept.map((entry) => entry.item)]);
    if ('reasons' in outcome) dropped.push(outcome);
    else kept.push(outcome);
  }
  kept.sort((a, b) => a.item.startsAt.getTime() - b.item.startsAt.getTime());
  return { proposals: kept.map((entry, position) => ({ ...entry.proposal, key: `p${position + 1}` })), dropped };
}

function reviewOne(
  item: ModelProposal,
  index: number,
  context: ReviewContext,
  itinerary: readonly ItineraryItem[],
): { proposal: Proposal; item: ItineraryItem } | Dropped {
  const validation: Note[] = [];
  const rawTitle = typeof item.title === 'string' ? item.title : '';
  const cleanTitle = plainText(rawTitle);
  const title = cut(cleanTitle, MAX_TITLE);
  const drop = (reason: Note): Dropped => ({ title: title || '(untitled)', reasons: [...validation, reason] });
  if (!title) return drop(note('TITLE_EMPTY', 'The proposal has no title'));
  if (cleanTitle !== rawTitle.trim())
    validation.push(note('TITLE_CLEANED', 'Markup or control characters were removed from the title'));
  if (title !== cleanTitle)
    validation.push(note('TITLE_SHORTENED', `The title was shortened to ${MAX_TITLE} characters`));

  const { trip } = context;
  if (!DATE.test(item.date) || !DateTime.fromISO(item.date).isValid) {
    return drop(note('DATE_INVALID', `"${cut(plainText(String(item.date)), 20)}" is not a date`));
  }
  if (context.date && item.date !== context.date) {
    return drop(note('OTHER_DAY', `Proposed for ${item.date}, not for ${context.date} as asked`));
  }
  if (item.date < trip.startDate || item.date > trip.endDate) {
    return drop(note('OUTSIDE_TRIP', `${item.date} is outside the trip (${trip.startDate} to ${trip.endDate})`));
  }

  const placeName = item.placeName === null ? null : cut(plainText(item.placeName), 200) || null;
  const place = reviewPlace(item, placeName, trip, validation);
  const notes = item.notes === null ? null : cut(plainText(item.notes, true), MAX_NOTES) || null;
  if (item.notes !== null && notes !== item.notes.trim()) {
    validation.push(note('NOTES_CLEANED', 'Markup or control characters were removed from the notes'));
  }
  const estimatedCost = reviewCost(item.estimatedCost, validation);

  const id = `proposal:${index}`;
  const at = (time: string) => DateTime.fromISO(`${item.date}T${time}`, { zone: trip.timezone });
  const conflictsOf = (startsAt: Date, endsAt: Date | null) =>
    detectConflicts([...itinerary, { id, title, startsAt, endsAt, ...place }]).filter((conflict) =>
      conflict.activityIds.includes(id),
    );

  let startTime = item.startTime;
  if (startTime !== null && !TIME.test(startTime)) {
    validation.push(note('TIME_INVALID', `"${cut(plainText(startTime), 10)}" is not a time: a free time was chosen`));
    startTime = null;
  }
  let endTime = item.endTime;
  if (endTime !== null && (!TIME.test(endTime) || startTime === null || endTime <= startTime)) {
    validation.push(note('END_DROPPED', 'The end time was not after the start and was left out'));
    endTime = null;
  }
  if (startTime === null) {
    // An open time gets the first listed hour that collides with nothing.
    const hour = OPEN_TIME_HOURS.map((h) => `${String(h).padStart(2, '0')}:00`).find(
      (time) => conflictsOf(at(time).toJSDate(), null).length === 0,
    );
    if (!hour) return drop(note('NO_FREE_TIME', `Nothing else fits on ${item.date}`));
    startTime = hour;
    validation.push(note('TIME_ASSUMED', `No time was given: ${hour} is free`));
  }

  const startsAt = at(startTime);
  const endsAt = endTime === null ? null : at(endTime);
  const problem = activityTimeProblem(
    { startsAt: startsAt.toJSDate(), endsAt: endsAt?.toJSDate() ?? null, timezone: trip.timezone },
    trip,
  );
  if (problem) return drop(note('OUTSIDE_TRIP', 'The times fall outside the trip'));
  const [conflict] = conflictsOf(startsAt.toJSDate(), endsAt?.toJSDate() ?? null);
  if (conflict) {
    const code = conflict.type === 'overlap' ? 'OVERLAP' : 'IMPOSSIBLE_TRAVEL';
    return drop(note(code, conflict.message.replace(`"${title}"`, 'this proposal')));
  }

  const activity: ActivityBody = {
    title,
    type: item.type,
    startsAt: startsAt.toISO({ suppressMilliseconds: true })!,
    endsAt: endsAt?.toISO({ suppressMilliseconds: true }) ?? null,
    timezone: trip.timezone,
    locationName: placeName,
    latitude: place.latitude,
    longitude: place.longitude,
    notes,
    cost: estimatedCost,
  };
  // The same validation as a person's request to the activities route.
  const errors = validateSync(plainToInstance(CreateActivityDto, activity), {
    whitelist: true,
    forbidNonWhitelisted: true,
  });
  if (errors.length > 0) {
    return drop(note('INVALID', `Refused by the activity rules (${errors.map((error) => error.property).join(', ')})`));
  }
  return {
    proposal: {
      key: '',
      title,
      type: item.type,
      date: item.date,
      startTime,
      endTime,
      timezone: trip.timezone,
      placeName,
      latitude: place.latitude,
      longitude: place.longitude,
      notes,
      estimatedCost,
      activity,
      validation,
    },
    item: { id, title, startsAt: startsAt.toJSDate(), endsAt: endsAt?.toJSDate() ?? null, ...place },
  };
}

/** Coordinates near the destination are kept; others are replaced by a bundled place of that name nearby, or left out. */
function reviewPlace(
  item: ModelProposal,
  placeName: string | null,
  trip: ReviewContext['trip'],
  validation: Note[],
): { latitude: number | null; longitude: number | null } {
  const none = { latitude: null, longitude: null };
  const destination =
    trip.latitude !== null && trip.longitude !== null ? { latitude: trip.latitude, longitude: trip.longitude } : null;
  const near = (point: { latitude: number; longitude: number }) =>
    destination !== null && distanceKm(point, destination) <= MAX_DISTANCE_KM;
  const given =
    typeof item.latitude === 'number' && typeof item.longitude === 'number'
      ? { latitude: item.latitude, longitude: item.longitude }
      : null;
  if (given && isValidCoordinates(given) && near(given)) return given;

  const known = placeName ? searchPlaces(placeName, 5).find(near) : undefined;
  if (known) {
    validation.push(note('COORDINATES_RESOLVED', `Placed at ${known.name} from our places data`));
    return { latitude: known.latitude, longitude: known.longitude };
  }
  if (given || item.latitude !== null || item.longitude !== null) {
    validation.push(
      note(
        'COORDINATES_DROPPED',
        destination
          ? `The coordinates were more than ${MAX_DISTANCE_KM} km from the destination and were left out`
          : 'The trip has no coordinates to check these against: they were left out',
      ),
    );
  }
  return none;
}

function reviewCost(cost: ModelProposal['estimatedCost'], validation: Note[]): Money | null {
  if (cost === null) return null;
  const amount = String(cost.amount).trim();
  const currency = String(cost.currency).trim().toUpperCase();
  if (AMOUNT_PATTERN.test(amount) && isISO4217CurrencyCode(currency)) return { amount, currency };
  validation.push(note('COST_DROPPED', 'The estimated cost was not an amount and currency and was left out'));
  return null;
}
