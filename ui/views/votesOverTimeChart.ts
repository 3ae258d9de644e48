import type { MinuteCount } from '../live/resultsSnapshot.ts';
import { formatCount, formatMinute } from './displayFormat.ts';
import { html, type Html } from './html.ts';

// Votes counted per minute, the last hour at most, as columns with the first and last minute marked.
// Minutes dated after the moment of drawing (plus a little clock skew) are left out, with a note:
// one vote with an absurd cast_at would otherwise become the chart's last minute and squash the rest.

const WIDTH = 400;
const HEIGHT = 130;
const AXIS = 20;
const MAX_MINUTES = 60;
/** How far after `now` a minute may start and still be drawn (clocks of voting machines drift). */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;

/**
 * The votes-over-time panel: `series` sorted by minute_start (epoch ms), `now` the snapshot's time
 * (epoch ms). Never throws on data: an empty or undrawable series reads as a short message.
 */
export function renderVotesOverTimeChart(series: MinuteCount[], now: number): Html {
  if (series.length === 0) return html`<p class="empty">No votes counted yet.</p>`;
  const drawable = series.filter((m) => m.minute_start <= now + FUTURE_TOLERANCE_MS);
  const future = series.length - drawable.length;
  const note = future === 0 ? '' : html`<p class="muted">${formatCount(future)} minute(s) dated in the future not drawn.</p>`;
  if (drawable.length === 0) return html`<p class="empty">No votes with a drawable time yet.</p>${note}`;
  const recent = drawable.slice(-MAX_MINUTES);
  const max = Math.max(1, ...recent.map((m) => m.votes));
  const slot = WIDTH / recent.length;
  const plot = HEIGHT - AXIS;
  const columns = recent.map((m, i) => {
    const h = Math.max(m.votes > 0 ? 1 : 0, Math.round((m.votes / max) * (plot - 18)));
    return html`<rect x="${(i * slot + slot * 0.1).toFixed(1)}" y="${plot - h}" width="${(slot * 0.8).toFixed(1)}" height="${h}" class="minute-bar"><title>${formatMinute(m.minute_start)} UTC: ${formatCount(m.votes)} votes</title></rect>`;
  });
  const first = recent[0]!;
  const last = recent[recent.length - 1]!;
  return html`<svg class="chart timeline-chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="timeline-title">
<title id="timeline-title">Votes per minute, ${formatMinute(first.minute_start)} to ${formatMinute(last.minute_start)} UTC, peak ${formatCount(max)}</title>
<text x="0" y="13" class="chart-value">peak ${formatCount(max)}/min</text>
${columns}
<line x1="0" y1="${plot}" x2="${WIDTH}" y2="${plot}" class="axis"/>
<text x="0" y="${HEIGHT - 4}" class="chart-label">${formatMinute(first.minute_start)}</text>
<text x="${WIDTH}" y="${HEIGHT - 4}" text-anchor="end" class="chart-label">${formatMinute(last.minute_start)} UTC</text>
</svg>${note}`;
}
