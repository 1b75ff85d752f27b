import type { ApiClient } from './api-client';
import { inDays } from './flight-fixtures';

/** A sandbox stay search of `tripId` (around its destination, 2 nights in 60 days): the id the route sweeps need. */
export async function staySearch(api: ApiClient, token: string, tripId: string): Promise<string> {
  const search = await api.post(
    `/api/trips/${tripId}/stay-searches`,
    { checkInDate: inDays(60), checkOutDate: inDays(62) },
    { token },
  );
  if (search.status !== 201) throw new Error(`stay search: ${search.status} ${search.text}`);
  return search.body.search.id;
}
