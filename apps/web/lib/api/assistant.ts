'use client';

import type { Schemas } from '@nestmap/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getAccessToken, refreshAccessToken } from '../session/session-client';
import { createAuthFetch } from '../session/auth-fetch';
import { toApiError } from './api-error';
import { api, call } from './client';
import { tripKeys } from './trips';

// The assistant's shapes as docs/ai.md gives them.
// TODO(#12): use Schemas[...] once libs/api-client has the assistant's routes.
type Money = { amount: string; currency: string };
export type AssistantNote = { code: string; message: string };
export interface Proposal {
  key: string;
  title: string;
  type: Schemas['ActivityResponse']['type'];
  date: string;
  startTime: string | null;
  endTime: string | null;
  timezone: string;
  placeName: string | null;
  latitude: number | null;
  longitude: number | null;
  notes: string | null;
  estimatedCost: Money | null;
  activity: Schemas['CreateActivityDto'];
  validation: AssistantNote[];
}
export type DroppedProposal = { title: string; reasons: AssistantNote[] };
export interface Suggestions {
  proposals: Proposal[];
  dropped: DroppedProposal[];
  model: string;
}
export interface TripPlan extends Suggestions {
  trip: Schemas['CreateTripDto'];
  destination: { name: string; countryCode: string; latitude: number; longitude: number; timezone: string } | null;
  notes: AssistantNote[];
}
export interface AssistantStatus {
  configured: boolean;
  model: string | null;
  features: {
    suggestions: boolean;
    tripPlans: boolean;
    briefings: boolean;
    verdictExplanations: boolean;
    dayOptimisation: boolean;
  };
  budget: { monthlyTokens: number | null; usedTokens: number; exceeded: boolean };
}
export interface DayOptimisation {
  date: string;
  activityIds: string[];
  moved: string[];
  distanceKm: { before: number; after: number };
  applied: boolean;
}
export interface VerdictExplanation {
  verdict: string;
  reasons: Schemas['PolicyVerdictResponse']['reasons'];
  explanation: string;
}
export type AiFeature = 'suggestions' | 'trip_plans' | 'briefings' | 'verdict_explanations';
type Usage = { calls: number; inputTokens: number; outputTokens: number };
export interface AiUsage {
  month: string;
  budget: AssistantStatus['budget'];
  totals: Usage & { failures: number };
  byUser: (Usage & { userId: string; name: string; email: string })[];
  byFeature: (Usage & { feature: AiFeature })[];
}

const authFetch = createAuthFetch({ fetch: (request) => fetch(request), refresh: refreshAccessToken });

/** A request to the assistant's routes with the session's token, cancelled through `signal`. */
async function send(path: string, body: unknown, signal?: AbortSignal, method = 'POST'): Promise<Response> {
  const headers = new Headers({ 'Content-Type': 'application/json' });
  const token = getAccessToken();
  if (token) headers.set('Authorization', `Bearer ${token}`);
  const response = await authFetch(
    new Request(new URL(path, window.location.origin), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    }),
  );
  if (!response.ok) throw toApiError(response, await response.json().catch(() => null));
  return response;
}

const json = async <T>(pending: Promise<Response>): Promise<T> => (await (await pending).json()) as T;

export const assistantKeys = {
  status: ['assistant', 'status'] as const,
  usage: (month: string) => ['assistant', 'usage', month] as const,
  settings: ['assistant', 'settings'] as const,
};

/** Whether a model is configured (never an error when not): the panels explain instead of failing. */
export function useAssistantStatus() {
  return useQuery({
    queryKey: assistantKeys.status,
    queryFn: () => json<AssistantStatus>(send('/api/assistant/status', undefined, undefined, 'GET')),
    staleTime: 60_000,
  });
}

export const suggestActivities = (
  tripId: string,
  body: { date?: string; request?: string },
  signal: AbortSignal,
): Promise<Suggestions> => json(send(`/api/trips/${tripId}/assistant/suggestions`, body, signal));

export const planTrip = (sentence: string, signal: AbortSignal): Promise<TripPlan> =>
  json(send('/api/assistant/trip-plans', { sentence }, signal));

export const explainVerdict = (
  tripId: string,
  body: { bookingId?: string; offerId?: string },
  signal: AbortSignal,
): Promise<VerdictExplanation> => json(send(`/api/trips/${tripId}/assistant/verdict-explanations`, body, signal));

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
    mutationFn: (body: { date: string; apply?: boolean }) =>
      json<DayOptimisation>(send(`/api/trips/${tripId}/assistant/day-optimisations`, body)),
    onSuccess: (result) =>
      result.applied ? queryClient.invalidateQueries({ queryKey: tripKeys.itinerary(tripId) }) : undefined,
  });
}

export function useAiUsage(month: string) {
  return useQuery({
    queryKey: assistantKeys.usage(month),
    queryFn: () =>
      json<AiUsage>(
        send(`/api/organizations/current/ai-usage?month=${encodeURIComponent(month)}`, undefined, undefined, 'GET'),
      ),
  });
}

export interface AiSettings {
  monthlyTokenBudget: number | null;
  requestsPerMinute: number;
}

export function useAiSettings() {
  return useQuery({
    queryKey: assistantKeys.settings,
    queryFn: () => json<AiSettings>(send('/api/organizations/current/ai-settings', undefined, undefined, 'GET')),
  });
}

export function useSaveAiSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AiSettings) =>
      json<AiSettings>(send('/api/organizations/current/ai-settings', body, undefined, 'PUT')),
    onSuccess: (settings) => {
      queryClient.setQueryData(assistantKeys.settings, settings);
      // The budget shows in the usage report and decides the status.
      return queryClient.invalidateQueries({ queryKey: ['assistant'] });
    },
  });
}
