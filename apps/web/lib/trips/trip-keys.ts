/** TanStack Query keys of trips, shared by the browser's hooks and the server's prefetch. */
export const tripKeys = {
  all: ['trips'] as const,
  list: (filters: object) => ['trips', 'list', filters] as const,
  detail: (id: string) => ['trips', 'detail', id] as const,
  itinerary: (id: string) => ['trips', 'itinerary', id] as const,
};
