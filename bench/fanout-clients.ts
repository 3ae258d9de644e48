import { Agent } from 'node:http';
import { DEFAULT_SORTED_SHARE, openBrowserLikeClient, type BrowserLikeClient, type FetchStats, type PushCache } from './fanout-browser.ts';
import { summarize, updatesSeen, type UpdateReceipt } from './fanout-receipts.ts';

// One process of the fan-out benchmark's clients (child_process.fork; fanout.ts forks several so
// that neither the results page's event loop nor a single client process is what is measured).
// Opens N browser-like clients (fanout-browser.ts) on the page at the origin in argv, a share of
// them readers who sorted the regions table, and answers the parent over IPC: what updates its
// clients saw, and per update how many got it (or a newer one) and when the first and last did.

export type FanoutToParent =
  | { type: 'connected'; connected: number; failed: number; seconds: number }
  | { type: 'updates'; updates: number[] }
  | { type: 'report'; connected: number; failed: number; updates: UpdateReceipt[]; fetches: FetchStats }
  | { type: 'reconnects'; back: number; lastBackAt: number; perSecond: Record<number, number>; failedAttempts: number };

export type FanoutToChild =
  | { type: 'updates' }
  | { type: 'report'; updates: number[] }
  /** From now on reconnect as EventSource does (after the retry the page sent) when a stream ends. */
  | { type: 'follow-retry' }
  /** Drop every stream now and reconnect each at a random moment within `windowMs`. */
  | { type: 'storm'; windowMs: number }
  /** How many streams came back since `since` (epoch ms), when the last did, and how many a second. */
  | { type: 'reconnects'; since: number }
  | { type: 'exit' };

const BATCH = 250;

function main(): void {
  const [origin, countText, shareText, offsetText] = process.argv.slice(2);
  const count = Number(countText);
  const sortedShare = shareText === undefined ? DEFAULT_SORTED_SHARE : Number(shareText);
  const offset = Number(offsetText ?? 0);
  if (!origin || !Number.isInteger(count) || count < 1 || !(sortedShare >= 0 && sortedShare <= 1)) {
    throw new Error('usage: fanout-clients <page-origin> <clients> [sorted-share 0..1] [index of the first client]');
  }
  const shared = { origin, agent: new Agent({ keepAlive: true, maxSockets: 256 }), stats: { requests: 0, ok: 0, notModified: 0, failed: 0, latenciesMs: [] } as FetchStats, pushes: new Map() as PushCache };
  const clients: BrowserLikeClient[] = [];
  let connected = 0;
  let failed = 0;
  const sortedEvery = sortedShare > 0 ? Math.round(1 / sortedShare) : 0;

  const started = performance.now();
  void (async () => {
    for (let i = 0; i < count; i += BATCH) {
      const batch = Array.from({ length: Math.min(BATCH, count - i) }, (_, j) => {
        const client = openBrowserLikeClient(shared, sortedEvery > 0 && (offset + i + j) % sortedEvery === 0);
        clients.push(client);
        return client.opened.then((ok) => { if (ok) connected++; else failed++; });
      });
      await Promise.all(batch);
    }
    send({ type: 'connected', connected, failed, seconds: Math.round((performance.now() - started) / 100) / 10 });
  })();

  process.on('message', (message: FanoutToChild) => {
    const receipts = (): [number, number][][] => clients.map((c) => c.receipts);
    if (message.type === 'updates') send({ type: 'updates', updates: updatesSeen(receipts()) });
    if (message.type === 'report') send({ type: 'report', connected, failed, updates: summarize(receipts(), message.updates), fetches: shared.stats });
    if (message.type === 'follow-retry') for (const client of clients) client.followRetry = true;
    if (message.type === 'storm') for (const client of clients) client.drop(Math.random() * message.windowMs);
    if (message.type === 'reconnects') send(reconnectsSince(clients, message.since));
    if (message.type === 'exit') {
      for (const client of clients) client.close();
      shared.agent.destroy();
      process.exit(0);
    }
  });
}

function reconnectsSince(clients: BrowserLikeClient[], since: number): Extract<FanoutToParent, { type: 'reconnects' }> {
  let back = 0;
  let lastBackAt = 0;
  let failedAttempts = 0;
  const perSecond: Record<number, number> = {};
  for (const client of clients) {
    failedAttempts += client.failedAttempts;
    client.failedAttempts = 0;
    const at = client.reconnectedAt.find((t) => t >= since);
    if (at === undefined) continue;
    back++;
    lastBackAt = Math.max(lastBackAt, at);
    const second = Math.floor((at - since) / 1000);
    perSecond[second] = (perSecond[second] ?? 0) + 1;
  }
  return { type: 'reconnects', back, lastBackAt, perSecond, failedAttempts };
}

function send(message: FanoutToParent): void {
  process.send?.(message);
}

main();
