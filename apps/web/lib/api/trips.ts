'use client';

import type { Schemas } from '@nestmap/api-client';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from './client';
import { paging } from './contract';
import { tripKeys } from '../trips/trip-keys';

export type Trip = Schemas['TripResponse'];
export type TripStatus = Trip['status'];
export type TripsPage = Schemas['TripsPage'];
export type TripAction = 'submit' | 'approve' | 'reject' | 'revise' | 'cancel';
/** GET /api/trips/:id: the trip with when it was submitted and its last decision. */
export type TripDetail = Schemas['TripDetailResponse'];

export interface TripFilters {
  status?: TripStatus[];
  from?: string;
  to?: string;
  q?: string;
  travellerId?: string;
  /** With `travellerId` = the caller: also the trips shared with them. */
  sharedWithMe?: boolean;
  sort?: 'startDate' | 'endDate' | 'createdAt' | 'updatedAt' | 'title' | 'status';
  order?: 'asc' | 'desc';
  page?: number;
  limit?: number;
}

export { tripKeys };

export function fetchTrips(filters: TripFilters): Promise<TripsPage> {
  const { page = 1, limit = 20, status, ...rest } = filters;
  return call(
    api.GET('/api/trips', {
      params: { query: { ...paging(page, limit), ...(status?.length ? { status } : {}), ...stripEmpty(rest) } },
    }),
  );
}

function stripEmpty<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== '')) as Partial<T>;
}

export function useTrips(filters: TripFilters, options: { enabled?: boolean; refetchInterval?: number } = {}) {
  return useQuery({
    queryKey: tripKeys.list(filters),
    queryFn: () => fetchTrips(filters),
    placeholderData: keepPreviousData,
    ...options,
  });
}

export function fetchTrip(id: string): Promise<TripDetail> {
  return call(api.GET('/api/trips/{id}', { params: { path: { id } } }));
}

export function useTrip(id: string) {
  return useQuery({ queryKey: tripKeys.detail(id), queryFn: () => fetchTrip(id) });
}

export function useCreateTrip() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['CreateTripDto']) => call(api.POST('/api/trips', { body })),
    onSuccess: (trip) => {
      queryClient.setQueryData(tripKeys.detail(trip.id), trip);
      void queryClient.invalidateQueries({ queryKey: ['trips', 'list'] });
    },
  });
}

/** Edits carry the version that was read: a stale one is a 409 the page explains. */
export function useUpdateTrip(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, ...body }: Schemas['UpdateTripDto'] & { version: number }) =>
      call(
        api.PATCH('/api/trips/{id}', {
          params: { path: { id }, header: { 'if-match': `"${version}"` } },
          body: { ...body, version },
        }),
      ),
    onSuccess: (trip) => {
      // Keeps the decision that GET /api/trips/:id adds (an edit does not change it).
      queryClient.setQueryData<TripDetail>(tripKeys.detail(id), (old) => (old ? { ...old, ...trip } : old));
      void queryClient.invalidateQueries({ queryKey: ['trips', 'list'] });
    },
  });
}

export function useDeleteTrip(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call(api.DELETE('/api/trips/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: tripKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: ['trips', 'list'] });
    },
  });
}

const transitionPaths = {
  submit: '/api/trips/{id}/submit',
  approve: '/api/trips/{id}/approve',
  reject: '/api/trips/{id}/reject',
  revise: '/api/trips/{id}/revise',
  cancel: '/api/trips/{id}/cancel',
} as const;

export function useTripTransition() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      action,
      reason,
      reasonCode,
    }: {
      id: string;
      action: TripAction;
      reason?: string;
      reasonCode?: string;
    }) =>
      call(
        api.POST(transitionPaths[action], {
          params: { path: { id } },
          // reasonCode: the traveller's reason for an out-of-policy trip (submit, policy "allowed with a reason").
          body: { ...(reason ? { reason } : {}), ...(reasonCode ? { reasonCode } : {}) },
        }),
      ),
    onSuccess: (trip) => {
      // The answer has the new status; the decision and submission times come with the re-read.
      queryClient.setQueryData<TripDetail>(tripKeys.detail(trip.id), (old) => (old ? { ...old, ...trip } : old));
      void queryClient.invalidateQueries({ queryKey: tripKeys.detail(trip.id) });
      void queryClient.invalidateQueries({ queryKey: ['trips', 'list'] });
    },
  });
}
