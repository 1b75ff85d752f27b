#!/usr/bin/env node
/**
 * Builds the offline basemap the web map falls back to when its tiles cannot load
 * (apps/web/public/basemap/, committed; run again after upgrading world-atlas or the places data):
 *
 *   world.json   land and country borders for small scales (Natural Earth 1:50m)
 *   detail.json  the same at 1:10m, loaded only from region zoom on
 *   places.json  city and airport labels (a reduced list, never part of the page bundle)
 *
 * Reduced here, once, so the browser decodes no TopoJSON on its main thread: arcs are simplified
 * (Douglas–Peucker, shared arcs stay shared so borders and coasts meet), coordinates rounded, and
 * rings that cross the antimeridian made continuous (a planar map would draw them as stripes
 * across the world).
 *
 *   node scripts/build-basemap.js
 */
const { mkdirSync, writeFileSync, readFileSync } = require('node:fs');
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

function writeLayer(name, file, options) {
  const topology = reduceLayer(file, options);
  const layer = geometryOf(topology, options);
  const text = JSON.stringify({
    source: `world-atlas ${file} (Natural Earth, public domain), reduced by scripts/build-basemap.js`,
    ...layer,
  });
  writeFileSync(join(OUT, name), text);
  return text.length;
}

/** Cities of city-timezones (population kept for the zoom they show at) and IATA airports. */
function writePlaces() {
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
  const text = JSON.stringify({
    source: 'city-timezones (cities) and the API bundled airports (OpenFlights, ODbL)',
    columns: { cities: ['name', 'latitude', 'longitude', 'population'], airports: ['iata', 'latitude', 'longitude'] },
    cities,
    airports,
  });
  writeFileSync(join(OUT, 'places.json'), text);
  return text.length;
}

if (require.main === module) {
  mkdirSync(OUT, { recursive: true });
  const sizes = {
    'world.json': writeLayer('world.json', 'countries-50m.json', { tolerance: 0.05, digits: 2 }),
    'detail.json': writeLayer('detail.json', 'countries-10m.json', { tolerance: 0.01, digits: 3 }),
    'places.json': writePlaces(),
  };
  for (const [name, size] of Object.entries(sizes)) console.log(`${name}: ${(size / 1024).toFixed(0)} KiB`);
}

module.exports = { simplify, unwrap, fixRing };
