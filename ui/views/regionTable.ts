import type { RegionResult } from '../live/resultsSnapshot.ts';
import { formatCount, formatPercent } from './displayFormat.ts';
import { html, type Html } from './html.ts';
import { renderGuarded, renderPanelUnavailable } from './panelGuard.ts';
import { renderPartySwatch } from './partySwatch.ts';
import {
  DEFAULT_REGION_QUERY, PAGE_SIZES, pageCountOf, pageOfRegions, regionQueryString, type RegionQuery, type RegionSortColumn,
} from './regionQuery.ts';
import { describeCountState } from './regionReporting.ts';

// The turnout-by-region table. Its panel sits in a wrapper, #regions-view, that stays put while
// pushes replace the panel: sort links, page links and the page-size select fetch
// /fragments/regions with a new query and swap the wrapper. The panel is pushed live in each
// reader's own sort and page: the main stream's `regions` event carries it in the default view,
// and a reader with another view gets it from a stream of that view (/events/regions?<query>,
// opened by the wrapper's sse-connect), rendered once per data version for all its readers. So
// nobody re-fetches the table on a change, and a new sort or page is one request.

/** The wrapper's attributes for `qs`: a stream of its own unless it shows the default view; the refresh button's re-fetch. */
function viewAttributes(qs: string): Html {
  const own = qs === regionQueryString(DEFAULT_REGION_QUERY) ? '' : html` sse-connect="/events/regions?${qs}"`;
  return html`id="regions-view" class="regions-view" hx-get="/fragments/regions?${qs}" hx-trigger="regions-refresh from:body" hx-swap="outerHTML"${own}`;
}

/** The panel's live attributes: each push of its view replaces it. */
const LIVE_ATTRIBUTES = html`sse-swap="regions" hx-swap="outerHTML"`;

// On a phone the Registered column is hidden and each Votes cell says "of <registered>" instead
// (tally.css), so the table fits the screen with the same figures.
const COLUMNS: { column: RegionSortColumn; label: string; numeric: boolean; className?: string }[] = [
  { column: 'name', label: 'Region', numeric: false },
  { column: 'registered', label: 'Registered', numeric: true, className: 'col-registered' },
  { column: 'votes', label: 'Votes', numeric: true },
  { column: 'turnout', label: 'Turnout', numeric: true },
  { column: 'leader', label: 'Leading candidate', numeric: false },
];

function link(query: RegionQuery, label: Html | string, attrs: { rel?: string; current?: boolean } = {}): Html {
  const qs = regionQueryString(query);
  return html`<a href="/?${qs}#regions" hx-get="/fragments/regions?${qs}" hx-target="#regions-view" hx-swap="outerHTML"${attrs.rel ? html` rel="${attrs.rel}"` : ''}>${label}</a>`;
}

function headerCell(query: RegionQuery, column: RegionSortColumn, label: string, numeric: boolean, className = ''): Html {
  const active = query.sort === column;
  const nextDir = active && query.dir === 'asc' ? 'desc' : 'asc';
  const ariaSort = active ? (query.dir === 'asc' ? 'ascending' : 'descending') : 'none';
  const arrow = active ? (query.dir === 'asc' ? ' ▲' : ' ▼') : '';
  const sortLabel = html`${label}<span aria-hidden="true">${arrow}</span><span class="visually-hidden">, sort ${nextDir === 'asc' ? 'ascending' : 'descending'}</span>`;
  const classes = [numeric ? 'num' : '', className].filter(Boolean).join(' ');
  return html`<th scope="col" aria-sort="${ariaSort}"${classes ? html` class="${classes}"` : ''} data-column="${column}">${link({ ...query, sort: column, dir: nextDir, page: 1 }, sortLabel)}</th>`;
}

function regionRow(r: RegionResult): Html {
  return html`<tr>
<th scope="row">${r.name}</th>
<td class="num col-registered">${formatCount(r.registered_voters)}</td>
<td class="num">${formatCount(r.votes)}<span class="of-registered"> of ${formatCount(r.registered_voters)}</span></td>
<td class="num">${formatPercent(r.turnout)}<span class="count-state ${r.count}">${r.count === 'complete' ? html`<span aria-hidden="true">✓ </span>` : ''}${describeCountState(r.count)}</span></td>
<td>${r.leader ? html`${renderPartySwatch(r.leader.color)} ${r.leader.name}` : html`<span class="muted">–</span>`}</td>
</tr>`;
}

export function renderRegionTable(regions: RegionResult[], query: RegionQuery): Html {
  const view = pageOfRegions(regions, query);
  const shown = { ...query, page: view.page };
  const qs = regionQueryString(shown);
  const sizeOptions = PAGE_SIZES.map((s) => html`<option value="${s}"${s === query.size ? html` selected` : ''}>${s}</option>`);
  const prev = view.page > 1 ? link({ ...shown, page: view.page - 1 }, 'Previous', { rel: 'prev' }) : html`<span class="disabled" aria-disabled="true">Previous</span>`;
  const next = view.page < view.pages ? link({ ...shown, page: view.page + 1 }, 'Next', { rel: 'next' }) : html`<span class="disabled" aria-disabled="true">Next</span>`;
  return html`<section id="regions" class="panel wide" aria-labelledby="regions-title" ${LIVE_ATTRIBUTES} data-query="${qs}">
<h2 id="regions-title">Turnout by region</h2>
<div class="table-wrap" tabindex="0" role="region" aria-label="Regions table (scrolls sideways when wider than the screen)"><table id="region-table">
<caption>Regions, page ${view.page} of ${view.pages} (${formatCount(view.total)} regions)</caption>
<thead><tr>${COLUMNS.map((c) => headerCell(shown, c.column, c.label, c.numeric, c.className))}</tr></thead>
<tbody>${view.rows.length > 0 ? view.rows.map(regionRow) : html`<tr><td colspan="5" class="empty">No regions yet.</td></tr>`}</tbody>
</table></div>
<nav class="pager" aria-label="Region table pages">
${prev}
<span class="page-status">Page ${view.page} of ${view.pages}</span>
${next}
<label class="page-size">Rows per page
<select name="size" hx-get="/fragments/regions" hx-target="#regions-view" hx-swap="outerHTML" hx-vals='{"sort":"${shown.sort}","dir":"${shown.dir}","page":"1"}'>${sizeOptions}</select>
</label>
</nav>
</section>`;
}

/**
 * The regions panel as pushed: renderRegionTable, or, if that throws, a section with the same id
 * and live attributes that says it cannot be drawn (the next update retries).
 */
export function renderRegionPanel(regions: RegionResult[], query: RegionQuery): Html {
  return renderGuarded('regions', () => renderRegionTable(regions, query), () => html`<section id="regions" class="panel wide" aria-labelledby="regions-title" ${LIVE_ATTRIBUTES}>
<h2 id="regions-title">Turnout by region</h2>
${renderPanelUnavailable()}
</section>`);
}

/**
 * The regions panel in its wrapper (see the header comment), for the page and /fragments/regions:
 * the wrapper streams the view `query` shows, its page clamped to the table's last page.
 */
export function renderRegionView(regions: RegionResult[], query: RegionQuery): Html {
  return html`<div ${viewAttributes(regionViewKey(regions, query))}>
${renderRegionPanel(regions, query)}
</div>`;
}

/** The query string of the view `query` shows of `regions`: its page clamped to the last page (so views are few). */
export function regionViewKey(regions: RegionResult[], query: RegionQuery): string {
  // A snapshot whose regions cannot be read still gets its wrapper (the panel says it cannot be drawn).
  const total = Array.isArray(regions) ? regions.length : 0;
  return regionQueryString({ ...query, page: Math.min(query.page, pageCountOf(total, query.size)) });
}
