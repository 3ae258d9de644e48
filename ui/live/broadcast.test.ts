import { describe, expect, it } from 'vitest';
import { sampleSnapshot } from '../testing/sampleElection.ts';
import { Broadcaster, type SseClient } from './broadcast.ts';
import { RenderedVersion } from './renderedVersion.ts';
import { inflateRawSync, constants } from 'node:zlib';

// A client that records what it is written and can pretend its send buffer is full.
function fakeClient(): SseClient & { written: Buffer[]; full: boolean; drain(): void; closed: boolean } {
  const drained: (() => void)[] = [];
  const client = {
    written: [] as Buffer[],
    full: false,
    closed: false,
    buffered: 0,
    write(bytes: Buffer) { client.written.push(bytes); return !client.full; },
    bufferedBytes: () => (client.full ? 10_000 : 0),
    onceDrained(listener: () => void) { drained.push(listener); },
    close() { client.closed = true; },
    drain() { client.full = false; for (const l of drained.splice(0)) l(); },
  };
  return client;
}

function versions(counts: number[]): RenderedVersion[] {
  const made: RenderedVersion[] = [];
  for (const count of counts) {
    made.push(new RenderedVersion('boot', made.at(-1), sampleSnapshot(0), [{ event: 'count', data: String(count) }, { event: 'fixed', data: 'same' }]));
  }
  return made;
}

const text = (b: Buffer): string => b.toString('utf8');

describe('Broadcaster', () => {
  it('sends a new client its retry line and the full current state at once', () => {
    const [v1] = versions([0]);
    const broadcaster = new Broadcaster();
    const client = fakeClient();
    broadcaster.subscribe(client, v1!, { preamble: Buffer.from('retry: 1234\n\n') });
    expect(client.written.map(text)).toEqual(['retry: 1234\n\n', 'event: count\ndata: 0\n\nevent: fixed\ndata: same\n\n']);
    broadcaster.close();
  });

  it('writes every client the very same bytes: the change since the version before', () => {
    const [v1, v2] = versions([0, 1]);
    const broadcaster = new Broadcaster();
    const clients = [fakeClient(), fakeClient(), fakeClient()];
    for (const c of clients) broadcaster.subscribe(c, v1!);
    broadcaster.publish(v2!);
    const pushed = clients.map((c) => c.written[1]);
    expect(text(pushed[0]!)).toBe('event: count\ndata: 1\n\n');
    expect(pushed.every((b) => b === pushed[0])).toBe(true);
    broadcaster.close();
  });

  it('notes each publish that wrote to clients: when, to how many, and how long the writes took', () => {
    const [v1, v2, v3] = versions([0, 1, 1]);
    const broadcaster = new Broadcaster({ now: () => 1_000 });
    for (const c of [fakeClient(), fakeClient()]) broadcaster.subscribe(c, v1!);
    broadcaster.publish(v2!);
    broadcaster.publish(v3!); // changed no event: nothing written, nothing noted
    const timings = broadcaster.pushTimings();
    expect(timings).toHaveLength(1);
    expect(timings[0]).toMatchObject({ at: 1_000, clients: 2 });
    expect(timings[0]!.writeMs).toBeGreaterThanOrEqual(0);
    broadcaster.close();
  });

  it('writes nothing when a version changed no event', () => {
    const [v1, v2] = versions([5, 5]);
    const broadcaster = new Broadcaster();
    const client = fakeClient();
    broadcaster.subscribe(client, v1!);
    broadcaster.publish(v2!);
    expect(client.written).toHaveLength(1);
    broadcaster.close();
  });

  it('skips a client whose buffer is full, keeps serving the others, then sends it the newest full state once drained', () => {
    const [v1, v2, v3] = versions([0, 1, 2]);
    const broadcaster = new Broadcaster();
    const slow = fakeClient();
    const fast = fakeClient();
    broadcaster.subscribe(fast, v1!);
    slow.full = true;
    broadcaster.subscribe(slow, v1!);
    broadcaster.publish(v2!);
    broadcaster.publish(v3!);
    expect(fast.written.map(text)).toHaveLength(3);
    expect(slow.written).toHaveLength(1);
    slow.drain();
    expect(text(slow.written[1]!)).toBe('event: count\ndata: 2\n\nevent: fixed\ndata: same\n\n');
    expect(slow.written[1]).toBe(v3!.full);
    broadcaster.close();
  });

  it('drops and closes a client that holds more than the buffer limit, and every client on close', () => {
    const [v1] = versions([0]);
    const broadcaster = new Broadcaster({ maxBufferedBytes: 100 });
    const hog = fakeClient();
    hog.full = true;
    broadcaster.subscribe(hog, v1!);
    expect(hog.closed).toBe(true);
    expect(broadcaster.clientCount).toBe(0);
    const other = fakeClient();
    broadcaster.subscribe(other, v1!);
    broadcaster.close();
    expect(other.closed).toBe(true);
  });

  it('drops a client whose buffer stays full longer than the stall limit, at the next heartbeat', async () => {
    const [v1] = versions([0]);
    let now = 0;
    const broadcaster = new Broadcaster({ heartbeatMs: 20, stalledMs: 1_000, maxBufferedBytes: 1_000_000, now: () => now });
    const stuck = fakeClient();
    stuck.full = true;
    broadcaster.subscribe(stuck, v1!);
    expect(stuck.closed).toBe(false);
    now = 2_000;
    await new Promise((r) => setTimeout(r, 60));
    expect(stuck.closed).toBe(true);
    broadcaster.close();
  });

  it('writes gzip clients the same compressed bytes, compressed once per version, and a retry line they can decode', () => {
    const [v1, v2] = versions([0, 1]);
    const broadcaster = new Broadcaster();
    const zipped = [fakeClient(), fakeClient()];
    const plain = fakeClient();
    for (const c of zipped) broadcaster.subscribe(c, v1!, { preamble: Buffer.from('retry: 1500\n\n'), encoding: 'gzip' });
    broadcaster.subscribe(plain, v1!);
    broadcaster.publish(v2!);
    const inflate = (b: Buffer): string => inflateRawSync(b, { finishFlush: constants.Z_SYNC_FLUSH }).toString('utf8');
    const [first, second] = zipped;
    expect(inflate(Buffer.concat(first!.written))).toBe('retry: 1500\n\nevent: count\ndata: 0\n\nevent: fixed\ndata: same\n\nevent: count\ndata: 1\n\n');
    expect(second!.written[2]).toBe(first!.written[2]);
    expect(first!.written[2]).toBe(v2!.payload('delta', 'gzip'));
    expect(text(plain.written[1]!)).toBe('event: count\ndata: 1\n\n');
    broadcaster.close();
  });
});
