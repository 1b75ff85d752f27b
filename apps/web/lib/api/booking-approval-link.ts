'use client';

import type { Schemas } from '@nestmap/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from './client';

export type BookingApprovalPreview = Schemas['BookingApprovalPreview'];

const key = (token: string) => ['booking-approval-link', token] as const;

/** The booking an approver's e-mailed link decides (public; the token, sent in a body, is the credential). */
export function useBookingApprovalPreview(token: string) {
  return useQuery({
    queryKey: key(token),
    queryFn: () => call(api.POST('/api/booking-approvals/peek', { body: { token } })),
    staleTime: 0,
    retry: false,
  });
}

/** Approve (which orders at once) or reject, as the approver the link was sent to. */
export function useDecideByLink(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ action, reason }: { action: 'approve' | 'reject'; reason?: string }) =>
      call(
        action === 'approve'
          ? api.POST('/api/booking-approvals/approve', { body: { token, ...(reason ? { reason } : {}) } })
          : api.POST('/api/booking-approvals/reject', { body: { token, ...(reason ? { reason } : {}) } }),
      ),
    // A 409 (the fare went up) leaves the booking waiting with the new price: show it.
    onError: () => void queryClient.invalidateQueries({ queryKey: key(token) }),
  });
}
