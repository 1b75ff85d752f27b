export interface TileConfig {
  /** Raster tile template with `{z}/{x}/{y}` (and optionally `{s}`). */
  url: string;
  attribution: string;
}

export const OSM_TILES = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
const OSM_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors';

interface TileEnvironment {
  MAP_TILE_URL?: string;
  MAP_TILE_ATTRIBUTION?: string;
  NODE_ENV?: string;
}

/**
 * The raster tiles the maps use, from the web server's environment at run time (no rebuild to
 * change them). MAP_TILE_URL unset: OpenStreetMap's public tiles in production (fine for light
 * use only, see their tile usage policy), none in development; `none`: no tiles, the bundled
 * vector basemap only.
 */
export function tileConfigFrom(env: TileEnvironment): TileConfig | null {
  const configured = env.MAP_TILE_URL?.trim();
  if (configured === 'none') return null;
  const url = configured || (env.NODE_ENV === 'production' ? OSM_TILES : null);
  if (!url) return null;
  return { url, attribution: env.MAP_TILE_ATTRIBUTION ?? (url === OSM_TILES ? OSM_ATTRIBUTION : '') };
}

/** Where the browser reads the tile configuration (app/map-tiles/route.ts). */
export const TILE_CONFIG_PATH = '/map-tiles';
