import type { RegionResult } from '../live/resultsSnapshot.ts';
import { formatCount, formatPercent } from './displayFormat.ts';
import { html, type Html } from './html.ts';
import { renderGuarded, renderPanelUnavailable } from './panelGuard.ts';
import { renderPartySwatch } from './partySwatch.ts';
import {
  PAGE_SIZES, pageOfRegions, regionQueryString, type RegionQuery, type RegionSortColumn,
} from './regionQuery.ts';

// The turnout-by-region table. Its whole panel is one htmx element: sort links, page links and the
// page-size select fetch /fragments/regions with a new query and swap the panel; a `regions` SSE
// event re-fetches it with the current query, so live updates keep the reader's sort and page.

const COLUMNS: { column: RegionSortColumn; label: string; numeric: boolean }[] = [
  { column: 'name', label: 'Region', numeric: false },
  { column: 'registered', label: 'Registered', numeric: true },
  { column: 'votes', label: 'Votes', numeric: true },
  { column: 'turnout', label: 'Turnout', numeric: true },
  { column: 'leader', label: 'Leading candidate', numeric: false },
];

function link(query: RegionQuery, label: Html | string, attrs: { rel?: string; current?: boolean } = {}): Html {
  const qs = regionQueryString(query);
  return html`<a href="/?${qs}#regions" hx-get="/fragments/regions?${qs}" hx-target="#regions" hx-swap="outerHTML"${attrs.rel ? html` rel="${attrs.rel}"` : ''}>${label}</a>`;
}

function headerCell(query: RegionQuery, column: RegionSortColumn, label: string, numeric: boolean): Html {
  const active = query.sort === column;
  const nextDir = active && query.dir === 'asc' ? 'desc' : 'asc';
  const ariaSort = active ? (query.dir === 'asc' ? 'ascending' : 'descending') : 'none';
  const arrow = active ? (query.dir === 'asc' ? ' ▲' : ' ▼') : '';
  const sortLabel = html`${label}<span aria-hidden="true">${arrow}</span><span class="visually-hidden">, sort ${nextDir === 'asc' ? 'ascending' : 'descending'}</span>`;
  return html`<th scope="col" aria-sort="${ariaSort}"${numeric ? html` class="num"` : ''} data-column="${column}">${link({ ...query, sort: column, dir: nextDir, page: 1 }, sortLabel)}</th>`;
}

function regionRow(r: RegionResult): Html {
  return html`<tr>
<th scope="row">${r.name}</th>
<td class="num">${formatCount(r.registered_voters)}</td>
<td class="num">${formatCount(r.votes)}</td>
<td class="num">${formatPercent(r.turnout)}</td>
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
  return html`<section id="regions" class="panel wide" aria-labelledby="regions-title" hx-get="/fragments/regions?${qs}" hx-trigger="sse:regions, regions-refresh from:body" hx-swap="outerHTML" data-query="${qs}">
<h2 id="regions-title">Turnout by region</h2>
<div class="table-wrap"><table id="region-table">
<caption>Regions, page ${view.page} of ${view.pages} (${formatCount(view.total)} regions)</caption>
<thead><tr>${COLUMNS.map((c) => headerCell(shown, c.column, c.label, c.numeric))}</tr></thead>
<tbody>${view.rows.length > 0 ? view.rows.map(regionRow) : html`<tr><td colspan="5" class="empty">No regions yet.</td></tr>`}</tbody>
</table></div>
<nav class="pager" aria-label="Region table pages">
${prev}
<span class="page-status">Page ${view.page} of ${view.pages}</span>
${next}
<label class="page-size">Rows per page
<select name="size" hx-get="/fragments/regions" hx-target="#regions" hx-swap="outerHTML" hx-vals='{"sort":"${shown.sort}","dir":"${shown.dir}","page":"1"}'>${sizeOptions}</select>
</label>
</nav>
</section>`;
}

/**
 * The regions panel for the page and /fragments/regions: renderRegionTable, or, if that throws, a
 * section with the same id and live re-fetch that says it cannot be drawn (the next update retries).
 */
export function renderRegionPanel(regions: RegionResult[], query: RegionQuery): Html {
  return renderGuarded('regions', () => renderRegionTable(regions, query), () => html`<section id="regions" class="panel wide" aria-labelledby="regions-title" hx-get="/fragments/regions?${regionQueryString(query)}" hx-trigger="sse:regions, regions-refresh from:body" hx-swap="outerHTML">
<h2 id="regions-title">Turnout by region</h2>
${renderPanelUnavailable()}
</section>`);
}
