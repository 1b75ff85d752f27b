const { describe, expect, it } = require('@jest/globals');
const { join } = require('node:path');
const { readdirSync } = require('node:fs');
const { clipLine, clipRing, fixRing, simplify, unwrap } = require('./build-basemap');

const BASEMAP = join(__dirname, '../apps/web/public/basemap');

/** Segments that jump across the whole map (a stripe), other than along the map's pole edge. */
function stripes(lines) {
  let count = 0;
  for (const line of lines)
    for (let i = 1; i < line.length; i++) {
      const [lon, lat] = line[i];
      const [previousLon, previousLat] = line[i - 1];
      const alongPole = Math.abs(lat) === 90 && lat === previousLat;
      if (Math.abs(lon - previousLon) > 180 && !alongPole) count++;
    }
  return count;
}

describe('offline basemap', () => {
  it('makes a ring crossing the antimeridian (Fiji, Chukotka) continuous instead of a stripe across the map', () => {
    const fiji = [
      [179.5, -16],
      [-179.8, -16.2],
      [-179.9, -16.8],
      [179.6, -16.6],
      [179.5, -16],
    ];
    expect(stripes([fiji])).toBe(2);
    expect(fixRing(fiji)).toEqual([
      [179.5, -16],
      [180.2, -16.2],
      [180.1, -16.8],
      [179.6, -16.6],
      [179.5, -16],
    ]);
  });

  it('closes a ring around the South Pole through the pole, not across the continent', () => {
    const antarctica = [
      [-180, -84],
      [0, -70],
      [179.6, -84.3],
      [-180, -84],
    ];
    const fixed = fixRing(antarctica);
    expect(stripes([fixed])).toBe(0);
    expect(fixed).toContainEqual([180, -90]);
    expect(fixed).toContainEqual([-180, -90]);
  });

  it('simplifies within the tolerance and keeps both ends', () => {
    expect(
      simplify(
        [
          [0, 0],
          [1, 0.001],
          [2, 0],
          [3, 5],
        ],
        0.01,
      ),
    ).toEqual([
      [0, 0],
      [2, 0],
      [3, 5],
    ]);
    expect(
      unwrap([
        [170, 0],
        [-170, 0],
      ]),
    ).toEqual([
      [170, 0],
      [190, 0],
    ]);
  });

  it('cuts rings and lines to a cell', () => {
    const square = [
      [-5, -5],
      [5, -5],
      [5, 5],
      [-5, 5],
      [-5, -5],
    ];
    const cell = [0, 0, 10, 10];
    expect(clipRing(square, cell)).toEqual([
      [0, 0],
      [5, 0],
      [5, 5],
      [0, 5],
      [0, 0],
    ]);
    expect(clipRing(square, [20, 20, 30, 30])).toBeNull();
    expect(clipLine(square, cell)).toEqual([
      [
        [5, 0],
        [5, 5],
        [0, 5],
      ],
    ]);
  });

  it('the committed world layer draws no stripes across the map; cells.json lists the detail cells', () => {
    const world = require(join(BASEMAP, 'world.json'));
    expect(world.land.length).toBeGreaterThan(100);
    expect(world.borders.length).toBeGreaterThan(100);
    expect(stripes(world.land.flat())).toBe(0);
    expect(stripes(world.borders)).toBe(0);
    const cells = require(join(BASEMAP, 'cells.json'));
    expect(cells.map((name) => `${name}.json`).sort()).toEqual(readdirSync(join(BASEMAP, 'detail')).sort());
  });

  it('the committed detail cells stay inside their 10° square, without stripes', () => {
    const outside = [];
    let striped = 0;
    for (const file of readdirSync(join(BASEMAP, 'detail'))) {
      const [column, row] = file.replace('.json', '').split('_').map(Number);
      const [west, south] = [column * 10 - 180 - 0.001, row * 10 - 90 - 0.001];
      const cell = require(join(BASEMAP, 'detail', file));
      const lines = [...cell.land, ...cell.coast, ...cell.borders];
      striped += stripes(lines);
      const strays = lines
        .flat()
        .filter(([lon, lat]) => lon < west || lon > west + 10.002 || lat < south || lat > south + 10.002);
      if (strays.length) outside.push(file);
    }
    expect(striped).toBe(0);
    expect(outside).toEqual([]);
  });
});
