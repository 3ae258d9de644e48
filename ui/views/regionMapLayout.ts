import type { RegionResult } from '../live/resultsSnapshot.ts';

// Where each region's tile goes on the map. The default UK election gets a tile map laid out
// like the country (Scotland at the top, Northern Ireland to the left, London and the South East
// at the bottom right); any other set of regions gets a grid in name order, so a user-defined
// election still has a map. Tiles are squares on a grid of columns and rows.

export interface TilePlacement {
  region: RegionResult;
  column: number;
  row: number;
  /** Two or three letters drawn on the tile. */
  short: string;
}

export interface TileLayout {
  kind: 'uk' | 'grid';
  columns: number;
  rows: number;
  tiles: TilePlacement[];
}

/** Ids as shared/election/regions.ts makes them (slugs of the names). */
const UK_TILES: Record<string, { column: number; row: number; short: string }> = {
  scotland: { column: 2, row: 0, short: 'SCO' },
  'northern-ireland': { column: 0, row: 1, short: 'NI' },
  'north-east': { column: 3, row: 1, short: 'NE' },
  'north-west': { column: 2, row: 2, short: 'NW' },
  'yorkshire-and-the-humber': { column: 3, row: 2, short: 'YH' },
  wales: { column: 1, row: 3, short: 'WAL' },
  'west-midlands': { column: 2, row: 3, short: 'WM' },
  'east-midlands': { column: 3, row: 3, short: 'EM' },
  'east-of-england': { column: 4, row: 3, short: 'EE' },
  'south-west': { column: 1, row: 4, short: 'SW' },
  'south-east': { column: 2, row: 4, short: 'SE' },
  london: { column: 3, row: 4, short: 'LDN' },
};

/** Most tiles a map draws; an election with more regions shows the first ones by name (the table has all). */
export const MAX_MAP_TILES = 120;

/** Up to three letters for a region without a fixed tile: its words' initials, or its first letters. */
export function shortNameOf(name: string): string {
  const words = name.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
  if (words.length === 0) return '?';
  if (words.length === 1) return words[0]!.slice(0, 3).toUpperCase();
  // "Testshire 07" reads T07, not T0: numbers are what tell such regions apart.
  const last = words.at(-1)!;
  if (/^\d+$/.test(last)) return `${words[0]![0]!.toUpperCase()}${last.slice(-2)}`;
  return words.slice(0, 3).map((w) => w[0]!).join('').toUpperCase();
}

/**
 * The tile layout for `regions`: the UK layout when every region is one of its twelve, a grid
 * otherwise (at most MAX_MAP_TILES tiles, in name order, as square as it can be).
 */
export function layoutRegionTiles(regions: RegionResult[]): TileLayout {
  if (regions.length > 0 && regions.every((r) => UK_TILES[r.region_id] !== undefined)) {
    return { kind: 'uk', columns: 5, rows: 5, tiles: regions.map((region) => ({ region, ...UK_TILES[region.region_id]! })) };
  }
  const shown = [...regions].sort((a, b) => a.name.localeCompare(b.name) || a.region_id.localeCompare(b.region_id)).slice(0, MAX_MAP_TILES);
  const columns = Math.max(1, Math.ceil(Math.sqrt(shown.length * 1.5)));
  const rows = Math.max(1, Math.ceil(shown.length / columns));
  const tiles = shown.map((region, i) => ({ region, column: i % columns, row: Math.floor(i / columns), short: shortNameOf(region.name) }));
  return { kind: 'grid', columns, rows, tiles };
}
