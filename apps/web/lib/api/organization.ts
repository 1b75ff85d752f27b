'use client';

import type { operations, Schemas } from '@nestmap/api-client';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { toApiError } from './api-error';
import { api, call } from './client';
import { attachmentName } from './download';
import { paging } from './contract';

export type Member = Schemas['UserResponse'];
export type Role = Member['role'];
export type Policy = Schemas['TravelPolicyResponse'];
export type Invitation = Schemas['InvitationResponse'];

const keys = {
  organization: ['organization'] as const,
  members: (page: number) => ['organization', 'members', page] as const,
  allMembers: ['organization', 'members', 'all'] as const,
  invitations: (page: number) => ['organization', 'invitations', page] as const,
  policy: ['organization', 'policy'] as const,
  outbox: (page: number) => ['organization', 'outbox', page] as const,
  audit: (filters: AuditFilters) => ['audit', filters] as const,
};

export function useOrganization() {
  return useQuery({ queryKey: keys.organization, queryFn: () => call(api.GET('/api/organizations/current')) });
}

export function useMembers(page: number, limit = 20) {
  return useQuery({
    queryKey: keys.members(page),
    queryFn: () => call(api.GET('/api/organizations/current/members', { params: { query: paging(page, limit) } })),
    placeholderData: keepPreviousData,
  });
}

/**
 * Everyone in the organization by id (for names beside trips and audit rows). Managers and admins
 * only; pages through the list (100 at a time) so a large company still resolves every name.
 */
export function useMemberDirectory(enabled: boolean) {
  return useQuery({
    queryKey: keys.allMembers,
    enabled,
    staleTime: 60_000,
    queryFn: async () => {
      const members = new Map<string, Member>();
      for (let page = 1; page <= 50; page++) {
        const result = await call(
          api.GET('/api/organizations/current/members', { params: { query: paging(page, 100) } }),
        );
        for (const member of result.items) members.set(member.id, member);
        if (page * result.limit >= result.total) break;
      }
      return members;
    },
  });
}

export function useUpdateMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, body }: { userId: string; body: Schemas['UpdateMemberDto'] }) =>
      call(api.PATCH('/api/organizations/current/members/{userId}', { params: { path: { userId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['organization', 'members'] }),
  });
}

export function useInvitations(page: number, limit = 20) {
  return useQuery({
    queryKey: keys.invitations(page),
    queryFn: () => call(api.GET('/api/organizations/current/invitations', { params: { query: paging(page, limit) } })),
    placeholderData: keepPreviousData,
  });
}

export function useCreateInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['CreateInvitationDto']) =>
      call(api.POST('/api/organizations/current/invitations', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['organization', 'invitations'] }),
  });
}

export function useRevokeInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      call(api.DELETE('/api/organizations/current/invitations/{id}', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['organization', 'invitations'] }),
  });
}

export function usePolicy({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: keys.policy,
    enabled,
    queryFn: () => call(api.GET('/api/organizations/current/policy')),
  });
}

export function useSavePolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['TravelPolicyDto']) => call(api.PUT('/api/organizations/current/policy', { body })),
    onSuccess: (policy) => queryClient.setQueryData(keys.policy, policy),
  });
}

export function useOutbox(page: number, limit = 20) {
  return useQuery({
    queryKey: keys.outbox(page),
    queryFn: () => call(api.GET('/api/organizations/current/outbox', { params: { query: paging(page, limit) } })),
    placeholderData: keepPreviousData,
    // Delivery happens in the background: look again while something is still on its way.
    refetchInterval: (query) => (query.state.data?.items.some((mail) => mail.status === 'pending') ? 3000 : false),
  });
}

export type AuditAction = NonNullable<AuditQuery['action']>;
export type AuditEntityType = NonNullable<AuditQuery['entityType']>;
type AuditQuery = NonNullable<operations['AuditController_list']['parameters']['query']>;

export interface AuditFilters {
  page: number;
  action?: AuditAction;
  entityType?: AuditEntityType;
  /** Instants (ISO 8601): events at or after `from` and before `to`. */
  from?: string;
  to?: string;
}

function auditFilterQuery({ action, entityType, from, to }: Omit<AuditFilters, 'page'>) {
  return Object.fromEntries(Object.entries({ action, entityType, from, to }).filter(([, value]) => value)) as Omit<
    AuditFilters,
    'page'
  >;
}

export function useAudit(filters: AuditFilters, limit = 25) {
  return useQuery({
    queryKey: keys.audit(filters),
    queryFn: () =>
      call(
        api.GET('/api/audit', {
          params: { query: { ...paging(filters.page, limit), ...auditFilterQuery(filters) } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** The filtered log as a CSV file (through the API, with the session's token), and its file name. */
export async function fetchAuditCsv(filters: Omit<AuditFilters, 'page'>): Promise<{ blob: Blob; filename: string }> {
  const { data, error, response } = await api.GET('/api/audit/export.csv', {
    params: { query: auditFilterQuery(filters) },
    parseAs: 'blob',
  });
  if (!response.ok || !data) throw toApiError(response, error);
  return { blob: data as Blob, filename: attachmentName(response, 'audit-log.csv') };
}
