import { describe, expect, it } from 'vitest';
import { sampleSnapshot, T0 } from '../testing/sampleElection.ts';
import { formatCountdown, pollingDayTime, pollsPhase, renderPollsSentence } from './pollingDayClock.ts';

const DAY = 300_000;
const polls = { openedAt: T0, closesAt: T0 + DAY, closedAt: null, countCaughtUp: false };
const regions = sampleSnapshot().regions;

describe('the polling day in the headline', () => {
  it('runs the 07:00-22:00 clock over the night, whatever its length, and counts down to the close', () => {
    expect(pollingDayTime(polls, T0)).toBe('07:00');
    expect(pollingDayTime(polls, T0 + DAY / 2)).toBe('14:30');
    expect(formatCountdown(192_000)).toBe('3 min 12 s');
    expect(formatCountdown(45_000)).toBe('45 s');
    expect(formatCountdown(3_600_500)).toBe('1 h 0 min 1 s');
    expect(renderPollsSentence(polls, T0 + DAY / 2, regions).toString()).toContain('<strong>Polls open</strong>: 14:30 on the polling day (07:00–22:00), closing in 2 min 30 s.');
  });

  it('says closing, then closed and counting, then complete', () => {
    expect(pollsPhase(polls, T0 + DAY + 1, regions)).toBe('closing');
    const closed = { ...polls, closedAt: T0 + DAY + 500 };
    expect(renderPollsSentence(closed, T0 + DAY + 600, regions).toString()).toMatch(/Polls closed<\/strong> at 22:00 \(\d\d:\d\d:\d\d UTC\); counting: 0 of 3 regions complete\./);
    const done = regions.map((r) => ({ ...r, count: 'complete' as const }));
    expect(pollsPhase({ ...closed, countCaughtUp: true }, T0 + DAY + 600, done)).toBe('complete');
    expect(renderPollsSentence({ ...closed, countCaughtUp: true }, T0 + DAY + 600, done).toString()).toContain('the count is complete in all 3 regions.');
  });

  it('says nothing about polls when no polling day is recorded', () => {
    expect(renderPollsSentence(null, T0, regions).toString()).toBe('');
  });
});
