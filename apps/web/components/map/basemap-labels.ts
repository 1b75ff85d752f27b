/** City and airport labels of the offline basemap (public/basemap/places.json, built by scripts/build-basemap.js). */
export interface BasemapPlaces {
  /** name, latitude, longitude, population; largest first. */
  cities: [string, number, number, number][];
  /** IATA code, latitude, longitude. */
  airports: [string, number, number][];
}

export interface Label {
  text: string;
  latitude: number;
  longitude: number;
  kind: 'city' | 'airport';
}

export interface View {
  zoom: number;
  south: number;
  north: number;
  west: number;
  east: number;
}

/** The smallest city shown at a zoom level: capitals of the world first, towns at city zoom. */
export function minimumPopulation(zoom: number): number {
  if (zoom <= 3) return 5_000_000;
  if (zoom === 4) return 2_000_000;
  if (zoom === 5) return 700_000;
  if (zoom === 6) return 250_000;
  if (zoom === 7) return 100_000;
  if (zoom === 8) return 40_000;
  return 0;
}

/** Airports (as their IATA code) from this zoom on. */
export const AIRPORT_ZOOM = 9;
const MAX_LABELS = 80;

/** A longitude moved by whole turns to the copy of the world the view shows (it may pan past ±180). */
function nearestCopy(longitude: number, west: number, east: number): number {
  const centre = (west + east) / 2;
  return longitude + 360 * Math.round((centre - longitude) / 360);
}

/** Where a place lands on the map in pixels at a zoom (Web Mercator, as Leaflet draws it). */
function pixel(latitude: number, longitude: number, zoom: number): [number, number] {
  const size = 256 * 2 ** zoom;
  const sin = Math.sin((Math.max(-85, Math.min(85, latitude)) * Math.PI) / 180);
  return [((longitude + 180) / 360) * size, (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * size];
}

/** A label's box in pixels, about the size of its text at 11px. */
function box(label: Label, zoom: number) {
  const [x, y] = pixel(label.latitude, label.longitude, zoom);
  const halfWidth = (label.text.length + (label.kind === 'airport' ? 2 : 0)) * 3.3 + 4;
  return { left: x - halfWidth, right: x + halfWidth, top: y - 8, bottom: y + 8 };
}

/**
 * The labels to draw in a view: the largest places first, at most MAX_LABELS, and none over an
 * earlier one (Beijing wins over Tianjin until the zoom leaves room for both).
 */
export function labelsInView(places: BasemapPlaces, view: View): Label[] {
  const labels: Label[] = [];
  const boxes: ReturnType<typeof box>[] = [];
  const place = (label: Label) => {
    const candidate = box(label, view.zoom);
    const overlaps = boxes.some(
      (b) =>
        candidate.left < b.right && candidate.right > b.left && candidate.top < b.bottom && candidate.bottom > b.top,
    );
    if (overlaps) return;
    boxes.push(candidate);
    labels.push(label);
  };
  const inView = (latitude: number, longitude: number) => {
    const lng = nearestCopy(longitude, view.west, view.east);
    return latitude >= view.south && latitude <= view.north && lng >= view.west && lng <= view.east ? lng : null;
  };
  const minimum = minimumPopulation(view.zoom);
  for (const [name, latitude, longitude, population] of places.cities) {
    if (population < minimum || labels.length >= MAX_LABELS) break;
    const lng = inView(latitude, longitude);
    if (lng !== null) place({ text: name, latitude, longitude: lng, kind: 'city' });
  }
  if (view.zoom >= AIRPORT_ZOOM)
    for (const [iata, latitude, longitude] of places.airports) {
      if (labels.length >= MAX_LABELS) break;
      const lng = inView(latitude, longitude);
      if (lng !== null) place({ text: iata, latitude, longitude: lng, kind: 'airport' });
    }
  return labels;
}

/** Detail cells are 10° squares named `column_row`, counted from 180° W and 90° S. */
const CELL = 10;

/**
 * The detail cells a view needs, each with the whole turns (`shift`, degrees) that move it to the
 * copy of the world in view; only cells that exist (land, cities or airports).
 */
export function detailCellsInView(view: View, existing: ReadonlySet<string>): { name: string; shift: number }[] {
  const cells: { name: string; shift: number }[] = [];
  const columns = 360 / CELL;
  const firstRow = Math.max(0, Math.floor((view.south + 90) / CELL));
  const lastRow = Math.min(180 / CELL - 1, Math.floor((view.north + 90) / CELL));
  for (let x = Math.floor((view.west + 180) / CELL); x <= Math.floor((view.east + 180) / CELL); x++) {
    const column = ((x % columns) + columns) % columns;
    const shift = ((x - column) / columns) * 360;
    for (let y = firstRow; y <= lastRow; y++)
      if (existing.has(`${column}_${y}`)) cells.push({ name: `${column}_${y}`, shift });
  }
  return cells;
}
