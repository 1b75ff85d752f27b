'use client';

import 'leaflet/dist/leaflet.css';
import type { LatLngBoundsExpression } from 'leaflet';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { MapContainer, ScaleControl, TileLayer } from 'react-leaflet';
import { TILE_CONFIG_PATH, type TileConfig } from './map-config';
import { MapPlaceholder } from './map-placeholder';
import { OfflineBasemap } from './offline-basemap';
import { afterTile, FIRST_TILE_TIMEOUT_MS, initialTileHealth, tilesHaveFailed } from './tile-health';
import styles from './map.module.css';

const WORLD: LatLngBoundsExpression = [
  [-55, -170],
  [72, 180],
];

// Asked once per page load: every map after the first starts with the answer.
let tileConfig: Promise<TileConfig | null> | null = null;
const fetchTileConfig = () =>
  (tileConfig ??= fetch(TILE_CONFIG_PATH)
    .then((response) => (response.ok ? (response.json() as Promise<{ tiles: TileConfig | null }>) : { tiles: null }))
    .then(({ tiles }) => tiles)
    .catch(() => null));

/** undefined while asking the web server; null when no tiles are configured. */
function useTileConfig(): TileConfig | null | undefined {
  const [tiles, setTiles] = useState<TileConfig | null | undefined>(undefined);
  useEffect(() => {
    let cancelled = false;
    void fetchTileConfig().then((answer) => !cancelled && setTiles(answer));
    return () => {
      cancelled = true;
    };
  }, []);
  return tiles;
}

/**
 * False until the browser has had a turn after mounting. Leaflet's start (the map, then its pins,
 * labels and view) forces style and layout and adds DOM: in one task it blocked the trip page's
 * main thread for ~240 ms at phone speed (Lighthouse's total blocking time); in steps, each a task
 * of its own, the page stays responsive and the browser lays out between them.
 */
function useAfterYield(): boolean {
  const [yielded, setYielded] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setYielded(true), 0);
    return () => clearTimeout(timer);
  }, []);
  return yielded;
}

/** The map's layers and view, one task after the map itself. */
function AfterMapStart({ children }: { children: ReactNode }) {
  return useAfterYield() ? children : null;
}

/** The configured tiles, until they fail: then `onFailed` (the map switches to the bundled basemap). */
function Tiles({ config, onFailed }: { config: TileConfig; onFailed(): void }) {
  const health = useRef(initialTileHealth);
  const report = (outcome: 'load' | 'error') => {
    health.current = afterTile(health.current, outcome);
    if (tilesHaveFailed(health.current)) onFailed();
  };
  useEffect(() => {
    const timer = setTimeout(() => health.current.loaded === 0 && onFailed(), FIRST_TILE_TIMEOUT_MS);
    return () => clearTimeout(timer);
  }, [onFailed]);
  return (
    <TileLayer
      url={config.url}
      attribution={config.attribution}
      eventHandlers={{ tileload: () => report('load'), tileerror: () => report('error') }}
    />
  );
}

export interface BaseMapProps {
  children?: ReactNode;
  /** Drawn over the map (legends), inside its labelled region. */
  overlay?: ReactNode;
  className?: string;
  label: string;
}

/**
 * Leaflet with the configured raster tiles, or the bundled vector basemap when tiles are off or
 * cannot load (offline, a blocked tile server): then a quiet note says so and the tile provider's
 * attribution goes with its tiles. Client-only.
 */
export function BaseMap({ children, overlay, className, label }: BaseMapProps) {
  const tiles = useTileConfig();
  const [tilesFailed, setTilesFailed] = useState(false);
  const onTilesFailed = useCallback(() => setTilesFailed(true), []);
  const basemap = tiles === null || tilesFailed;
  const started = useAfterYield();
  return (
    <div role="region" aria-label={label} className={[styles.region, className].filter(Boolean).join(' ')}>
      {started ? (
        <MapContainer className={styles.map} bounds={WORLD} minZoom={1} maxZoom={18} worldCopyJump scrollWheelZoom>
          <AfterMapStart>
            {tiles && !tilesFailed && <Tiles config={tiles} onFailed={onTilesFailed} />}
            {basemap && <OfflineBasemap />}
            <ScaleControl position="bottomleft" />
            {children}
          </AfterMapStart>
        </MapContainer>
      ) : (
        <MapPlaceholder />
      )}
      {tilesFailed && (
        <p className={styles.offlineNote} role="status">
          Offline map
        </p>
      )}
      {overlay}
    </div>
  );
}
