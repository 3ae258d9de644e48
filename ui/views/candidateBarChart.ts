import type { CandidateResult } from '../live/resultsSnapshot.ts';
import { formatCount, formatPercent } from './displayFormat.ts';
import { html, type Html } from './html.ts';

// Horizontal bars, one per candidate, in party colours. Each name sits above its bar so long
// names keep their room and the text stays legible when the 400-wide viewBox shrinks to a phone.
const WIDTH = 400;
const ROW = 50;
const BAR = 18;
const VALUE_ROOM = 120;

/** At most this many bars; the candidates table lists the rest. */
export const MAX_BARS = 40;

/** Bars for `candidates` (sorted by votes, most first), the first MAX_BARS of them. */
export function renderCandidateBarChart(all: CandidateResult[]): Html {
  if (all.length === 0) return html`<p class="empty">No votes counted yet.</p>`;
  const candidates = all.slice(0, MAX_BARS);
  const more = all.length - candidates.length;
  const max = Math.max(1, ...candidates.map((c) => c.votes));
  const barSpace = WIDTH - VALUE_ROOM;
  const height = candidates.length * ROW;
  const bars = candidates.map((c, i) => {
    const y = i * ROW;
    const width = Math.max(c.votes > 0 ? 2 : 0, Math.round((c.votes / max) * barSpace));
    return html`<g>
<text x="0" y="${y + 16}" class="chart-label">${truncate(c.name, 44)}</text>
<rect x="0" y="${y + 22}" width="${width}" height="${BAR}" rx="3" fill="${c.color}"><title>${c.name}: ${formatCount(c.votes)} votes</title></rect>
<text x="${width + 6}" y="${y + 36}" class="chart-value">${formatCount(c.votes)} (${formatPercent(c.share)})</text>
</g>`;
  });
  return html`<svg class="chart bar-chart" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="bar-chart-title">
<title id="bar-chart-title">Votes per candidate</title>
${bars}
</svg>${more > 0 ? html`<p class="muted">and ${formatCount(more)} more candidates (see the table).</p>` : ''}`;
}

export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}
