'use client';

import { useBookings } from './bookings';
import { useTrips } from './trips';

/**
 * How many trips and flight bookings wait for a decision, for the navigation badge: managers and
 * admins only, refreshed every minute and whenever a decision invalidates the lists.
 */
export function useApprovalsWaiting(role: string): number | undefined {
  const options = { enabled: role === 'admin' || role === 'manager', refetchInterval: 60_000 };
  const trips = useTrips({ status: ['submitted'], limit: 1 }, options);
  const bookings = useBookings({ status: ['pending_approval'], limit: 1 }, options);
  if (trips.data === undefined && bookings.data === undefined) return undefined;
  return (trips.data?.total ?? 0) + (bookings.data?.total ?? 0);
}
