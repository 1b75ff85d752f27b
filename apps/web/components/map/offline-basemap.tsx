'use client';

import L from 'leaflet';
import { useEffect } from 'react';
import { useMap } from 'react-leaflet';
import type { MultiLineString, MultiPolygon } from 'geojson';
import { detailCellsInView, labelsInView, type BasemapPlaces, type View } from './basemap-labels';
import styles from './map.module.css';

/** public/basemap/world.json (scripts/build-basemap.js): the small-scale layer. */
interface WorldLayer {
  land: MultiPolygon['coordinates'];
  borders: MultiLineString['coordinates'];
  cities: BasemapPlaces['cities'];
}

/** public/basemap/detail/X_Y.json: one 10° cell at 1:10m, land cut to the cell. */
interface DetailCell extends BasemapPlaces {
  land: MultiLineString['coordinates'];
  coast: MultiLineString['coordinates'];
  borders: MultiLineString['coordinates'];
}

/** From this zoom on the 1:10m cells replace the 1:50m world. */
const DETAIL_ZOOM = 6;
const ATTRIBUTION = 'Natural Earth · OpenFlights (ODbL)';
const LAND = { fillColor: '#f8f8f5', fillOpacity: 1 };
const COAST = { color: '#9fb0c4', weight: 0.8 };
const BORDER = { color: '#a7a0b8', weight: 1, dashArray: '4 3' };

// Static files, fetched once per page and shared by every map.
const files = new Map<string, Promise<unknown>>();
function load<T>(path: string): Promise<T> {
  if (!files.has(path))
    files.set(
      path,
      fetch(`/basemap/${path}`).then((response) => {
        if (!response.ok) throw new Error(`basemap ${path}: HTTP ${response.status}`);
        return response.json();
      }),
    );
  return files.get(path) as Promise<T>;
}

/** [lon, lat] lines as Leaflet positions, moved by `shift` degrees (a copy of the world east or west). */
const positions = (lines: number[][][], shift = 0) =>
  lines.map((line) => line.map(([lon, lat]): L.LatLngTuple => [lat, lon + shift]));

function worldLayer(world: WorldLayer, renderer: L.Renderer): L.Layer {
  const options = { renderer, interactive: false };
  return L.layerGroup([
    L.polygon(L.GeoJSON.coordsToLatLngs(world.land, 2) as L.LatLng[][][], { ...LAND, ...COAST, ...options }),
    L.polyline(positions(world.borders), { ...BORDER, ...options }),
  ]);
}

function cellLayer(cell: DetailCell, shift: number, renderer: L.Renderer): L.Layer {
  const options = { renderer, interactive: false };
  return L.layerGroup([
    // Cut rings have edges along the cell's sides: filled without a stroke, the coast drawn apart.
    L.polygon(positions(cell.land, shift), { ...LAND, stroke: false, ...options }),
    L.polyline(positions(cell.coast, shift), { ...COAST, ...options }),
    L.polyline(positions(cell.borders, shift), { ...BORDER, ...options }),
  ]);
}

const labelIcon = (text: string, kind: 'city' | 'airport') =>
  L.divIcon({
    className: styles.basemapLabel,
    html: `<span data-kind="${kind}" aria-hidden="true">${text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)}</span>`,
    // Zero-sized anchor: the text centres itself on the place (CSS), whatever its length.
    iconSize: [0, 0],
  });

function viewOf(map: L.Map): View {
  const bounds = map.getBounds();
  return {
    zoom: map.getZoom(),
    south: bounds.getSouth(),
    north: bounds.getNorth(),
    west: bounds.getWest(),
    east: bounds.getEast(),
  };
}

/**
 * The bundled vector basemap (land, coastlines, borders, city and airport labels), drawn on a
 * canvas below everything else: the map when tiles are off or cannot load. Small scales draw the
 * 1:50m world; from region zoom on only the 1:10m cells in view are fetched and drawn.
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
    const drawn = L.layerGroup().addTo(map);
    const labels = L.layerGroup([], { pane: 'basemapLabels' }).addTo(map);
    let cells: ReadonlySet<string> | null = null;

    const drawLabels = (places: BasemapPlaces) => {
      labels.clearLayers();
      for (const label of labelsInView(places, viewOf(map)))
        L.marker([label.latitude, label.longitude], {
          icon: labelIcon(label.text, label.kind),
          interactive: false,
          keyboard: false,
          pane: 'basemapLabels',
        }).addTo(labels);
    };

    /** One drawable piece: the world, or a detail cell on one copy of the world. */
    interface Piece {
      key: string;
      layer: () => Promise<L.Layer>;
      places: () => Promise<BasemapPlaces>;
    }
    const worldPiece: Piece = {
      key: 'world',
      layer: () => load<WorldLayer>('world.json').then((world) => worldLayer(world, renderer)),
      places: () => load<WorldLayer>('world.json').then((world) => ({ cities: world.cities, airports: [] })),
    };
    const cellPiece = (name: string, shift: number): Piece => {
      const cell = () => load<DetailCell>(`detail/${name}.json`);
      return {
        key: `${name}@${shift}`,
        layer: () => cell().then((c) => cellLayer(c, shift, renderer)),
        places: () =>
          cell().then((c) => ({
            cities: c.cities.map(([text, lat, lon, population]) => [text, lat, lon + shift, population]),
            airports: c.airports.map(([iata, lat, lon]) => [iata, lat, lon + shift]),
          })),
      };
    };

    const built = new Map<string, Promise<L.Layer>>();
    let shown = new Set<string>();
    const update = () => {
      if (!cells || cancelled) return;
      const view = viewOf(map);
      const pieces =
        view.zoom < DETAIL_ZOOM
          ? [worldPiece]
          : detailCellsInView(view, cells).map(({ name, shift }) => cellPiece(name, shift));
      shown = new Set(pieces.map((piece) => piece.key));
      drawn.clearLayers();
      for (const piece of pieces) {
        if (!built.has(piece.key)) built.set(piece.key, piece.layer());
        built
          .get(piece.key)!
          .then((layer) => !cancelled && shown.has(piece.key) && drawn.addLayer(layer))
          .catch(() => undefined); // A missing cell leaves the sea colour; the pins still show.
      }
      Promise.all(pieces.map((piece) => piece.places()))
        .then((sets) => {
          if (cancelled || viewOf(map).zoom !== view.zoom) return;
          drawLabels({
            // Largest first across cells: the label limit keeps the most useful names.
            cities: sets.flatMap((set) => set.cities).sort((a, b) => b[3] - a[3]),
            airports: sets.flatMap((set) => set.airports),
          });
        })
        .catch(() => undefined);
    };

    map.attributionControl?.addAttribution(ATTRIBUTION);
    load<string[]>('cells.json')
      .then((names) => {
        cells = new Set(names);
        update();
      })
      .catch(() => undefined); // Without the basemap the pins still show on the plain sea colour.
    map.on('moveend', update);
    return () => {
      cancelled = true;
      map.off('moveend', update);
      map.attributionControl?.removeAttribution(ATTRIBUTION);
      drawn.remove();
      labels.remove();
    };
  }, [map]);

  return null;
}
