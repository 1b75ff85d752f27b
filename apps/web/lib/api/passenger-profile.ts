'use client';

import type { Schemas } from '@nestmap/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { hasErrorCode } from './api-error';
import { api, call } from './client';

export type PassengerProfile = Schemas['PassengerProfileResponse'];
export type PassengerProfileBody = Schemas['PassengerProfileDto'];

const key = ['passenger-profile', 'me'] as const;

/** The signed-in user's passenger profile, or null before they first save one (the API's 404). */
export function useMyPassengerProfile() {
  return useQuery({
    queryKey: key,
    queryFn: async (): Promise<PassengerProfile | null> => {
      try {
        return await call(api.GET('/api/users/me/passenger-profile'));
      } catch (error) {
        if (hasErrorCode(error, 'NOT_FOUND')) return null;
        throw error;
      }
    },
    // Passport data: never kept in the cache once the page is left.
    gcTime: 0,
  });
}

export function useSaveMyPassengerProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PassengerProfileBody) => call(api.PUT('/api/users/me/passenger-profile', { body })),
    onSuccess: (profile) => queryClient.setQueryData(key, profile),
  });
}

const memberKey = (userId: string) => ['passenger-profile', userId] as const;

/** A member's passenger profile (admins only), or null before it is first saved. */
export function useMemberPassengerProfile(userId: string) {
  return useQuery({
    queryKey: memberKey(userId),
    queryFn: async (): Promise<PassengerProfile | null> => {
      try {
        return await call(api.GET('/api/users/{id}/passenger-profile', { params: { path: { id: userId } } }));
      } catch (error) {
        // A member with no profile yet; another organization's user is refused before (404 too, shown as empty).
        if (hasErrorCode(error, 'NOT_FOUND')) return null;
        throw error;
      }
    },
    gcTime: 0,
  });
}

export function useSaveMemberPassengerProfile(userId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PassengerProfileBody) =>
      call(api.PUT('/api/users/{id}/passenger-profile', { params: { path: { id: userId } }, body })),
    onSuccess: (profile) => queryClient.setQueryData(memberKey(userId), profile),
  });
}
