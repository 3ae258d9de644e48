import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Broadcaster, type SseEvent } from './broadcast.ts';

function recordingClient(): { received: SseEvent[][]; send: (events: SseEvent[]) => Promise<void> } {
  const received: SseEvent[][] = [];
  return { received, send: async (events) => { received.push(events); } };
}

describe('Broadcaster', () => {
  let state = 0;
  const render = (): SseEvent[] => [{ event: 'count', data: String(state) }, { event: 'fixed', data: 'same' }];

  beforeEach(() => {
    vi.useFakeTimers();
    state = 0;
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends a new client the full current state at once', async () => {
    const broadcaster = new Broadcaster({ pushesPerSecond: 2, render, now: () => Date.now() });
    const client = recordingClient();
    broadcaster.subscribe(client);
    await vi.advanceTimersByTimeAsync(0);
    expect(client.received).toEqual([[{ event: 'count', data: '0' }, { event: 'fixed', data: 'same' }]]);
  });

  it('coalesces many changes into at most pushesPerSecond pushes, ending with the latest state', async () => {
    const broadcaster = new Broadcaster({ pushesPerSecond: 2, render, now: () => Date.now() });
    const client = recordingClient();
    broadcaster.subscribe(client);
    for (let i = 1; i <= 100; i++) {
      state = i;
      broadcaster.notify();
      await vi.advanceTimersByTimeAsync(10); // 100 changes over one second
    }
    await vi.advanceTimersByTimeAsync(1_000);
    // the initial push plus at most two a second over the ~2 seconds that passed
    expect(client.received.length).toBeGreaterThanOrEqual(2);
    expect(client.received.length).toBeLessThanOrEqual(5);
    expect(client.received.at(-1)).toEqual([{ event: 'count', data: '100' }]);
  });

  it('resends only the events whose content changed for that client', async () => {
    const broadcaster = new Broadcaster({ pushesPerSecond: 10, render, now: () => Date.now() });
    const client = recordingClient();
    broadcaster.subscribe(client);
    state = 1;
    broadcaster.notify();
    await vi.advanceTimersByTimeAsync(200);
    expect(client.received[1]).toEqual([{ event: 'count', data: '1' }]);
    broadcaster.notify(); // nothing actually changed
    await vi.advanceTimersByTimeAsync(200);
    expect(client.received).toHaveLength(2);
  });

  it('keeps serving fast clients while a slow client is still writing, then brings the slow one up to date', async () => {
    const broadcaster = new Broadcaster({ pushesPerSecond: 10, render, now: () => Date.now() });
    const fast = recordingClient();
    const slowReceived: SseEvent[][] = [];
    let releaseSlow: () => void = () => undefined;
    broadcaster.subscribe({
      send: (events) => {
        slowReceived.push(events);
        return new Promise<void>((resolve) => { releaseSlow = resolve; });
      },
    });
    broadcaster.subscribe(fast);
    for (let i = 1; i <= 5; i++) {
      state = i;
      broadcaster.notify();
      await vi.advanceTimersByTimeAsync(150);
    }
    expect(fast.received.length).toBe(6);
    expect(slowReceived).toHaveLength(1); // stuck in its first write
    releaseSlow();
    await vi.advanceTimersByTimeAsync(200);
    expect(slowReceived).toHaveLength(2);
    expect(slowReceived[1]).toEqual([{ event: 'count', data: '5' }]);
  });

  it('renders once per change however many clients listen', async () => {
    const renderSpy = vi.fn(render);
    const broadcaster = new Broadcaster({ pushesPerSecond: 10, render: renderSpy, now: () => Date.now() });
    for (let i = 0; i < 20; i++) broadcaster.subscribe(recordingClient());
    state = 1;
    broadcaster.notify();
    await vi.advanceTimersByTimeAsync(200);
    expect(renderSpy).toHaveBeenCalledTimes(2);
  });

  it('drops a client whose write fails and closes every client on close', async () => {
    const broadcaster = new Broadcaster({ pushesPerSecond: 10, render, now: () => Date.now() });
    broadcaster.subscribe({ send: () => Promise.reject(new Error('gone')) });
    const closed = vi.fn();
    broadcaster.subscribe({ send: async () => undefined, close: closed });
    await vi.advanceTimersByTimeAsync(0);
    expect(broadcaster.clientCount).toBe(1);
    broadcaster.close();
    expect(closed).toHaveBeenCalledOnce();
    expect(broadcaster.clientCount).toBe(0);
  });
});
