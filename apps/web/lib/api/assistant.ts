'use client';

import type { Schemas } from '@nestmap/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getAccessToken, refreshAccessToken } from '../session/session-client';
import { createAuthFetch } from '../session/auth-fetch';
import { toApiError } from './api-error';
import { api, call } from './client';
import { tripKeys } from './trips';

export type AssistantStatus = Schemas['AssistantStatusResponse'];
export type AssistantNote = Schemas['NoteResponse'];
export type Proposal = Schemas['ProposalResponse'];
export type DroppedProposal = Schemas['DroppedProposalResponse'];
export type Suggestions = Schemas['SuggestionsResponse'];
export type DayOptimisation = Schemas['DayOptimisationResponse'];
export type AiUsage = Schemas['AiUsageResponse'];
export type AiFeature = AiUsage['byFeature'][number]['feature'];
export type AiSettings = Schemas['AiSettingsResponse'];

export type TripPlan = Schemas['TripPlanResponse'];
export type VerdictExplanation = Schemas['VerdictExplanationResponse'];

const authFetch = createAuthFetch({ fetch: (request) => fetch(request), refresh: refreshAccessToken });

/** The briefing request, read as a stream (not parsed): the session's token, one refresh on a 401, cancelled through `signal`. */
async function send(path: string, body: unknown, signal?: AbortSignal): Promise<Response> {
  const headers = new Headers({ 'Content-Type': 'application/json' });
  const token = getAccessToken();
  if (token) headers.set('Authorization', `Bearer ${token}`);
  const response = await authFetch(
    new Request(new URL(path, window.location.origin), {
      method: 'POST',
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    }),
  );
  if (!response.ok) throw toApiError(response, await response.json().catch(() => null));
  return response;
}

export const assistantKeys = {
  status: ['assistant', 'status'] as const,
  usage: (month: string) => ['assistant', 'usage', month] as const,
  settings: ['assistant', 'settings'] as const,
};

/** Whether a model is configured (never an error when not): the panels explain instead of failing. */
export function useAssistantStatus() {
  return useQuery({
    queryKey: assistantKeys.status,
    queryFn: () => call(api.GET('/api/assistant/status')),
    staleTime: 60_000,
  });
}

export const suggestActivities = (
  tripId: string,
  body: { date?: string; request?: string },
  signal: AbortSignal,
): Promise<Suggestions> =>
  call(api.POST('/api/trips/{tripId}/assistant/suggestions', { params: { path: { tripId } }, body, signal }));

export const planTrip = (sentence: string, signal: AbortSignal): Promise<TripPlan> =>
  call(api.POST('/api/assistant/trip-plans', { body: { sentence }, signal }));

export const explainVerdict = (
  tripId: string,
  body: Schemas['VerdictExplanationDto'],
  signal: AbortSignal,
): Promise<VerdictExplanation> =>
  call(api.POST('/api/trips/{tripId}/assistant/verdict-explanations', { params: { path: { tripId } }, body, signal }));

/** The briefing's event stream (docs/ai.md § 3); errors known before it starts are thrown as ApiError. */
export async function streamBriefing(tripId: string, date: string, signal: AbortSignal) {
  const response = await send(`/api/trips/${tripId}/assistant/briefings`, { date }, signal);
  if (!response.body) throw new Error('The briefing arrived without a body.');
  return response.body;
}

/** Posts a proposal's activity through the normal activity route (normal rules and errors). */
export const addProposedActivity = (tripId: string, activity: Schemas['CreateActivityDto']) =>
  call(api.POST('/api/trips/{tripId}/activities', { params: { path: { tripId } }, body: activity }));

/** Proposes (or, with `apply`, saves) the day's order; the itinerary is re-read after saving. */
export function useOptimiseDay(tripId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['DayOptimisationDto']) =>
      call(api.POST('/api/trips/{tripId}/assistant/day-optimisations', { params: { path: { tripId } }, body })),
    onSuccess: (result) =>
      result.applied ? queryClient.invalidateQueries({ queryKey: tripKeys.itinerary(tripId) }) : undefined,
  });
}

export function useAiUsage(month: string) {
  return useQuery({
    queryKey: assistantKeys.usage(month),
    queryFn: () => call(api.GET('/api/organizations/current/ai-usage', { params: { query: { month } } })),
  });
}

export function useAiSettings() {
  return useQuery({
    queryKey: assistantKeys.settings,
    queryFn: () => call(api.GET('/api/organizations/current/ai-settings')),
  });
}

export function useSaveAiSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['AiSettingsDto']) => call(api.PUT('/api/organizations/current/ai-settings', { body })),
    onSuccess: (settings) => {
      queryClient.setQueryData(assistantKeys.settings, settings);
      // The budget shows in the usage report and decides the status.
      return queryClient.invalidateQueries({ queryKey: ['assistant'] });
    },
  });
}
