import { tileConfigFrom } from '@/components/map/map-config';

// Read on every request: MAP_TILE_URL is run-time configuration, not fixed into the build.
export const dynamic = 'force-dynamic';

export function GET() {
  return Response.json({ tiles: tileConfigFrom(process.env) }, { headers: { 'Cache-Control': 'public, max-age=300' } });
}
