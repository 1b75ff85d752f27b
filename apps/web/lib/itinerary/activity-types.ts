import type { Activity } from './itinerary-days';

/** What each kind of activity is called on the page (kept apart from the form and its validation). */
export const ACTIVITY_TYPE_LABELS: Record<Activity['type'], string> = {
  flight: 'Flight',
  lodging: 'Stay',
  meeting: 'Meeting',
  meal: 'Meal',
  transport: 'Transport',
  sight: 'Sightseeing',
  other: 'Other',
};
