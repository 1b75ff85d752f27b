'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from './client';

/** Which feed: all the caller's trips, or one trip. */
export type FeedScope = { tripId: string } | 'all';

const feedKey = (scope: FeedScope) => ['calendar-feed', scope === 'all' ? 'all' : scope.tripId] as const;

/**
 * The current subscription address. Reading it never changes it (the API makes it on the first
 * look), so opening the dialog again, after any reload, shows the address calendars already use.
 */
export function useCalendarFeed(scope: FeedScope, enabled: boolean) {
  return useQuery({
    queryKey: feedKey(scope),
    enabled,
    staleTime: Infinity,
    queryFn: () =>
      scope === 'all'
        ? call(api.GET('/api/calendar/feed'))
        : call(api.GET('/api/trips/{id}/calendar/feed', { params: { path: { id: scope.tripId } } })),
  });
}

/** A new address; the previous one stops working for every calendar subscribed to it. */
export function useResetCalendarFeed(scope: FeedScope) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      scope === 'all'
        ? call(api.POST('/api/calendar/feed/reset'))
        : call(api.POST('/api/trips/{id}/calendar/feed/reset', { params: { path: { id: scope.tripId } } })),
    onSuccess: (feed) => queryClient.setQueryData(feedKey(scope), feed),
  });
}
