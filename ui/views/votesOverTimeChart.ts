import type { PollingDayStatus } from '../live/pollingDayPoller.ts';
import type { MinuteCount } from '../live/resultsSnapshot.ts';
import { formatClock, formatCount, formatMinute } from './displayFormat.ts';
import { html, type Html } from './html.ts';
import { pollingDayTime } from './pollingDayClock.ts';
import { POLLING_DAY_MS } from '../../shared/election/polling-clock.ts';
import { describeWidth, groupIntoBars, sourceBucketMs, type TimeBar } from './timeBars.ts';

// Votes counted over time, as 20 to 60 columns (timeBars.ts). On an election night the axis is the
// polling day, 07:00 to 22:00, whatever the night's real length, and the columns fill it as the
// day goes on; without one it spans the votes (the last day at most), in UTC. Buckets dated after
// the moment of drawing (plus a little clock skew) are left out, with a note: one vote with an
// absurd cast_at would otherwise stretch the axis and squash the rest.

const WIDTH = 400;
const HEIGHT = 130;
const AXIS = 20;
const DAY_MS = 86_400_000;
/** How far after `now` a bucket may start and still be drawn (clocks of voting machines drift). */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;

/** A time as the axis shows it: polling-day clock, or UTC (with seconds when the bars are shorter than a minute). */
function clockOf(polls: PollingDayStatus | null, widthMs: number): (at: number) => string {
  if (polls) return (at) => pollingDayTime(polls, at);
  return widthMs < 60_000 ? (at) => formatClock(at).replace(' UTC', '') : formatMinute;
}

/** `widthMs` of real time as polling-day time (07:00-22:00 over the night's length), to the minute (at least one). */
function pollingDayWidth(widthMs: number, polls: PollingDayStatus): number {
  const scaled = (widthMs * POLLING_DAY_MS) / Math.max(1, polls.closesAt - polls.openedAt);
  return Math.max(60_000, Math.round(scaled / 60_000) * 60_000);
}

function column(bar: TimeBar, i: number, slot: number, plot: number, max: number, label: string): Html {
  const h = Math.max(bar.votes > 0 ? 1 : 0, Math.round((bar.votes / max) * (plot - 18)));
  return html`<rect x="${(i * slot + slot * 0.1).toFixed(1)}" y="${plot - h}" width="${(slot * 0.8).toFixed(1)}" height="${h}" class="minute-bar"><title>${label}: ${formatCount(bar.votes)} votes</title></rect>`;
}

/**
 * The votes-over-time panel: `series` sorted by minute_start (epoch ms), `now` the snapshot's time
 * (epoch ms), `polls` the polling day (null: none recorded). Never throws on data: an empty or
 * undrawable series reads as a short message.
 */
export function renderVotesOverTimeChart(series: MinuteCount[], now: number, polls: PollingDayStatus | null = null): Html {
  if (series.length === 0) return html`<p class="empty">No votes counted yet.</p>`;
  const drawable = series.filter((m) => m.minute_start <= now + FUTURE_TOLERANCE_MS);
  const future = series.length - drawable.length;
  const note = future === 0 ? '' : html`<p class="muted">${formatCount(future)} time bucket(s) dated in the future not drawn.</p>`;
  if (drawable.length === 0) return html`<p class="empty">No votes with a drawable time yet.</p>${note}`;
  const last = drawable[drawable.length - 1]!.minute_start + sourceBucketMs(drawable);
  const from = polls ? polls.openedAt : Math.max(drawable[0]!.minute_start, last - DAY_MS);
  const to = polls ? Math.max(polls.closesAt, polls.closedAt ?? 0, Math.min(last, now)) : last;
  const { bars, widthMs } = groupIntoBars(drawable, from, to);
  if (bars.length === 0) return html`<p class="empty">No votes with a drawable time yet.</p>${note}`;
  const clock = clockOf(polls, widthMs);
  const utc = clockOf(null, widthMs);
  const zone = polls ? ' on the polling day' : ' UTC';
  const max = Math.max(1, ...bars.map((b) => b.votes));
  const slot = WIDTH / bars.length;
  const plot = HEIGHT - AXIS;
  const columns = bars.map((b, i) => column(b, i, slot, plot, max, polls
    ? `${clock(b.start)}–${clock(b.end)} on the polling day (${utc(b.start)}–${utc(b.end)} UTC)`
    : `${clock(b.start)}–${clock(b.end)} UTC`));
  const first = bars[0]!.start;
  const end = bars[bars.length - 1]!.end;
  const xOf = (at: number): number => ((at - first) / (end - first)) * WIDTH;
  // The middle label sits at the middle of the polling day (14:30), wherever the bars' edges fall.
  const middle = polls ? polls.openedAt + (polls.closesAt - polls.openedAt) / 2 : first + (end - first) / 2;
  const nowLine = polls && polls.closedAt === null && now > first && now < end
    ? html`<line x1="${xOf(now).toFixed(1)}" y1="14" x2="${xOf(now).toFixed(1)}" y2="${plot}" class="now-line"/>`
    : '';
  // On an election night a bar's width is told in polling-day time, as the axis is (07:00-22:00
  // over the night's real length), to the minute: "15 minutes", not the real "5 seconds".
  const per = describeWidth(polls ? pollingDayWidth(widthMs, polls) : widthMs);
  return html`<svg class="chart timeline-chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="timeline-title">
<title id="timeline-title">Votes per ${per}, ${clock(first)} to ${clock(end)}${zone}, peak ${formatCount(max)}</title>
<text x="0" y="13" class="chart-value">votes per ${per} · peak ${formatCount(max)}</text>
${columns}
${nowLine}
<line x1="0" y1="${plot}" x2="${WIDTH}" y2="${plot}" class="axis"/>
<text x="0" y="${HEIGHT - 4}" class="chart-label">${clock(first)}</text>
<text x="${xOf(middle).toFixed(1)}" y="${HEIGHT - 4}" text-anchor="middle" class="chart-label">${clock(middle)}</text>
<text x="${WIDTH}" y="${HEIGHT - 4}" text-anchor="end" class="chart-label">${clock(end)}${polls ? '' : ' UTC'}</text>
</svg>${note}`;
}
