import { get, type ClientRequest } from 'node:http';
import { summarize, type UpdateReceipt } from './fanout-receipts.ts';

// The client side of the fan-out benchmark, run in its own process (child_process.fork) so the
// load generator never shares the results page's event loop. Opens N SSE connections to the URL
// in argv, and for every distinct update (the newest cast_at a headline shows) records how many
// clients got it (or a newer one) and when the first and the last client did. Talks to the
// parent over IPC.

export type FanoutToParent =
  | { type: 'connected'; connected: number; failed: number; seconds: number }
  | { type: 'report'; connected: number; failed: number; updates: UpdateReceipt[] };

export type FanoutToChild = { type: 'report' } | { type: 'exit' };

const BATCH = 250;
const CAST_AT = /data-last-cast-at="(\d+)"/g;

function main(): void {
  const [url, countText] = process.argv.slice(2);
  const count = Number(countText);
  if (!url || !Number.isInteger(count) || count < 1) throw new Error('usage: fanout-clients <events-url> <clients>');
  const receipts: [castAt: number, at: number][][] = [];
  const requests: ClientRequest[] = [];
  let connected = 0;
  let failed = 0;

  const open = (): Promise<void> => new Promise((resolve) => {
    let tail = '';
    let lastSeen = -1;
    const mine: [number, number][] = [];
    receipts.push(mine);
    let settled = false;
    const settle = (ok: boolean): void => {
      if (settled) return;
      settled = true;
      if (ok) connected++;
      else failed++;
      resolve();
    };
    const request = get(url, { agent: false, headers: { Accept: 'text/event-stream' } }, (response) => {
      if (response.statusCode !== 200) { settle(false); response.resume(); return; }
      settle(true);
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        const now = Date.now();
        const text = tail + chunk;
        tail = text.slice(-64);
        for (const match of text.matchAll(CAST_AT)) {
          const castAt = Number(match[1]);
          if (castAt <= lastSeen) continue;
          lastSeen = castAt;
          mine.push([castAt, now]);
        }
      });
      response.on('error', () => undefined);
    });
    request.on('error', () => settle(false));
    request.setTimeout(30_000, () => settle(false));
    requests.push(request);
  });

  const started = performance.now();
  void (async () => {
    for (let i = 0; i < count; i += BATCH) {
      await Promise.all(Array.from({ length: Math.min(BATCH, count - i) }, open));
    }
    send({ type: 'connected', connected, failed, seconds: Math.round((performance.now() - started) / 100) / 10 });
  })();

  process.on('message', (message: FanoutToChild) => {
    if (message.type === 'report') send({ type: 'report', connected, failed, updates: summarize(receipts) });
    if (message.type === 'exit') {
      for (const request of requests) request.destroy();
      process.exit(0);
    }
  });
}

function send(message: FanoutToParent): void {
  process.send?.(message);
}

main();
