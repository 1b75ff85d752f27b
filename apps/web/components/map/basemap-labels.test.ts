import { AIRPORT_ZOOM, detailCellsInView, labelsInView, type BasemapPlaces } from './basemap-labels';

const places: BasemapPlaces = {
  cities: [
    ['Tokyo', 35.69, 139.69, 35_000_000],
    ['Berlin', 52.52, 13.4, 3_400_000],
    ['Potsdam', 52.4, 13.07, 180_000],
    ['Suva', -18.14, 178.44, 88_000],
  ],
  airports: [['BER', 52.36, 13.5]],
};
const berlinArea = { south: 52, north: 53, west: 12.5, east: 14 };

describe('offline basemap labels', () => {
  it('show the large cities in view at region zoom and towns and airports at city zoom', () => {
    expect(labelsInView(places, { zoom: 5, ...berlinArea }).map((l) => l.text)).toEqual(['Berlin']);
    expect(labelsInView(places, { zoom: AIRPORT_ZOOM, ...berlinArea }).map((l) => l.text)).toEqual([
      'Berlin',
      'Potsdam',
      'BER',
    ]);
  });

  it('leave out a smaller place whose label would overlap a larger one, until the zoom makes room', () => {
    const china: BasemapPlaces = {
      cities: [
        ['Beijing', 39.9, 116.39, 20_000_000],
        ['Tianjin', 39.13, 117.2, 11_000_000],
      ],
      airports: [],
    };
    const view = { south: 35, north: 45, west: 110, east: 125 };
    expect(labelsInView(china, { zoom: 4, ...view }).map((l) => l.text)).toEqual(['Beijing']);
    expect(labelsInView(china, { zoom: 7, ...view }).map((l) => l.text)).toEqual(['Beijing', 'Tianjin']);
  });

  it('find places on the copy of the world the view shows when it is panned past the antimeridian', () => {
    const [suva] = labelsInView(places, { zoom: 9, south: -19, north: -17, west: -182.5, east: -180.5 });
    expect(suva).toMatchObject({ text: 'Suva', longitude: 178.44 - 360 });
  });
});

describe('offline basemap detail cells', () => {
  it('are the existing 10° cells under the view', () => {
    // Barcelona (41.4° N, 2.2° E): column 18, row 13.
    const view = { zoom: 12, south: 41.3, north: 41.5, west: 2.0, east: 2.3 };
    expect(detailCellsInView(view, new Set(['18_13', '17_13']))).toEqual([{ name: '18_13', shift: 0 }]);
    expect(detailCellsInView(view, new Set())).toEqual([]);
  });

  it('come from the other side of the antimeridian, moved by a whole turn, when the view is panned past it', () => {
    const view = { zoom: 8, south: -19, north: -17, west: 178, east: 182 };
    expect(detailCellsInView(view, new Set(['35_7', '0_7']))).toEqual([
      { name: '35_7', shift: 0 },
      { name: '0_7', shift: 360 },
    ]);
  });
});
