'use client';

import type { Schemas } from '@nestmap/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from './client';
import { createActivityBody, updateActivityBody, type ActivityBody } from './contract';
import { tripKeys } from './trips';

export type Itinerary = Schemas['ItineraryResponse'];

export function useItinerary(tripId: string) {
  return useQuery({
    queryKey: tripKeys.itinerary(tripId),
    queryFn: () => call(api.GET('/api/trips/{tripId}/activities', { params: { path: { tripId } } })),
  });
}

/** Every change re-reads the itinerary: order and conflicts are the API's to compute. */
function useItineraryMutation<V, R>(tripId: string, run: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (result) => {
      if (result && typeof result === 'object' && 'items' in result && 'conflicts' in result) {
        queryClient.setQueryData(tripKeys.itinerary(tripId), result);
      }
      return queryClient.invalidateQueries({ queryKey: tripKeys.itinerary(tripId) });
    },
  });
}

export function useCreateActivity(tripId: string) {
  return useItineraryMutation(tripId, (body: ActivityBody) =>
    call(api.POST('/api/trips/{tripId}/activities', { params: { path: { tripId } }, body: createActivityBody(body) })),
  );
}

/** An edit carries the version it started from: a stale one is a 409 (ACTIVITY_VERSION_STALE) the form explains. */
export function useUpdateActivity(tripId: string) {
  return useItineraryMutation(
    tripId,
    ({ id, body, version }: { id: string; body: Partial<ActivityBody>; version: number }) =>
      call(
        api.PATCH('/api/activities/{id}', {
          params: { path: { id }, header: { 'if-match': `"${version}"` } },
          body: { ...updateActivityBody(body), version },
        }),
      ),
  );
}

export function useDeleteActivity(tripId: string) {
  return useItineraryMutation(tripId, (id: string) =>
    call(api.DELETE('/api/activities/{id}', { params: { path: { id } } })),
  );
}

export function useReorderActivities(tripId: string) {
  return useItineraryMutation(tripId, (activityIds: string[]) =>
    call(api.PUT('/api/trips/{tripId}/activities/order', { params: { path: { tripId } }, body: { activityIds } })),
  );
}
