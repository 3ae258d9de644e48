import { describe, expect, it } from 'vitest';
import type { RegionResult } from '../live/resultsSnapshot.ts';
import { pageOfRegions, parseRegionQuery, regionQueryString, sortRegions } from './regionQuery.ts';
import { renderRegionTable } from './regionTable.ts';

const regions: RegionResult[] = Array.from({ length: 37 }, (_, i) => ({
  region_id: `r${String(i).padStart(2, '0')}`,
  name: `Region ${String(i).padStart(2, '0')}`,
  registered_voters: 1000 + i,
  votes: (i * 7) % 37,
  turnout: ((i * 7) % 37) / (1000 + i),
  leader: i % 2 === 0 ? { candidate_id: 'c1', name: 'Ada', party_id: 'MNP', color: '#1f77b4', votes: 1 } : null,
  count: (i * 7) % 37 > 0 ? 'reporting' : 'no-votes',
}));

describe('region sorting and paging', () => {
  it('reads sort, direction, page and size from the URL and ignores anything unknown', () => {
    expect(parseRegionQuery({ sort: 'turnout', dir: 'desc', page: '2', size: '25' })).toEqual({ sort: 'turnout', dir: 'desc', page: 2, size: 25 });
    expect(parseRegionQuery({ sort: 'drop table', dir: 'sideways', page: '-3', size: '7' })).toEqual({ sort: 'name', dir: 'asc', page: 1, size: 25 });
  });

  it('sorts by any column in either direction', () => {
    const byTurnoutDesc = sortRegions(regions, { sort: 'turnout', dir: 'desc' });
    for (let i = 1; i < byTurnoutDesc.length; i++) expect(byTurnoutDesc[i - 1]!.turnout!).toBeGreaterThanOrEqual(byTurnoutDesc[i]!.turnout!);
    expect(sortRegions(regions, { sort: 'registered', dir: 'asc' })[0]!.region_id).toBe('r00');
    expect(sortRegions(regions, { sort: 'name', dir: 'desc' })[0]!.name).toBe('Region 36');
    expect(sortRegions(regions, { sort: 'leader', dir: 'desc' })[0]!.leader?.name).toBe('Ada');
  });

  it('pages through the sorted rows and clamps a page past the end to the last page', () => {
    const second = pageOfRegions(regions, { sort: 'name', dir: 'asc', page: 2, size: 10 });
    expect(second.rows.map((r) => r.region_id)).toEqual(regions.slice(10, 20).map((r) => r.region_id));
    expect(second.pages).toBe(4);
    const beyond = pageOfRegions(regions, { sort: 'name', dir: 'asc', page: 99, size: 25 });
    expect(beyond.page).toBe(2);
    expect(beyond.rows).toHaveLength(12);
  });

  it('renders sort links that flip direction, page links and the page-size choice', () => {
    const html = renderRegionTable(regions, { sort: 'votes', dir: 'asc', page: 2, size: 10 }).toString();
    expect(html).toContain(`hx-get="/fragments/regions?${regionQueryString({ sort: 'votes', dir: 'desc', page: 1, size: 10 }).replaceAll('&', '&amp;')}"`);
    expect(html).toContain('aria-sort="ascending"');
    expect(html).toContain('rel="prev"');
    expect(html).toContain('rel="next"');
    expect(html).toContain('<option value="10" selected>10</option>');
    expect(html).toContain('<caption>Regions, page 2 of 4 (37 regions)</caption>');
    expect(html).toContain('<th scope="col"');
  });
});
