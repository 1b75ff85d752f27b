/** The sort keys of a search's rates → their columns (allow-listed: no SQL from the query string). */
export const RATE_SORTS = {
  price: 'r.policy_amount',
  stars: 'r.stars',
  distance: 'r.distance_km',
} as const;
export type RateSort = keyof typeof RATE_SORTS;

export interface RateFilters {
  sort: RateSort;
  order: 'asc' | 'desc';
  minStars?: number;
  inPolicyOnly?: boolean;
}

/**
 * The SQL of a page of a search's rates not expired at `at`: ties by price, then id, so pages never
 * overlap; unrated properties and rates without a distance come last either way.
 */
export function rateSql(
  searchId: string,
  at: Date,
  filters: RateFilters,
): { where: string[]; parameters: unknown[]; orderBy: string } {
  const parameters: unknown[] = [searchId, at];
  const where = ['r.organization_id = $organization', 'r.search_id = $1', 'r.expires_at > $2'];
  if (filters.minStars !== undefined) where.push(`r.stars >= $${parameters.push(filters.minStars)}`);
  if (filters.inPolicyOnly) where.push(`r.verdict = 'in_policy'`);
  const column = RATE_SORTS[filters.sort];
  const ties = ['r.policy_amount ASC', 'r.id ASC'].filter((tie) => !tie.startsWith(`${column} `));
  return {
    where,
    parameters,
    orderBy: [`${column} ${filters.order === 'desc' ? 'DESC' : 'ASC'} NULLS LAST`, ...ties].join(', '),
  };
}
