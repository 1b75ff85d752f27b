import type { Schemas } from '@nestmap/api-client';

type Trip = Pick<Schemas['TripResponse'], 'status' | 'travellerId'>;
type User = Pick<Schemas['UserResponse'], 'id' | 'role'>;
export type TripStatus = Schemas['TripResponse']['status'];
export type LifecycleAction = 'submit' | 'approve' | 'reject' | 'cancel';

/**
 * Which lifecycle buttons to show. The API's state machine decides (and answers 409/403 when it
 * disagrees); this only keeps impossible buttons off the screen. Mirrors spec: draft → submitted
 * → approved | rejected → (booked) → completed; cancelled from any non-final state; approve and
 * reject by a manager or admin who is not the traveller.
 */
export function availableActions(trip: Trip, user: User): LifecycleAction[] {
  const actions: LifecycleAction[] = [];
  const decides = user.role !== 'traveller' && user.id !== trip.travellerId;
  if (trip.status === 'draft') actions.push('submit');
  if (trip.status === 'submitted' && decides) actions.push('approve', 'reject');
  if (['draft', 'submitted', 'approved', 'booked'].includes(trip.status)) actions.push('cancel');
  return actions;
}

export const isEditable = (trip: Pick<Trip, 'status'>) => trip.status === 'draft';
/** The itinerary stays open until the trip is rejected, completed or cancelled. */
export const isItineraryOpen = (trip: Pick<Trip, 'status'>) =>
  !['rejected', 'completed', 'cancelled'].includes(trip.status);
export const isDeletable = (trip: Pick<Trip, 'status'>) => ['draft', 'rejected', 'cancelled'].includes(trip.status);

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
