#!/usr/bin/env node
/**
 * Builds the offline basemap the web map falls back to when its tiles cannot load
 * (apps/web/public/basemap/, committed; run again after upgrading world-atlas or the places data):
 *
 *   world.json        land, country borders and the largest cities for small scales (Natural
 *                     Earth 1:50m)
 *   cells.json        the names of the detail cells that exist (a map at city zoom needs no world)
 *   detail/X_Y.json   10° cells at 1:10m (land, coastline, borders, the cell's cities and airports),
 *                     loaded only for the cells in view from region zoom on
 *
 * Reduced here, once, so the browser decodes no TopoJSON on its main thread: arcs are simplified
 * (Douglas–Peucker, shared arcs stay shared so borders and coasts meet), coordinates rounded, and
 * rings that cross the antimeridian made continuous (a planar map would draw them as stripes
 * across the world).
 *
 *   node scripts/build-basemap.js
 */
const { mkdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { mesh, merge } = require('topojson-client');

const OUT = join(__dirname, '../apps/web/public/basemap');

/** Absolute positions of a quantized, delta-encoded TopoJSON's arcs. */
function decodeArcs(topology) {
  const [sx, sy] = topology.transform.scale;
  const [tx, ty] = topology.transform.translate;
  return topology.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map(([dx, dy]) => {
      x += dx;
      y += dy;
      return [x * sx + tx, y * sy + ty];
    });
  });
}

function perpendicularDistance([x, y], [x1, y1], [x2, y2]) {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const length = Math.hypot(dx, dy);
  if (length === 0) return Math.hypot(x - x1, y - y1);
  return Math.abs(dy * x - dx * y + x2 * y1 - y2 * x1) / length;
}

/** Douglas–Peucker, iterative; keeps both ends so arcs still join. */
function simplify(points, tolerance) {
  if (points.length <= 2) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = keep[points.length - 1] = 1;
  const stack = [[0, points.length - 1]];
  while (stack.length) {
    const [first, last] = stack.pop();
    let worst = 0;
    let index = -1;
    for (let i = first + 1; i < last; i++) {
      const distance = perpendicularDistance(points[i], points[first], points[last]);
      if (distance > worst) {
        worst = distance;
        index = i;
      }
    }
    if (index !== -1 && worst > tolerance) {
      keep[index] = 1;
      stack.push([first, index], [index, last]);
    }
  }
  return points.filter((_, i) => keep[i]);
}

/** Shifts longitudes by ±360 where a line jumps across the antimeridian, so it stays continuous. */
function unwrap(line) {
  let shift = 0;
  return line.map(([lon, lat], i) => {
    if (i > 0) {
      const previous = line[i - 1][0];
      if (lon - previous > 180) shift -= 360;
      else if (previous - lon > 180) shift += 360;
    }
    return [lon + shift, lat];
  });
}

/**
 * A ring around a pole (Antarctica) is closed through the pole, along the map's edge; any other
 * ring that crosses the antimeridian is made continuous.
 */
function fixRing(ring) {
  const continuous = unwrap(ring);
  if (Math.abs(continuous[0][0] - continuous[continuous.length - 1][0]) < 1e-9) return continuous;
  const jump = ring.findIndex((point, i) => i > 0 && Math.abs(point[0] - ring[i - 1][0]) > 180);
  const [fromLon, fromLat] = ring[jump - 1];
  const [, toLat] = ring[jump];
  const pole = fromLat < 0 ? -90 : 90;
  const edge = Math.sign(fromLon) * 180;
  return [...ring.slice(0, jump), [edge, fromLat], [edge, pole], [-edge, pole], [-edge, toLat], ...ring.slice(jump)];
}

const round = (digits) => {
  const factor = 10 ** digits;
  return (line) => {
    const rounded = line.map(([lon, lat]) => [Math.round(lon * factor) / factor, Math.round(lat * factor) / factor]);
    return rounded.filter((p, i) => i === 0 || p[0] !== rounded[i - 1][0] || p[1] !== rounded[i - 1][1]);
  };
};

/** The topology with absolute, simplified arcs (no quantization transform any more). */
function reduceLayer(file, { tolerance }) {
  const { transform, ...topology } = JSON.parse(readFileSync(require.resolve(`world-atlas/${file}`), 'utf8'));
  return { ...topology, arcs: decodeArcs({ ...topology, transform }).map((arc) => simplify(arc, tolerance)) };
}

function geometryOf(topology, { digits }) {
  const toFixed = round(digits);
  const land = merge(topology, topology.objects.countries.geometries);
  const polygons = land.coordinates
    .map((polygon) => polygon.map((ring) => fixRing(toFixed(ring))).filter((ring) => ring.length >= 4))
    .filter((polygon) => polygon.length > 0);
  const borders = mesh(topology, topology.objects.countries, (a, b) => a !== b)
    .coordinates.map((line) => unwrap(toFixed(line)))
    .filter((line) => line.length >= 2);
  return { land: polygons, borders };
}

/** Cities of city-timezones (largest first: the population decides the zoom they show at) and IATA airports. */
function readPlaces() {
  const { cityMapping } = require('city-timezones');
  const seen = new Set();
  const cities = cityMapping
    .filter((city) => city.pop >= 15_000 && city.city.trim())
    .sort((a, b) => b.pop - a.pop)
    .filter((city) => {
      const key = `${city.city}|${city.iso2}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map((city) => [city.city, Number(city.lat.toFixed(3)), Number(city.lng.toFixed(3)), Math.round(city.pop)]);
  const airports = JSON.parse(readFileSync(join(__dirname, '../apps/api/src/places/airports.json'), 'utf8')).rows.map(
    ([iata, , , , latitude, longitude]) => [iata, Number(latitude.toFixed(3)), Number(longitude.toFixed(3))],
  );
  return { cities, airports };
}

/** Detail cells: 10° squares, named by column (from 180° W) and row (from 90° S). */
const CELL = 10;
const COLUMNS = 360 / CELL;
const ROWS = 180 / CELL;
/** Cities of at least this size are labelled on the world layer (small scales). */
const WORLD_CITY_POPULATION = 700_000;

const atLongitude = ([x1, y1], [x2, y2], x) => [x, y1 + ((y2 - y1) * (x - x1)) / (x2 - x1)];
const atLatitude = ([x1, y1], [x2, y2], y) => [x1 + ((x2 - x1) * (y - y1)) / (y2 - y1), y];

/**
 * Sutherland–Hodgman: a ring cut to a rectangle. Concave rings keep zero-width edges along the
 * rectangle's sides: harmless for the fill, which is why coastlines are drawn as separate lines.
 */
function clipRing(ring, [west, south, east, north]) {
  const edges = [
    [(p) => p[0] >= west, (a, b) => atLongitude(a, b, west)],
    [(p) => p[0] <= east, (a, b) => atLongitude(a, b, east)],
    [(p) => p[1] >= south, (a, b) => atLatitude(a, b, south)],
    [(p) => p[1] <= north, (a, b) => atLatitude(a, b, north)],
  ];
  let points = ring.slice(0, -1);
  for (const [inside, intersect] of edges) {
    const input = points;
    points = [];
    input.forEach((current, i) => {
      const previous = input[(i + input.length - 1) % input.length];
      if (inside(current)) {
        if (!inside(previous)) points.push(intersect(previous, current));
        points.push(current);
      } else if (inside(previous)) points.push(intersect(previous, current));
    });
    if (points.length < 3) return null;
  }
  return [...points, points[0]];
}

/** Liang–Barsky: the part of a segment inside a rectangle, or null. */
function clipSegment([x1, y1], [x2, y2], [west, south, east, north]) {
  const dx = x2 - x1;
  const dy = y2 - y1;
  let from = 0;
  let to = 1;
  for (const [p, q] of [
    [-dx, x1 - west],
    [dx, east - x1],
    [-dy, y1 - south],
    [dy, north - y1],
  ]) {
    if (p === 0) {
      if (q < 0) return null;
    } else if (p < 0) from = Math.max(from, q / p);
    else to = Math.min(to, q / p);
  }
  if (from > to) return null;
  return [
    [x1 + from * dx, y1 + from * dy],
    [x1 + to * dx, y1 + to * dy],
  ];
}

/** The pieces of a line inside a rectangle. */
function clipLine(line, rectangle) {
  const pieces = [];
  let current = null;
  for (let i = 1; i < line.length; i++) {
    const part = clipSegment(line[i - 1], line[i], rectangle);
    const last = part && current?.[current.length - 1];
    if (!part) current = null;
    else if (last && last[0] === part[0][0] && last[1] === part[0][1]) current.push(part[1]);
    else pieces.push((current = [...part]));
  }
  return pieces;
}

/** Copies of a line moved by whole turns so that every part of it lies within [-180, 180] in one. */
function turns(line) {
  const longitudes = line.map(([lon]) => lon);
  const copies = [line];
  if (Math.max(...longitudes) > 180) copies.push(line.map(([lon, lat]) => [lon - 360, lat]));
  if (Math.min(...longitudes) < -180) copies.push(line.map(([lon, lat]) => [lon + 360, lat]));
  return copies;
}

const column = (longitude) => Math.max(0, Math.min(COLUMNS - 1, Math.floor((longitude + 180) / CELL)));
const row = (latitude) => Math.max(0, Math.min(ROWS - 1, Math.floor((latitude + 90) / CELL)));

/** Every cell a line's bounding box touches, with the cell's rectangle. */
function* cellsAround(line) {
  const longitudes = line.map(([lon]) => lon);
  const latitudes = line.map(([, lat]) => lat);
  for (let x = column(Math.min(...longitudes)); x <= column(Math.max(...longitudes)); x++)
    for (let y = row(Math.min(...latitudes)); y <= row(Math.max(...latitudes)); y++)
      yield [`${x}_${y}`, [x * CELL - 180, y * CELL - 90, (x + 1) * CELL - 180, (y + 1) * CELL - 90]];
}

function splitIntoCells(layer, places, digits) {
  const cells = new Map();
  const cell = (name) => {
    if (!cells.has(name)) cells.set(name, { land: [], coast: [], borders: [], cities: [], airports: [] });
    return cells.get(name);
  };
  const toFixed = round(digits);
  for (const ring of layer.land.flat())
    for (const copy of turns(ring))
      for (const [name, rectangle] of cellsAround(copy)) {
        const clipped = clipRing(copy, rectangle);
        if (clipped) cell(name).land.push(toFixed(clipped));
        for (const piece of clipLine(copy, rectangle)) cell(name).coast.push(toFixed(piece));
      }
  for (const line of layer.borders)
    for (const copy of turns(line))
      for (const [name, rectangle] of cellsAround(copy))
        for (const piece of clipLine(copy, rectangle)) cell(name).borders.push(toFixed(piece));
  for (const city of places.cities) cell(`${column(city[2])}_${row(city[1])}`).cities.push(city);
  for (const airport of places.airports) cell(`${column(airport[2])}_${row(airport[1])}`).airports.push(airport);
  return cells;
}

function writeBasemap() {
  const places = readPlaces();
  const world = geometryOf(reduceLayer('countries-50m.json', { tolerance: 0.05 }), { digits: 2 });
  const detail = geometryOf(reduceLayer('countries-10m.json', { tolerance: 0.01 }), { digits: 3 });
  const cells = splitIntoCells(detail, places, 3);
  rmSync(join(OUT, 'detail'), { recursive: true, force: true });
  mkdirSync(join(OUT, 'detail'), { recursive: true });
  let detailSize = 0;
  for (const [name, content] of cells) {
    const text = JSON.stringify(content);
    writeFileSync(join(OUT, 'detail', `${name}.json`), text);
    detailSize += text.length;
  }
  const text = JSON.stringify({
    source:
      "Natural Earth (public domain) via world-atlas; city-timezones; the API's bundled airports (OpenFlights, ODbL). Built by scripts/build-basemap.js",
    ...world,
    cities: places.cities.filter(([, , , population]) => population >= WORLD_CITY_POPULATION),
  });
  writeFileSync(join(OUT, 'world.json'), text);
  writeFileSync(join(OUT, 'cells.json'), JSON.stringify([...cells.keys()].sort()));
  console.log(`world.json: ${(text.length / 1024).toFixed(0)} KiB`);
  console.log(`detail/: ${cells.size} cells, ${(detailSize / 1024).toFixed(0)} KiB`);
}

if (require.main === module) writeBasemap();

module.exports = { simplify, unwrap, fixRing, clipRing, clipLine };
