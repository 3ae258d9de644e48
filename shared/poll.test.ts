import { describe, expect, it } from 'vitest';
import { poll, waitFor } from './poll.ts';

function counter(): () => Promise<number> {
  let n = 0;
  return async () => ++n;
}

describe('poll', () => {
  it('returns the first value that satisfies `until`', async () => {
    expect(await poll(counter(), { timeoutMs: 5_000, intervalMs: 1, until: (n) => n === 3 })).toBe(3);
  });

  it('returns the last value when the deadline passes and no onTimeout is given', async () => {
    const last = await poll(counter(), { timeoutMs: 30, intervalMs: 5, until: () => false });
    expect(last).toBeGreaterThan(1);
  });

  it('throws what onTimeout says, given the last value', async () => {
    await expect(poll(async () => 'CREATED', { timeoutMs: 20, intervalMs: 5, until: (s) => s === 'RUNNING', onTimeout: (s) => new Error(`still ${s}`) }))
      .rejects.toThrow('still CREATED');
  });

  it('throws an error `retryOn` does not accept at once, and retries the others', async () => {
    let calls = 0;
    await expect(poll(async () => { calls++; throw new Error('fatal'); }, { timeoutMs: 5_000, intervalMs: 1 })).rejects.toThrow('fatal');
    expect(calls).toBe(1);
    const flaky = counter();
    const value = await poll(async () => { const n = await flaky(); if (n < 3) throw new Error('not yet'); return n; }, { timeoutMs: 5_000, intervalMs: 1, retryOn: () => true });
    expect(value).toBe(3);
  });

  it('hands onTimeout the last retried error', async () => {
    await expect(poll(async () => { throw new Error('refused'); }, { timeoutMs: 20, intervalMs: 5, retryOn: () => true, onTimeout: (_, e) => e as Error }))
      .rejects.toThrow('refused');
  });
});

describe('waitFor', () => {
  it('is true once the check passes, false at the deadline, and never throws', async () => {
    const n = counter();
    expect(await waitFor(async () => (await n()) >= 2, 5_000, 1)).toBe(true);
    expect(await waitFor(async () => { throw new Error('refused'); }, 20, 5)).toBe(false);
  });
});
