import { describe, expect, it } from 'vitest';
import type { MinuteCount } from '../live/resultsSnapshot.ts';
import { describeWidth, groupIntoBars, MAX_BARS } from './timeBars.ts';
import { renderVotesOverTimeChart } from './votesOverTimeChart.ts';

const T0 = Date.UTC(2026, 4, 7, 8, 0, 0);

/** One 5 s bucket of `votes` every 5 s over `ms`, from T0. */
function night(ms: number, votes = 10): MinuteCount[] {
  return Array.from({ length: ms / 5_000 }, (_, i) => ({ minute_start: T0 + i * 5_000, votes }));
}

describe('votes over time in 20 to 60 bars', () => {
  it('draws a 2-minute night in 5 s bars, a 5-minute one in 5 s bars, a 15-hour day in 15 min bars', () => {
    expect(groupIntoBars(night(120_000), T0, T0 + 120_000)).toMatchObject({ widthMs: 5_000 });
    expect(groupIntoBars(night(120_000), T0, T0 + 120_000).bars).toHaveLength(24);
    expect(groupIntoBars(night(300_000), T0, T0 + 300_000).bars).toHaveLength(60);
    const day = groupIntoBars(night(15 * 3_600_000), T0, T0 + 15 * 3_600_000);
    expect(day.widthMs).toBe(900_000);
    expect(day.bars).toHaveLength(60);
    expect(describeWidth(day.widthMs)).toBe('15 minutes');
  });

  it('keeps every vote: each bar is a whole number of source buckets', () => {
    const series = night(600_000, 7);
    const { bars, widthMs } = groupIntoBars(series, T0 + 1_234, T0 + 600_000);
    expect(bars.length).toBeLessThanOrEqual(MAX_BARS);
    expect(widthMs % 5_000).toBe(0);
    expect(bars.reduce((sum, b) => sum + b.votes, 0)).toBe(series.length * 7);
  });

  it('labels an election night in polling-day time, 07:00 to 22:00, with a line at now while the polls are open', () => {
    const polls = { openedAt: T0, closesAt: T0 + 300_000, closedAt: null, countCaughtUp: false };
    const svg = renderVotesOverTimeChart(night(150_000), T0 + 150_000, polls).toString();
    expect(svg).toContain('<title id="timeline-title">Votes per 15 minutes, 07:00 to 22:00 on the polling day');
    expect(svg).toContain('>votes per 15 minutes · peak 10</text>');
    expect(svg).toContain('>14:30</text>');
    expect(svg.match(/class="minute-bar"/g)).toHaveLength(60);
    expect(svg).toContain('class="now-line"');
    expect(svg).toMatch(/<title>07:00–07:15 on the polling day \(08:00:00–08:00:05 UTC\): 10 votes<\/title>/);
  });

  it('labels votes without a polling day in UTC, with seconds for bars under a minute', () => {
    const svg = renderVotesOverTimeChart(night(120_000), T0 + 120_000).toString();
    expect(svg).toContain('08:00:00 to 08:02:00 UTC');
  });
});
