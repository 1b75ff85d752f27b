import { afterTile, initialTileHealth, tilesHaveFailed, type TileHealth } from './tile-health';

const run = (outcomes: ('load' | 'error')[]): TileHealth => outcomes.reduce(afterTile, initialTileHealth);

describe('tile health', () => {
  it('gives up on a tile server whose first tiles all fail (offline, blocked)', () => {
    expect(tilesHaveFailed(run(['error', 'error']))).toBe(false);
    expect(tilesHaveFailed(run(['error', 'error', 'error']))).toBe(true);
  });

  it('tolerates a few failed tiles once tiles load, but not a long run of failures (the network went away)', () => {
    expect(tilesHaveFailed(run(['load', 'error', 'error', 'error', 'load', 'error']))).toBe(false);
    expect(tilesHaveFailed(run(['load', ...Array<'error'>(8).fill('error')]))).toBe(true);
  });
});
