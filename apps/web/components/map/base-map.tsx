'use client';

import 'leaflet/dist/leaflet.css';
import type { LatLngBoundsExpression } from 'leaflet';
import type { ReactNode } from 'react';
import { GeoJSON, MapContainer, Pane, ScaleControl, TileLayer } from 'react-leaflet';
import { tileLayerConfig, worldOutline } from './map-config';
import styles from './map.module.css';

const outlineStyle = { color: '#b7c2d1', weight: 0.8, fillColor: '#f8f8f5', fillOpacity: 1 };
const WORLD: LatLngBoundsExpression = [
  [-55, -170],
  [72, 180],
];

export interface BaseMapProps {
  children?: ReactNode;
  className?: string;
  label: string;
}

/** Leaflet with the bundled world outline below the (optional) tiles. Client-only. */
export function BaseMap({ children, className, label }: BaseMapProps) {
  const tiles = tileLayerConfig();
  return (
    <div role="region" aria-label={label} className={className} style={{ height: '100%' }}>
      <MapContainer
        className={styles.map}
        bounds={WORLD}
        minZoom={1}
        maxZoom={18}
        worldCopyJump
        scrollWheelZoom
        attributionControl={Boolean(tiles?.attribution)}
      >
        <Pane name="outline" style={{ zIndex: 150 }}>
          <GeoJSON data={worldOutline()} style={() => outlineStyle} interactive={false} />
        </Pane>
        {tiles && <TileLayer url={tiles.url} attribution={tiles.attribution} />}
        <ScaleControl position="bottomleft" />
        {children}
      </MapContainer>
    </div>
  );
}
