import { describe, expect, it } from 'vitest';
import { formatProgress, isCountComplete } from './progress-line.ts';

describe('the demo progress line', () => {
  it('shows the polling clock, votes sent, counted with their rate, and rejected', () => {
    expect(formatProgress({ cast: 12_345, counted: 12_300, rejected: 3 }, 620.4, 'polls open, 19:30'))
      .toBe('polls open, 19:30 │ 12,345 votes sent │ 12,300 counted (620/s) │ 3 rejected');
  });
  it('leaves the clock out of a flat-rate run', () => {
    expect(formatProgress({ cast: 1, counted: 0, rejected: 0 }, 0)).toBe('1 vote sent │ 0 counted (0/s) │ 0 rejected');
  });
  it('leaves the rate out of the first reading, which has nothing to measure it against', () => {
    expect(formatProgress({ cast: 928, counted: 827, rejected: 4 }, null, 'polls open, 07:30')).toBe('polls open, 07:30 │ 928 votes sent │ 827 counted │ 4 rejected');
  });
  it('calls the count complete once every event sent is counted or rejected, and not before any', () => {
    expect(isCountComplete({ cast: 100, counted: 97, rejected: 3 })).toBe(true);
    expect(isCountComplete({ cast: 100, counted: 97, rejected: 2 })).toBe(false);
    expect(isCountComplete({ cast: 0, counted: 0, rejected: 0 })).toBe(false);
  });
});
