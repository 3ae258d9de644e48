import type { MinuteCount } from '../live/resultsSnapshot.ts';
import { VOTE_BUCKET_MS } from '../../shared/election/polling-clock.ts';

// Groups the count's time buckets (votes_per_minute rows: a bucket start in epoch ms and its votes;
// the count job buckets by 5 s, older data by the minute) into bars of one width, chosen so that
// a night of any length draws as 20 to 60 bars where the data allows: a 2-minute night in 5 s
// bars, a 5-minute night in 10 s bars, a real 15-hour day in 15 min bars. Each bar is a whole
// number of source buckets, so its count is exact.

/** Bar widths to choose from, ms: round numbers on a clock. */
const WIDTHS_MS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400].map((s) => s * 1_000);
export const MAX_BARS = 60;

export interface TimeBar {
  /** Epoch ms the bar starts (inclusive) and ends (exclusive). */
  start: number;
  end: number;
  votes: number;
}

export interface TimeBars {
  bars: TimeBar[];
  /** Width of every bar, ms. */
  widthMs: number;
}

/**
 * The width of the source buckets: the smallest gap between two bucket starts, and at least 1 s
 * (5 s when there is a single bucket).
 */
export function sourceBucketMs(series: readonly MinuteCount[]): number {
  let gap = Number.POSITIVE_INFINITY;
  for (let i = 1; i < series.length; i++) gap = Math.min(gap, series[i]!.minute_start - series[i - 1]!.minute_start);
  return Number.isFinite(gap) ? Math.max(1_000, gap) : VOTE_BUCKET_MS;
}

/**
 * `series` (sorted by minute_start) as bars over [from, to) (epoch ms): the narrowest clock width
 * that is a multiple of the source buckets and gives at most MAX_BARS bars. Buckets outside the
 * span are left out. An empty span gives no bars.
 */
export function groupIntoBars(series: readonly MinuteCount[], from: number, to: number): TimeBars {
  const source = sourceBucketMs(series);
  const start = Math.floor(from / source) * source;
  const span = Math.max(0, to - start);
  const widthMs = WIDTHS_MS.find((w) => w % source === 0 && Math.ceil(span / w) <= MAX_BARS) ?? Math.ceil(span / MAX_BARS / source) * source;
  const count = Math.ceil(span / widthMs);
  const bars: TimeBar[] = Array.from({ length: count }, (_, i) => ({ start: start + i * widthMs, end: start + (i + 1) * widthMs, votes: 0 }));
  for (const { minute_start, votes } of series) {
    const i = Math.floor((minute_start - start) / widthMs);
    if (i >= 0 && i < count) bars[i]!.votes += votes;
  }
  return { bars, widthMs };
}

/** A bar width in words: "5 seconds", "10 minutes", "1 hour". */
export function describeWidth(ms: number): string {
  const unit = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (ms % 3_600_000 === 0) return unit(ms / 3_600_000, 'hour');
  if (ms % 60_000 === 0) return unit(ms / 60_000, 'minute');
  return unit(Math.round(ms / 1_000), 'second');
}
