'use client';

import type { Schemas } from '@nestmap/api-client';
import { useQuery } from '@tanstack/react-query';
import { api, call } from './client';

export type Place = Schemas['PlaceResponse'];

export function usePlaces(query: string) {
  const q = query.trim();
  return useQuery({
    queryKey: ['places', q.toLowerCase()],
    queryFn: ({ signal }) => call(api.GET('/api/places', { params: { query: { q } }, signal })),
    enabled: q.length >= 2,
    staleTime: 5 * 60_000,
  });
}
