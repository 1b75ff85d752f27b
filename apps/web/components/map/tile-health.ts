/** Tiles that fail in a row before the map gives up on its tile server. */
const FAILURES_BEFORE_ANY_LOADED = 3;
const FAILURES_AFTER_SOME_LOADED = 8;
/** A tile server that never answers (dropped by a firewall) counts as failed after this. */
export const FIRST_TILE_TIMEOUT_MS = 10_000;

export interface TileHealth {
  loaded: number;
  failuresInARow: number;
}

export const initialTileHealth: TileHealth = { loaded: 0, failuresInARow: 0 };

export function afterTile(health: TileHealth, outcome: 'load' | 'error'): TileHealth {
  return outcome === 'load'
    ? { loaded: health.loaded + 1, failuresInARow: 0 }
    : { ...health, failuresInARow: health.failuresInARow + 1 };
}

/** Offline or blocked: a few failures with nothing loaded yet, or a long run of them later. */
export function tilesHaveFailed(health: TileHealth): boolean {
  return health.failuresInARow >= (health.loaded === 0 ? FAILURES_BEFORE_ANY_LOADED : FAILURES_AFTER_SOME_LOADED);
}
