'use client';

import type { Schemas } from '@nestmap/api-client';
import { useQuery } from '@tanstack/react-query';
import { toApiError } from './api-error';
import { api, call } from './client';
import { attachmentName } from './download';

export type StatementMonth = Schemas['StatementMonth'];
export type Statement = Schemas['StatementResponse'];
export type StatementTotals = Schemas['StatementCurrencyTotals'];

export function useStatementMonths() {
  return useQuery({
    queryKey: ['statements'],
    queryFn: () => call(api.GET('/api/statements')),
  });
}

export function useStatement(month: string | undefined) {
  return useQuery({
    queryKey: ['statements', month],
    enabled: Boolean(month),
    queryFn: () => call(api.GET('/api/statements/{month}', { params: { path: { month: month! } } })),
  });
}

/** A month's statement as a CSV or PDF file (through the API, with the session's token). */
export async function fetchStatementFile(
  month: string,
  format: 'csv' | 'pdf',
): Promise<{ blob: Blob; filename: string }> {
  const request = { params: { path: { month } }, parseAs: 'blob' as const };
  const { data, error, response } =
    format === 'csv'
      ? await api.GET('/api/statements/{month}.csv', request)
      : await api.GET('/api/statements/{month}.pdf', request);
  if (!response.ok || !data) throw toApiError(response, error);
  return { blob: data as Blob, filename: attachmentName(response, `statement-${month}.${format}`) };
}
