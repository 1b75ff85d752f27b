/** The sort keys of a search's offers → their columns (allow-listed: no SQL from the query string). */
export const OFFER_SORTS = {
  price: 'o.policy_amount',
  duration: 'o.duration_minutes',
  emissions: 'o.emissions_kg',
} as const;
export type OfferSort = keyof typeof OFFER_SORTS;

export interface OfferFilters {
  sort: OfferSort;
  order: 'asc' | 'desc';
  /** At most this many connections on every slice. */
  maxStops?: number;
  /** Offers with at least one of these carriers (marketing or operating, on any segment). */
  airlines?: string[];
  inPolicyOnly?: boolean;
}

export interface OfferSql {
  /** Conditions on `o` (flight_offers), joined with AND; values in `parameters` ($1 onwards). */
  where: string[];
  parameters: unknown[];
  orderBy: string;
}

/**
 * The SQL of a page of a search's offers that have not expired at `at`. Ties are broken by price,
 * then duration, then id, so pages never overlap; offers without an emissions figure come last
 * whichever way emissions are sorted.
 */
export function offerSql(searchId: string, at: Date, filters: OfferFilters): OfferSql {
  const parameters: unknown[] = [searchId, at];
  const where = ['o.organization_id = $organization', 'o.search_id = $1', 'o.expires_at > $2'];
  if (filters.maxStops !== undefined) where.push(`o.stops <= $${parameters.push(filters.maxStops)}`);
  if (filters.airlines?.length) where.push(`o.carriers && $${parameters.push(filters.airlines)}::varchar[]`);
  if (filters.inPolicyOnly) where.push(`o.verdict = 'in_policy'`);
  const direction = filters.order === 'desc' ? 'DESC' : 'ASC';
  const column = OFFER_SORTS[filters.sort];
  const ties = ['o.policy_amount ASC', 'o.duration_minutes ASC', 'o.id ASC'].filter(
    (tie) => !tie.startsWith(`${column} `),
  );
  return { where, parameters, orderBy: [`${column} ${direction} NULLS LAST`, ...ties].join(', ') };
}
