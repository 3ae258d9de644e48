import type { RegionResult } from '../live/resultsSnapshot.ts';

// Sorting and paging of the regions table, as carried in the URL (?sort=turnout&dir=desc&page=2&size=25).

export const REGION_SORT_COLUMNS = ['name', 'registered', 'votes', 'turnout', 'leader'] as const;
export type RegionSortColumn = (typeof REGION_SORT_COLUMNS)[number];
export const PAGE_SIZES = [10, 25, 50, 100] as const;
export type SortDirection = 'asc' | 'desc';

export interface RegionQuery {
  sort: RegionSortColumn;
  dir: SortDirection;
  page: number;
  size: number;
}

// 25 a page by default: the UK's 12 regions (and most countries' first-level regions) on one page.
export const DEFAULT_REGION_QUERY: RegionQuery = { sort: 'name', dir: 'asc', page: 1, size: 25 };

/** Reads the query from URL parameters; anything unknown falls back to the default. */
export function parseRegionQuery(params: Record<string, string | undefined>): RegionQuery {
  const sort = REGION_SORT_COLUMNS.find((c) => c === params.sort) ?? DEFAULT_REGION_QUERY.sort;
  const dir: SortDirection = params.dir === 'desc' ? 'desc' : params.dir === 'asc' ? 'asc' : DEFAULT_REGION_QUERY.dir;
  const size = PAGE_SIZES.find((s) => String(s) === params.size) ?? DEFAULT_REGION_QUERY.size;
  const page = /^\d{1,6}$/.test(params.page ?? '') ? Math.max(1, Number(params.page)) : 1;
  return { sort, dir, page, size };
}

export function regionQueryString(query: RegionQuery): string {
  return new URLSearchParams({ sort: query.sort, dir: query.dir, page: String(query.page), size: String(query.size) }).toString();
}

const compareBy: Record<RegionSortColumn, (a: RegionResult, b: RegionResult) => number> = {
  name: (a, b) => a.name.localeCompare(b.name),
  registered: (a, b) => a.registered_voters - b.registered_voters,
  votes: (a, b) => a.votes - b.votes,
  turnout: (a, b) => (a.turnout ?? -1) - (b.turnout ?? -1),
  leader: (a, b) => (a.leader?.name ?? '').localeCompare(b.leader?.name ?? ''),
};

export function sortRegions(regions: RegionResult[], query: Pick<RegionQuery, 'sort' | 'dir'>): RegionResult[] {
  const sign = query.dir === 'asc' ? 1 : -1;
  // Ties keep a stable order by name then id, whichever direction, so paging never shuffles rows.
  return [...regions].sort((a, b) => sign * compareBy[query.sort](a, b) || a.name.localeCompare(b.name) || a.region_id.localeCompare(b.region_id));
}

export interface RegionPage {
  rows: RegionResult[];
  /** The page actually shown (clamped to the last page). */
  page: number;
  pages: number;
  total: number;
}

/** How many pages `total` rows make at `size` a page (at least one, for an empty table). */
export function pageCountOf(total: number, size: number): number {
  return Math.max(1, Math.ceil(total / size));
}

export function pageOfRegions(regions: RegionResult[], query: RegionQuery): RegionPage {
  const sorted = sortRegions(regions, query);
  const pages = pageCountOf(sorted.length, query.size);
  const page = Math.min(query.page, pages);
  return { rows: sorted.slice((page - 1) * query.size, page * query.size), page, pages, total: sorted.length };
}
