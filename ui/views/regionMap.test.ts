import { describe, expect, it } from 'vitest';
import { regionSlug, UK_REGION_NAMES } from '../../shared/election/regions.ts';
import type { RegionResult } from '../live/resultsSnapshot.ts';
import { describeRegion, renderRegionMap, textColourOn } from './regionMap.ts';
import { layoutRegionTiles, MAX_MAP_TILES, shortNameOf } from './regionMapLayout.ts';
import { regionCountState } from '../live/regionCount.ts';
import { completeRegions } from './regionReporting.ts';

const region = (id: string, name: string, registered: number, votes: number, leader = true): RegionResult => ({
  region_id: id, name, registered_voters: registered, votes, turnout: registered > 0 ? votes / registered : null,
  leader: leader ? { candidate_id: 'c1', name: 'Ada Lovelace', party_id: 'MNP', color: '#1f77b4', votes: Math.ceil(votes / 2) } : null,
  count: regionCountState(registered, votes, null),
});
const uk = (): RegionResult[] => UK_REGION_NAMES.map((name, i) => region(regionSlug(name), name, 1000, i * 50));

describe('the region map', () => {
  it('lays the twelve UK regions out like the country, each on its own tile', () => {
    const layout = layoutRegionTiles(uk());
    expect(layout.kind).toBe('uk');
    const at = (id: string) => layout.tiles.find((t) => t.region.region_id === id)!;
    expect(at('scotland').row).toBe(0);
    expect(at('northern-ireland').column).toBe(0);
    expect(at('london').row).toBe(Math.max(...layout.tiles.map((t) => t.row)));
    expect(at('london').column).toBeGreaterThan(at('wales').column);
    expect(new Set(layout.tiles.map((t) => `${t.column},${t.row}`)).size).toBe(12);
  });

  it('falls back to a grid in name order for regions it does not know, capped at MAX_MAP_TILES', () => {
    const layout = layoutRegionTiles([region('zz', 'Zeta', 10, 1), region('aa', 'Alpha Beta', 10, 1), region('london', 'London', 10, 1)]);
    expect(layout.kind).toBe('grid');
    expect(layout.tiles.map((t) => t.short)).toEqual(['AB', 'LON', 'ZET']);
    const many = Array.from({ length: 500 }, (_, i) => region(`r${i}`, `Region ${i}`, 10, 1));
    expect(layoutRegionTiles(many).tiles).toHaveLength(MAX_MAP_TILES);
    expect(renderRegionMap(many).toString()).toContain(`shows the first ${MAX_MAP_TILES} regions`);
  });

  it('shows "no votes yet" in the legend only while a region has no leader, and says the tiles show turnout', () => {
    const parties = [{ party_id: 'MNP', name: 'Management Party', color: '#1f77b4', votes: 1, share: 1 }];
    const early = renderRegionMap([...uk().slice(0, 11), region('northern-ireland', 'Northern Ireland', 1000, 0, false)], parties).toString();
    expect(early).toContain('no votes yet</li>');
    const later = renderRegionMap(uk(), parties).toString();
    expect(later).not.toContain('no votes yet</li>');
    expect(later).toContain('<li>tile figure: turnout</li>');
  });

  it('gives every tile the leading party colour and a focusable accessible name, and links to the regions table', () => {
    const regions = [...uk().slice(0, 11), region('northern-ireland', 'Northern Ireland', 1000, 0, false)];
    const svg = renderRegionMap(regions, [{ party_id: 'MNP', name: 'Management Party', color: '#1f77b4', votes: 1, share: 1 }]).toString();
    expect(svg.match(/class="tile[^"]*" tabindex="0" role="img" aria-label="/g)).toHaveLength(12);
    expect(svg).toContain('fill="#1f77b4" class="tile-box"');
    expect(svg).toContain('aria-label="Northern Ireland: no leader yet; 0.0% of registered voters counted; no votes yet."');
    expect(svg).toContain('Management Party');
    expect(svg).toContain('href="#regions-title"');
  });

  it('escapes hostile region and candidate names', () => {
    const hostile = { ...region('x', '<img src=x onerror=alert(1)>', 10, 5), leader: { candidate_id: 'c', name: '"><script>', party_id: 'P', color: '#000000', votes: 1 } };
    const out = renderRegionMap([hostile]).toString();
    expect(out).not.toContain('<img src=x');
    expect(out).not.toContain('"><script>');
  });

  it('says in each tile whether the region is reporting or complete, and marks complete tiles', () => {
    expect(completeRegions([region('a', 'A', 100, 100), region('b', 'B', 100, 10)])).toEqual([1, 2]);
    expect(describeRegion(region('a', 'Avon', 100, 100))).toBe('Avon: Ada Lovelace leads with 50 votes; 100.0% of registered voters counted; count complete.');
    expect(describeRegion(region('b', 'Bath', 100, 40))).toBe('Bath: Ada Lovelace leads with 20 votes; 40.0% of registered voters counted; reporting.');
    const closed = { ...region('c', 'Cork', 100, 40), count: 'complete' as const };
    const svg = renderRegionMap([closed, region('b', 'Bath', 100, 40)]).toString();
    expect(svg).toMatch(/<g class="tile complete"[^>]*aria-label="Cork: [^"]*; count complete\."/);
    expect(svg).toMatch(/>Cork<\/text>\n<text [^>]*>turnout 40\.0% · complete</);
    expect(svg).toMatch(/>Bath<\/text>\n<text [^>]*>turnout 40\.0% · reporting</);
  });

  it('writes tile text in black or white, whichever reads on the fill', () => {
    expect(textColourOn('#ffff00')).toBe('#111111');
    expect(textColourOn('#1d4ed8')).toBe('#ffffff');
    expect(shortNameOf('')).toBe('?');
    expect(shortNameOf('Testshire 07')).toBe('T07');
  });
});
