'use client';

import L from 'leaflet';
import { useEffect } from 'react';
import { useMap } from 'react-leaflet';
import type { MultiLineString, MultiPolygon } from 'geojson';
import { labelsInView, type BasemapPlaces } from './basemap-labels';
import styles from './map.module.css';

interface BasemapLayer {
  land: MultiPolygon['coordinates'];
  borders: MultiLineString['coordinates'];
}

/** From this zoom on the 1:10m layer replaces the 1:50m one. */
const DETAIL_ZOOM = 6;
const ATTRIBUTION = 'Basemap: Natural Earth; airports: OpenFlights (ODbL)';
const landStyle = { color: '#9fb0c4', weight: 0.8, fillColor: '#f8f8f5', fillOpacity: 1 };
const borderStyle = { color: '#a7a0b8', weight: 1, dashArray: '4 3', fill: false };

// Static files (public/basemap), fetched once per page and shared by every map.
const loaded = new Map<string, Promise<unknown>>();
function load<T>(name: string): Promise<T> {
  if (!loaded.has(name))
    loaded.set(
      name,
      fetch(`/basemap/${name}`).then((response) => {
        if (!response.ok) throw new Error(`basemap ${name}: HTTP ${response.status}`);
        return response.json();
      }),
    );
  return loaded.get(name) as Promise<T>;
}

function drawLayer(layer: BasemapLayer, renderer: L.Renderer): L.LayerGroup {
  const options = { renderer, interactive: false };
  return L.layerGroup([
    L.polygon(L.GeoJSON.coordsToLatLngs(layer.land, 2) as L.LatLng[][][], { ...landStyle, ...options }),
    L.polyline(L.GeoJSON.coordsToLatLngs(layer.borders, 1) as L.LatLng[][], { ...borderStyle, ...options }),
  ]);
}

const labelIcon = (text: string, kind: 'city' | 'airport') =>
  L.divIcon({
    className: styles.basemapLabel,
    html: `<span data-kind="${kind}" aria-hidden="true">${text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)}</span>`,
    // Zero-sized anchor: the text centres itself on the place (CSS), whatever its length.
    iconSize: [0, 0],
  });

/**
 * The bundled vector basemap (land, coastlines, borders, city and airport labels), drawn on a
 * canvas below everything else: the map when tiles are off or cannot load.
 */
export function OfflineBasemap() {
  const map = useMap();

  useEffect(() => {
    let cancelled = false;
    const pane = map.getPane('basemap') ?? map.createPane('basemap');
    pane.style.zIndex = '150';
    const labelPane = map.getPane('basemapLabels') ?? map.createPane('basemapLabels');
    labelPane.style.zIndex = '450';
    labelPane.style.pointerEvents = 'none';
    const renderer = L.canvas({ pane: 'basemap' });
    const layers = new Map<string, L.LayerGroup>();
    const labels = L.layerGroup([], { pane: 'basemapLabels' }).addTo(map);
    let places: BasemapPlaces | null = null;

    const showLayer = (name: string) => {
      const current = layers.get(name);
      if (current) {
        for (const [other, layer] of layers) if (other !== name) layer.remove();
        current.addTo(map);
        return;
      }
      load<BasemapLayer>(name)
        .then((data) => {
          if (cancelled || layers.has(name)) return;
          layers.set(name, drawLayer(data, renderer));
          update();
        })
        .catch(() => undefined); // Without the basemap the pins still show on the plain sea colour.
    };

    const drawLabels = () => {
      if (!places) return;
      const bounds = map.getBounds();
      labels.clearLayers();
      const view = {
        zoom: map.getZoom(),
        south: bounds.getSouth(),
        north: bounds.getNorth(),
        west: bounds.getWest(),
        east: bounds.getEast(),
      };
      for (const label of labelsInView(places, view))
        L.marker([label.latitude, label.longitude], {
          icon: labelIcon(label.text, label.kind),
          interactive: false,
          keyboard: false,
          pane: 'basemapLabels',
        }).addTo(labels);
    };

    function update() {
      showLayer(map.getZoom() >= DETAIL_ZOOM ? 'detail.json' : 'world.json');
      drawLabels();
    }

    map.attributionControl?.addAttribution(ATTRIBUTION);
    load<BasemapPlaces>('places.json')
      .then((data) => {
        if (cancelled) return;
        places = data;
        drawLabels();
      })
      .catch(() => undefined);
    update();
    map.on('moveend zoomend', update);
    return () => {
      cancelled = true;
      map.off('moveend zoomend', update);
      map.attributionControl?.removeAttribution(ATTRIBUTION);
      labels.remove();
      for (const layer of layers.values()) layer.remove();
    };
  }, [map]);

  return null;
}
