'use client';

import type { Schemas } from '@nestmap/api-client';
import { useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { api, call } from './client';

export type Collaborator = Schemas['CollaboratorResponse'];
export type CollaboratorRole = Collaborator['role'];
export type Comment = Schemas['CommentResponse'];
export type ChecklistItem = Schemas['ChecklistItemResponse'];
export type TripNotes = Schemas['TripNotesResponse'];
export type ShareLink = Schemas['ShareLinkResponse'];
export type Notification = Schemas['NotificationResponse'];

export const collaborationKeys = {
  collaborators: (tripId: string) => ['collaboration', tripId, 'collaborators'] as const,
  candidates: (tripId: string, q: string) => ['collaboration', tripId, 'candidates', q] as const,
  comments: (tripId: string) => ['collaboration', tripId, 'comments'] as const,
  checklist: (tripId: string) => ['collaboration', tripId, 'checklist'] as const,
  notes: (tripId: string) => ['collaboration', tripId, 'notes'] as const,
  shareLinks: (tripId: string) => ['collaboration', tripId, 'share-links'] as const,
  notifications: ['notifications'] as const,
};

/** A write that re-reads `key` (and the trip, whose allowedActions may follow) once it is done. */
function useWrite<V, R>(key: QueryKey, run: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: run, onSuccess: () => queryClient.invalidateQueries({ queryKey: key }) });
}

const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });
const path = (tripId: string) => ({ params: { path: { tripId } } });

export function useCollaborators(tripId: string) {
  return useQuery({
    queryKey: collaborationKeys.collaborators(tripId),
    queryFn: () => call(api.GET('/api/trips/{tripId}/collaborators', path(tripId))),
  });
}

export function useCandidates(tripId: string, q: string, enabled: boolean) {
  return useQuery({
    queryKey: collaborationKeys.candidates(tripId, q),
    enabled,
    queryFn: () =>
      call(api.GET('/api/trips/{tripId}/collaborators/candidates', { params: { path: { tripId }, query: { q } } })),
  });
}

export function usePutCollaborator(tripId: string) {
  return useWrite(
    collaborationKeys.collaborators(tripId),
    ({ userId, role }: { userId: string; role: CollaboratorRole }) =>
      call(
        api.PUT('/api/trips/{tripId}/collaborators/{userId}', { params: { path: { tripId, userId } }, body: { role } }),
      ),
  );
}

export function useRemoveCollaborator(tripId: string) {
  return useWrite(collaborationKeys.collaborators(tripId), (userId: string) =>
    call(api.DELETE('/api/trips/{tripId}/collaborators/{userId}', { params: { path: { tripId, userId } } })),
  );
}

export function useComments(tripId: string) {
  return useQuery({
    queryKey: collaborationKeys.comments(tripId),
    queryFn: () => call(api.GET('/api/trips/{tripId}/comments', path(tripId))),
  });
}

/**
 * Comments per activity, read from the cache the collaboration section fills (it is loaded after the
 * itinerary): this never fetches by itself, so the trip page's first paint does not wait for it.
 */
export function useCommentCounts(tripId: string): ReadonlyMap<string, number> {
  const { data } = useQuery({
    queryKey: collaborationKeys.comments(tripId),
    queryFn: () => call(api.GET('/api/trips/{tripId}/comments', path(tripId))),
    enabled: false,
  });
  const counts = new Map<string, number>();
  for (const { activityId } of data?.items ?? [])
    if (activityId) counts.set(activityId, (counts.get(activityId) ?? 0) + 1);
  return counts;
}

const COMMENTS_HASH = '#comments-';
/** The address of an activity's comment thread on the trip page (read by the comments card). */
export const commentsHash = (activityId: string) => `${COMMENTS_HASH}${activityId}`;
/** The activity whose thread an address names, if any. */
export const activityOfCommentsHash = (hash: string) =>
  hash.startsWith(COMMENTS_HASH) ? hash.slice(COMMENTS_HASH.length) : null;

export function useCreateComment(tripId: string) {
  return useWrite(
    collaborationKeys.comments(tripId),
    (body: { body: string; activityId?: string; mentionedUserIds?: string[] }) =>
      call(api.POST('/api/trips/{tripId}/comments', { ...path(tripId), body })),
  );
}

export function useUpdateComment(tripId: string) {
  return useWrite(
    collaborationKeys.comments(tripId),
    ({ id, body, version }: { id: string; body: string; version: number }) =>
      call(
        api.PATCH('/api/comments/{id}', {
          params: { path: { id }, header: ifMatch(version) },
          body: { body, version },
        }),
      ),
  );
}

export function useDeleteComment(tripId: string) {
  return useWrite(collaborationKeys.comments(tripId), (id: string) =>
    call(api.DELETE('/api/comments/{id}', { params: { path: { id } } })),
  );
}

export function useChecklist(tripId: string) {
  return useQuery({
    queryKey: collaborationKeys.checklist(tripId),
    queryFn: () => call(api.GET('/api/trips/{tripId}/checklist', path(tripId))),
  });
}

export function useCreateChecklistItem(tripId: string) {
  return useWrite(
    collaborationKeys.checklist(tripId),
    (body: { title: string; assigneeId?: string | null; dueDate?: string | null }) =>
      call(api.POST('/api/trips/{tripId}/checklist', { ...path(tripId), body })),
  );
}

/** A change carries the version it started from: a stale one is a 409 (CHECKLIST_ITEM_VERSION_STALE). */
export function useUpdateChecklistItem(tripId: string) {
  return useWrite(
    collaborationKeys.checklist(tripId),
    ({
      id,
      ...body
    }: {
      id: string;
      version: number;
      done?: boolean;
      title?: string;
      assigneeId?: string | null;
      dueDate?: string | null;
    }) =>
      call(api.PATCH('/api/checklist-items/{id}', { params: { path: { id }, header: ifMatch(body.version) }, body })),
  );
}

export function useDeleteChecklistItem(tripId: string) {
  return useWrite(collaborationKeys.checklist(tripId), (id: string) =>
    call(api.DELETE('/api/checklist-items/{id}', { params: { path: { id } } })),
  );
}

export function useTripNotes(tripId: string) {
  return useQuery({
    queryKey: collaborationKeys.notes(tripId),
    queryFn: () => call(api.GET('/api/trips/{tripId}/notes', path(tripId))),
  });
}

export function useSaveTripNotes(tripId: string) {
  return useWrite(collaborationKeys.notes(tripId), (body: { body: string; version: number }) =>
    call(api.PUT('/api/trips/{tripId}/notes', { params: { path: { tripId }, header: ifMatch(body.version) }, body })),
  );
}

export function useShareLinks(tripId: string, enabled: boolean) {
  return useQuery({
    queryKey: collaborationKeys.shareLinks(tripId),
    enabled,
    queryFn: () => call(api.GET('/api/trips/{tripId}/share-links', path(tripId))),
  });
}

export function useCreateShareLink(tripId: string) {
  return useWrite(collaborationKeys.shareLinks(tripId), (expiresInDays: number) =>
    call(api.POST('/api/trips/{tripId}/share-links', { ...path(tripId), body: { expiresInDays } })),
  );
}

export function useRevokeShareLink(tripId: string) {
  return useWrite(collaborationKeys.shareLinks(tripId), (id: string) =>
    call(api.DELETE('/api/share-links/{id}', { params: { path: { id } } })),
  );
}

/**
 * The bell: the newest notifications and the unread count. Refetched on `notification.created`
 * while the live connection is up (`useNotificationsLive`); polled every 30 s only while it is not.
 */
export function useNotifications(enabled: boolean, live = false) {
  return useQuery({
    queryKey: collaborationKeys.notifications,
    enabled,
    refetchInterval: live ? false : 30_000,
    queryFn: () => call(api.GET('/api/notifications', { params: { query: { limit: 20 } } })),
  });
}

export function useMarkNotificationRead() {
  return useWrite(collaborationKeys.notifications, (id: string) =>
    call(api.POST('/api/notifications/{id}/read', { params: { path: { id } } })),
  );
}

export function useMarkAllNotificationsRead() {
  return useWrite(collaborationKeys.notifications, () => call(api.POST('/api/notifications/read-all')));
}
