import type { CandidateResult } from '../live/resultsSnapshot.ts';
import { formatPercent } from './displayFormat.ts';
import { html, type Html } from './html.ts';
import { renderPartySwatch } from './partySwatch.ts';

// A donut of vote shares: each candidate is an arc on a circle whose circumference is 100, so a
// share maps straight onto stroke-dasharray without any path arithmetic.
const RADIUS = 100 / (2 * Math.PI);

export function renderCandidateDonutChart(candidates: CandidateResult[]): Html {
  const counted = candidates.filter((c) => c.votes > 0);
  if (counted.length === 0) return html`<p class="empty">No votes counted yet.</p>`;
  let offset = 0;
  const arcs = counted.map((c) => {
    const length = c.share * 100;
    const arc = html`<circle cx="21" cy="21" r="${RADIUS.toFixed(5)}" fill="none" stroke="${c.color}" stroke-width="6" stroke-dasharray="${length.toFixed(3)} ${(100 - length).toFixed(3)}" stroke-dashoffset="${(25 - offset).toFixed(3)}"><title>${c.name}: ${formatPercent(c.share)}</title></circle>`;
    offset += length;
    return arc;
  });
  const legend = counted.map((c) => html`<li>${renderPartySwatch(c.color)} ${c.name} <span class="muted">${formatPercent(c.share)}</span></li>`);
  return html`<div class="donut">
<svg class="chart donut-chart" viewBox="0 0 42 42" role="img" aria-labelledby="donut-chart-title">
<title id="donut-chart-title">Share of the vote per candidate</title>
<circle cx="21" cy="21" r="${RADIUS.toFixed(5)}" fill="none" stroke="#e5e7eb" stroke-width="6"/>
${arcs}
</svg>
<ul class="legend">${legend}</ul>
</div>`;
}
