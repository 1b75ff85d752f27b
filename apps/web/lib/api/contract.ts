import type { Schemas } from '@nestmap/api-client';

/*
 * Where the API's OpenAPI document is looser than the API itself, in one place.
 * - `page`/`limit` query parameters are described as `Object` (PaginationQuery's @ApiPropertyOptional
 *   lacks `type: Number`); the API takes numbers.
 * - CreateActivityDto/UpdateActivityDto describe nullable fields (endsAt, locationName, latitude,
 *   longitude, notes, bookingReference) as `object` (@ApiPropertyOptional without `type`); the API
 *   takes strings and numbers.
 * Both are reported to the API's owner; once the document is fixed and regenerated, these casts
 * become no-ops and can go.
 */

/** Page and size for list endpoints. */
export function paging(page: number, limit: number): { page: never; limit: never } {
  return { page: page as never, limit: limit as never };
}

type LooseActivityFields = 'endsAt' | 'locationName' | 'latitude' | 'longitude' | 'notes' | 'bookingReference';

export type ActivityBody = Omit<Schemas['CreateActivityDto'], LooseActivityFields> & {
  endsAt?: string | null;
  locationName?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  notes?: string | null;
  bookingReference?: string | null;
};

/** A create leaves empty fields out (the form's nulls are there to clear fields on an edit). */
export function createActivityBody(body: ActivityBody): Schemas['CreateActivityDto'] {
  const set = Object.entries(body).filter(([, value]) => value !== null);
  return Object.fromEntries(set) as unknown as Schemas['CreateActivityDto'];
}

export function updateActivityBody(body: Partial<ActivityBody>): Schemas['UpdateActivityDto'] {
  return body as unknown as Schemas['UpdateActivityDto'];
}
