import { Agent } from 'node:http';
import { openBrowserLikeClient, type BrowserLikeClient, type FetchStats } from './fanout-browser.ts';
import { summarize, type UpdateReceipt } from './fanout-receipts.ts';

// The client side of the fan-out benchmark, run in its own process (child_process.fork) so the
// load generator never shares the results page's event loop. Opens N browser-like clients
// (fanout-browser.ts) on the page at the origin in argv, a share of them readers who sorted the
// regions table, and for every distinct update records how many clients got it (or a newer one)
// and when the first and the last client did. Talks to the parent over IPC.

export type FanoutToParent =
  | { type: 'connected'; connected: number; failed: number; seconds: number }
  | { type: 'report'; connected: number; failed: number; updates: UpdateReceipt[]; fetches: FetchStats };

export type FanoutToChild = { type: 'report' } | { type: 'exit' };

const BATCH = 250;
/** Share of clients that sorted the regions table (they re-fetch it on each `regions` event). */
export const DEFAULT_SORTED_SHARE = 0.1;

function main(): void {
  const [origin, countText, shareText] = process.argv.slice(2);
  const count = Number(countText);
  const sortedShare = shareText === undefined ? DEFAULT_SORTED_SHARE : Number(shareText);
  if (!origin || !Number.isInteger(count) || count < 1 || !(sortedShare >= 0 && sortedShare <= 1)) {
    throw new Error('usage: fanout-clients <page-origin> <clients> [sorted-share 0..1]');
  }
  const agent = new Agent({ keepAlive: true, maxSockets: 512 });
  const fetches: FetchStats = { requests: 0, ok: 0, notModified: 0, failed: 0, latenciesMs: [] };
  const clients: BrowserLikeClient[] = [];
  let connected = 0;
  let failed = 0;
  const sortedEvery = sortedShare > 0 ? Math.round(1 / sortedShare) : 0;

  const started = performance.now();
  void (async () => {
    for (let i = 0; i < count; i += BATCH) {
      const batch = Array.from({ length: Math.min(BATCH, count - i) }, (_, j) => {
        const index = i + j;
        const client = openBrowserLikeClient(origin, sortedEvery > 0 && index % sortedEvery === 0, agent, fetches);
        clients.push(client);
        return client.opened.then((ok) => { if (ok) connected++; else failed++; });
      });
      await Promise.all(batch);
    }
    send({ type: 'connected', connected, failed, seconds: Math.round((performance.now() - started) / 100) / 10 });
  })();

  process.on('message', (message: FanoutToChild) => {
    if (message.type === 'report') send({ type: 'report', connected, failed, updates: summarize(clients.map((c) => c.receipts)), fetches });
    if (message.type === 'exit') {
      for (const client of clients) client.close();
      agent.destroy();
      process.exit(0);
    }
  });
}

function send(message: FanoutToParent): void {
  process.send?.(message);
}

main();
