'use client';

import type { Schemas } from '@nestmap/api-client';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from './client';
import { paging } from './contract';

export type StayRate = Schemas['StayRateResponse'];
export type StayRatesPage = Schemas['StayRatesPage'];
export type StaySearchBody = Schemas['CreateStaySearchDto'];

/** How the rates of a search are listed: the API sorts, filters and pages them. */
export interface RateView {
  sort: 'price' | 'stars' | 'distance';
  inPolicyOnly: boolean;
  page: number;
}

export const FIRST_RATES: RateView = { sort: 'price', inPolicyOnly: false, page: 1 };
const RATES_PER_PAGE = 20;

const stayKeys = {
  rates: (searchId: string, view: RateView) => ['stay-searches', searchId, view] as const,
};

function ratesQuery(view: RateView) {
  return {
    ...paging(view.page, RATES_PER_PAGE),
    sort: view.sort,
    // Stars and distance read best first.
    ...(view.sort === 'stars' ? { order: 'desc' as const } : {}),
    ...(view.inPolicyOnly ? { inPolicyOnly: true } : {}),
  };
}

/** Runs a stay search for the trip; its first page is kept as the default view of that search. */
export function useSearchStays(tripId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: StaySearchBody) =>
      call(
        api.POST('/api/trips/{id}/stay-searches', {
          params: { path: { id: tripId }, query: ratesQuery(FIRST_RATES) },
          body,
        }),
      ),
    onSuccess: (page) => queryClient.setQueryData(stayKeys.rates(page.search.id, FIRST_RATES), page),
  });
}

export function useStayRates(searchId: string | null, view: RateView) {
  return useQuery({
    queryKey: stayKeys.rates(searchId ?? '', view),
    queryFn: () =>
      call(api.GET('/api/stay-searches/{id}', { params: { path: { id: searchId! }, query: ratesQuery(view) } })),
    enabled: searchId !== null,
    placeholderData: keepPreviousData,
    // Rates expire (the sandbox's after 30 minutes): a page left open is read again, not trusted.
    staleTime: 60_000,
  });
}
