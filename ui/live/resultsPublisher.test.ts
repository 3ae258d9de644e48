import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sampleSnapshot } from '../testing/sampleElection.ts';
import type { ResultsSource } from './resultsSource.ts';
import { ResultsPublisher } from './resultsPublisher.ts';

function changingSource(): ResultsSource & { change(): void } {
  let listener: () => void = () => undefined;
  return {
    snapshot: (now) => sampleSnapshot(now),
    readerStatus: () => ({ connected: true, caughtUp: true, malformedMessages: 0 }),
    findCandidate: () => undefined,
    onChange: (l) => { listener = l; return () => { listener = () => undefined; }; },
    change: () => listener(),
  };
}

describe('ResultsPublisher', () => {
  beforeEach(() => { vi.useFakeTimers(); });
  afterEach(() => { vi.useRealTimers(); });

  it('renders once per data version, however many readers ask', () => {
    const render = vi.fn(() => [{ event: 'e', data: 'x' }]);
    const publisher = new ResultsPublisher({ source: changingSource(), render, pushesPerSecond: 4, now: () => Date.now() });
    const first = publisher.current();
    for (let i = 0; i < 1_000; i++) expect(publisher.current()).toBe(first);
    expect(render).toHaveBeenCalledTimes(1);
    const body = first.cached('k', () => 'hello');
    expect(first.cached('k', () => 'other')).toBe(body);
    publisher.close();
  });

  it('coalesces many changes into at most pushesPerSecond versions, the last one taking the latest data', async () => {
    const source = changingSource();
    let state = 0;
    const publisher = new ResultsPublisher({ source, render: () => [{ event: 'count', data: String(state) }], pushesPerSecond: 2, now: () => Date.now() });
    const seen: string[] = [];
    publisher.onVersion((v) => seen.push(v.events[0]!.data));
    publisher.current();
    for (let i = 1; i <= 100; i++) {
      state = i;
      source.change();
      await vi.advanceTimersByTimeAsync(10);
    }
    await vi.advanceTimersByTimeAsync(1_000);
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(seen.length).toBeLessThanOrEqual(4);
    expect(seen.at(-1)).toBe('100');
    expect(publisher.current().sequence).toBe(seen.length);
    publisher.close();
  });

  it('gives equal bodies equal ETags across versions, and different bodies different ones', () => {
    const source = changingSource();
    const publisher = new ResultsPublisher({ source, render: () => [], pushesPerSecond: 4 });
    const a = publisher.current().cached('k', () => 'same');
    source.change();
    vi.advanceTimersByTime(300);
    const v2 = publisher.current();
    expect(v2.sequence).toBe(2);
    expect(v2.cached('k', () => 'same').etag).toBe(a.etag);
    expect(v2.cached('j', () => 'different').etag).not.toBe(a.etag);
    publisher.close();
  });
});
