'use client';

import type { Schemas } from '@nestmap/api-client';
import { useQuery } from '@tanstack/react-query';
import { api, call } from './client';

export type InvitationPreview = Schemas['InvitationPreviewResponse'];

/** What an invitation link is for and whether it still works (public; the token is the credential). */
export function useInvitationPreview(token: string) {
  return useQuery({
    queryKey: ['invitation-preview', token],
    queryFn: () => call(api.POST('/api/invitations/peek', { body: { token } })),
    staleTime: 0,
  });
}
