'use client';

import type { operations, Schemas } from '@nestmap/api-client';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { toApiError } from './api-error';
import { api, call } from './client';
import { attachmentName } from './download';

export type SpendReport = Schemas['SpendReportResponse'];
export type SpendFilters = NonNullable<operations['ReportsController_report']['parameters']['query']>;

/** Drops empty filters: the API refuses an empty `costCentre`. */
function query(filters: SpendFilters): SpendFilters {
  return Object.fromEntries(Object.entries(filters).filter(([, value]) => value)) as SpendFilters;
}

export function useSpendReport(filters: SpendFilters, enabled = true) {
  return useQuery({
    queryKey: ['reports', 'spend', query(filters)],
    enabled,
    queryFn: () => call(api.GET('/api/reports/spend', { params: { query: query(filters) } })),
    placeholderData: keepPreviousData,
  });
}

/** The report's bookings and refunds as a CSV file (through the API, with the session's token). */
export async function fetchSpendCsv(filters: SpendFilters): Promise<{ blob: Blob; filename: string }> {
  const { data, error, response } = await api.GET('/api/reports/spend.csv', {
    params: { query: query(filters) },
    parseAs: 'blob',
  });
  if (!response.ok || !data) throw toApiError(response, error);
  return { blob: data as Blob, filename: attachmentName(response, 'spend.csv') };
}

export type CostCentreBudget = Schemas['CostCentreBudgetResponse'];

export function useCostCentreBudgets(year: number) {
  return useQuery({
    queryKey: ['reports', 'budgets', year],
    queryFn: () => call(api.GET('/api/cost-centre-budgets', { params: { query: { year } } })),
  });
}

export function useSetCostCentreBudget() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['SetCostCentreBudgetDto']) => call(api.PUT('/api/cost-centre-budgets', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['reports', 'budgets'] }),
  });
}
