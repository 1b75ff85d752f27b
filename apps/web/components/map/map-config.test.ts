import { OSM_TILES, tileConfigFrom } from './map-config';

describe('tile configuration (MAP_TILE_URL, read at run time)', () => {
  it("uses the configured tile server with the configured attribution, not OpenStreetMap's", () => {
    expect(
      tileConfigFrom({
        MAP_TILE_URL: 'https://tiles.example.com/{z}/{x}/{y}.png',
        MAP_TILE_ATTRIBUTION: '© Example Maps',
        NODE_ENV: 'production',
      }),
    ).toEqual({ url: 'https://tiles.example.com/{z}/{x}/{y}.png', attribution: '© Example Maps' });
  });

  it("falls back to OpenStreetMap's tiles and attribution in production only", () => {
    expect(tileConfigFrom({ NODE_ENV: 'production' })).toEqual({
      url: OSM_TILES,
      attribution: expect.stringContaining('OpenStreetMap'),
    });
    expect(tileConfigFrom({ NODE_ENV: 'development' })).toBeNull();
  });

  it('turns tiles off with `none`', () => {
    expect(tileConfigFrom({ MAP_TILE_URL: 'none', NODE_ENV: 'production' })).toBeNull();
  });
});
