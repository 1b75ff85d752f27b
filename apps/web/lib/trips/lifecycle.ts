import type { Schemas } from '@nestmap/api-client';

/** What the caller may do with the trip now, as the API computed it (docs/access.md). */
type TripAccess = Pick<Schemas['TripResponse'], 'allowedActions'>;
export type TripStatus = Schemas['TripResponse']['status'];
export type LifecycleAction = 'submit' | 'approve' | 'reject' | 'cancel';

/**
 * Which lifecycle buttons to show: exactly the steps the API will accept, read from the trip's
 * `allowedActions` (the API's one access table decides; the web keeps no copy of the rules).
 */
export function availableActions(trip: TripAccess): LifecycleAction[] {
  const allowed = new Set(trip.allowedActions);
  const actions: LifecycleAction[] = [];
  if (allowed.has('submit')) actions.push('submit');
  if (allowed.has('decide')) actions.push('approve', 'reject');
  if (allowed.has('cancel')) actions.push('cancel');
  return actions;
}

export const isEditable = (trip: TripAccess) => trip.allowedActions.includes('edit');
export const isItineraryOpen = (trip: TripAccess) => trip.allowedActions.includes('edit_itinerary');
export const isDeletable = (trip: TripAccess) => trip.allowedActions.includes('delete');

export const STATUS_LABELS: Record<TripStatus, string> = {
  draft: 'Draft',
  submitted: 'Waiting for approval',
  approved: 'Approved',
  rejected: 'Rejected',
  booked: 'Booked',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

export const STATUS_TONES: Record<TripStatus, 'neutral' | 'info' | 'primary' | 'success' | 'warning' | 'danger'> = {
  draft: 'neutral',
  submitted: 'warning',
  approved: 'success',
  rejected: 'danger',
  booked: 'primary',
  completed: 'info',
  cancelled: 'neutral',
};

export const TRIP_STATUSES = Object.keys(STATUS_LABELS) as TripStatus[];
