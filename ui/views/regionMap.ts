import type { PartyResult, RegionResult } from '../live/resultsSnapshot.ts';
import { formatCount, formatPercent } from './displayFormat.ts';
import { html, type Html } from './html.ts';
import { renderPartySwatch } from './partySwatch.ts';
import { layoutRegionTiles, MAX_MAP_TILES, type TilePlacement } from './regionMapLayout.ts';
import { COUNT_COMPLETE_NOTE, describeCountState } from './regionReporting.ts';

// The map: one square tile per region, filled with the colour of the party whose candidate leads
// there, with the share of registered voters counted. Each tile is focusable; hovering or focusing
// it shows its details in the strip under the tiles (pure CSS: .tile:hover/.tile:focus .tip), and
// its accessible name says the same. The text equivalent is the "Turnout by region" table (same
// regions, leaders, shares counted and complete marks, sortable): the map links to it rather than
// repeating it, because every byte here is pushed to every browser on every change.

const TILE = 64;
const GAP = 6;
const TIP_HEIGHT = 64;
const MIN_WIDTH = 340;
const NO_LEADER = '#d0d7de';
// The viewBox has 4 units of margin round the tiles, so a complete or focused tile's thick outline is not cut.

/** Black or white, whichever reads better on `fill` (#rrggbb). */
export function textColourOn(fill: string): string {
  const channel = (i: number): number => {
    const c = Number.parseInt(fill.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return luminance > 0.18 ? '#111111' : '#ffffff';
}

/** What a tile says about its region, in words (its accessible name and hover details). */
export function describeRegion(region: RegionResult): string {
  const counted = region.turnout === null ? 'registered voters unknown' : `${formatPercent(region.turnout)} of registered voters counted`;
  const leader = region.leader ? `${region.leader.name} leads with ${formatCount(region.leader.votes)} votes` : 'no leader yet';
  return `${region.name}: ${leader}; ${counted}; ${region.count === 'complete' ? 'count complete' : describeCountState(region.count)}.`;
}

function tile(t: TilePlacement, width: number, tipY: number): Html {
  const { region } = t;
  const x = t.column * (TILE + GAP);
  const y = t.row * (TILE + GAP);
  const fill = region.leader?.color ?? NO_LEADER;
  const ink = textColourOn(fill);
  const complete = region.count === 'complete';
  const counted = region.turnout === null ? '–' : formatPercent(region.turnout);
  const leaderLine = region.leader ? `Leading: ${region.leader.name}` : 'No votes counted yet';
  return html`<g class="tile${complete ? ' complete' : ''}" tabindex="0" role="img" aria-label="${describeRegion(region)}" data-region="${region.region_id}">
<rect x="${x}" y="${y}" width="${TILE}" height="${TILE}" rx="6" fill="${fill}" class="tile-box"/>
<text x="${x + TILE / 2}" y="${y + 28}" fill="${ink}" class="tile-short">${t.short}</text>
${complete ? html`<text x="${x + TILE - 5}" y="${y + 13}" fill="${ink}" class="tile-mark">✓</text>` : ''}
<text x="${x + TILE / 2}" y="${y + 48}" fill="${ink}" class="tile-figure">${counted}</text>
<g class="tip"><rect x="0" y="${tipY}" width="${width}" height="${TIP_HEIGHT}" rx="4" class="tip-box"/>
<text x="8" y="${tipY + 18}" class="tip-title">${region.name}</text>
<text x="8" y="${tipY + 37}" class="tip-line">turnout ${counted} · ${describeCountState(region.count)}</text>
<text x="8" y="${tipY + 55}" class="tip-line">${leaderLine}</text></g>
</g>`;
}

function legend(regions: RegionResult[], parties: PartyResult[]): Html {
  const names = new Map(parties.map((p) => [p.party_id, p.name]));
  const leading = new Map<string, string>();
  for (const r of regions) if (r.leader) leading.set(r.leader.party_id, r.leader.color);
  const items = [...leading].map(([party, color]) => html`<li>${renderPartySwatch(color)} ${names.get(party) ?? party}</li>`);
  const unlit = regions.some((r) => !r.leader) ? html`<li>${renderPartySwatch(NO_LEADER)} no votes yet</li>` : '';
  return html`<ul class="legend map-legend">${items}${unlit}<li>✓ count complete</li><li>tile figure: turnout</li></ul>`;
}

/**
 * The map panel: tiles (UK layout or a grid), a legend of the leading parties, the note on what
 * "complete" means, and a link to the regions table (its text equivalent).
 * @param parties - for the legend's party names (a party not listed shows its id)
 */
export function renderRegionMap(regions: RegionResult[], parties: PartyResult[] = []): Html {
  if (regions.length === 0) return html`<p class="empty">No regions yet.</p>`;
  const layout = layoutRegionTiles(regions);
  const width = Math.max(MIN_WIDTH, layout.columns * (TILE + GAP) - GAP);
  const tipY = layout.rows * (TILE + GAP) + 4;
  const height = tipY + TIP_HEIGHT;
  const capped = regions.length > MAX_MAP_TILES ? html`<p class="muted">The map shows the first ${MAX_MAP_TILES} regions by name; the tables list all ${formatCount(regions.length)}.</p>` : '';
  return html`<div class="region-map">
<svg class="chart map-chart" viewBox="-4 -4 ${width + 8} ${height + 8}" role="group" aria-labelledby="map-chart-title">
<title id="map-chart-title">Leading party per region (${layout.kind === 'uk' ? 'tile map of the UK' : 'one tile per region'})</title>
<g class="tip-default"><text x="8" y="${tipY + 34}" class="tip-line">Hover over, tap or focus a region for its details.</text></g>
${layout.tiles.map((t) => tile(t, width, tipY))}
</svg>
${legend(regions, parties)}
<p class="muted note">${COUNT_COMPLETE_NOTE}</p>
${capped}
<p class="note"><a href="#regions-title">The same figures as a table: Turnout by region</a></p>
</div>`;
}
