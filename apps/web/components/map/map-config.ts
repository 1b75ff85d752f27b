import { feature } from 'topojson-client';
import type { FeatureCollection } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countries110m from 'world-atlas/countries-110m.json';

const OSM_TILES = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
const OSM_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors';

/**
 * Raster tiles from NEXT_PUBLIC_MAP_TILE_URL (fixed at build time). Unset: OpenStreetMap's in a
 * production build, none in development; `none` turns tiles off. The bundled world outline is
 * always drawn underneath, so markers have a place when tiles do not load (offline, tests).
 */
export function tileLayerConfig(): { url: string; attribution: string } | null {
  const configured = process.env.NEXT_PUBLIC_MAP_TILE_URL;
  const url =
    configured === undefined || configured === ''
      ? process.env.NODE_ENV === 'production'
        ? OSM_TILES
        : null
      : configured === 'none'
        ? null
        : configured;
  if (!url) return null;
  return {
    url,
    attribution: process.env.NEXT_PUBLIC_MAP_TILE_ATTRIBUTION ?? (url === OSM_TILES ? OSM_ATTRIBUTION : ''),
  };
}

let outline: FeatureCollection | null = null;

/** Natural Earth 1:110m country outlines (world-atlas), converted once from TopoJSON. */
export function worldOutline(): FeatureCollection {
  if (!outline) {
    const topology = countries110m as unknown as Topology<{ countries: GeometryCollection }>;
    outline = feature(topology, topology.objects.countries) as FeatureCollection;
  }
  return outline;
}
