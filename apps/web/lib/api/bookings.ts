'use client';

import type { Schemas } from '@nestmap/api-client';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from './client';
import { paging } from './contract';
import { tripKeys } from './trips';

export type Booking = Schemas['BookingResponse'];
export type BookingStatus = Booking['status'];
export type BookingsPage = Schemas['BookingsPage'];

/** What GET /api/bookings filters on (docs/booking.md § Routes). */
export interface BookingFilters {
  status?: BookingStatus[];
  bookerId?: string;
  /** Booked on or after this day (UTC), YYYY-MM-DD. */
  from?: string;
  to?: string;
  page?: number;
  limit?: number;
}

export const bookingKeys = {
  list: (filters: BookingFilters) => ['bookings', 'list', filters] as const,
  // The trip page's bookings list reads the same route under this key: one request serves both.
  trip: (tripId: string) => ['trips', 'bookings', tripId] as const,
};

/** The organization's bookings, newest first: managers and admins only. */
export function useBookings(filters: BookingFilters, options: { enabled?: boolean; refetchInterval?: number } = {}) {
  const { page = 1, limit = 20, status, bookerId, from, to } = filters;
  return useQuery({
    queryKey: bookingKeys.list(filters),
    queryFn: () =>
      call(
        api.GET('/api/bookings', {
          params: {
            query: {
              ...paging(page, limit),
              ...(status?.length ? { status } : {}),
              ...(bookerId ? { bookerId } : {}),
              ...(from ? { from } : {}),
              ...(to ? { to } : {}),
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
    ...options,
  });
}

/** A trip's bookings; `enabled` lets the map ask only when the itinerary has a booked flight. */
export function useTripBookings(tripId: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: bookingKeys.trip(tripId),
    queryFn: () => call(api.GET('/api/trips/{id}/bookings', { params: { path: { id: tripId } } })),
    enabled,
  });
}

/** One booking as it is now (not cached: used to explain what changed meanwhile). */
export function fetchBooking(id: string): Promise<Booking> {
  return call(api.GET('/api/bookings/{id}', { params: { path: { id } } }));
}

export type BookingDecision = { action: 'approve' | 'reject'; booking: Booking; reason?: string };

/** Approve (which orders at once) or reject a booking waiting for approval. */
export function useDecideBooking() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ action, booking, reason }: BookingDecision) => {
      const params = { path: { id: booking.id } };
      const body = reason ? { reason } : {};
      return call(
        action === 'approve'
          ? api.POST('/api/bookings/{id}/approve', { params, body })
          : api.POST('/api/bookings/{id}/reject', { params, body }),
      );
    },
    onSettled: (_result, _error, { booking }) => {
      // Settled, not only succeeded: a 409 means someone else decided, and the lists must say so.
      void queryClient.invalidateQueries({ queryKey: ['bookings'] });
      void queryClient.invalidateQueries({ queryKey: bookingKeys.trip(booking.tripId) });
      // A confirmed booking adds flights to the itinerary and may move the trip to booked.
      void queryClient.invalidateQueries({ queryKey: tripKeys.detail(booking.tripId) });
      void queryClient.invalidateQueries({ queryKey: tripKeys.itinerary(booking.tripId) });
    },
  });
}

export type CancellationStep = { step: 'quote' | 'cancel'; booking: Booking };

/**
 * Cancelling a booking (docs/booking.md § Cancellation): `quote` asks what it refunds
 * (→ cancellation_quoted, replacing any earlier quote), `cancel` confirms that quote (→ cancelled,
 * its flights leave the itinerary). One mutation for both, so `variables.step` says which runs.
 */
export function useBookingCancellation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ step, booking }: CancellationStep) => {
      const params = { path: { id: booking.id } };
      return call(
        step === 'quote'
          ? api.POST('/api/bookings/{id}/cancellation-quote', { params })
          : api.POST('/api/bookings/{id}/cancel', { params }),
      );
    },
    onSettled: (_result, _error, { booking }) => {
      // Settled: a 409 or an expired quote means the booking moved on, and the list must say so.
      void queryClient.invalidateQueries({ queryKey: ['bookings'] });
      void queryClient.invalidateQueries({ queryKey: bookingKeys.trip(booking.tripId) });
      // A cancelled booking's flights leave the itinerary (the timeline, the map).
      void queryClient.invalidateQueries({ queryKey: tripKeys.detail(booking.tripId) });
      void queryClient.invalidateQueries({ queryKey: tripKeys.itinerary(booking.tripId) });
    },
  });
}
