'use client';

import { useTrips } from './trips';

/**
 * How many trips wait for a decision, for the navigation badge: managers and admins only,
 * refreshed every minute and whenever a decision invalidates the trip lists.
 */
export function useApprovalsWaiting(role: string): number | undefined {
  const waiting = useTrips(
    { status: ['submitted'], limit: 1 },
    { enabled: role === 'admin' || role === 'manager', refetchInterval: 60_000 },
  );
  return waiting.data?.total;
}
