import { setTimeout as sleep } from 'node:timers/promises';
import type { LoadedConfig } from '../../../shared/config/load.ts';
import type { ResultsSnapshot } from '../../../ui/live/resultsSnapshot.ts';
import { resultsPageSettings, startUiServer, type UiServer } from '../../../ui/index.ts';

// The results page as a reader sees it: what /api/results says, and how long until it moves.

export async function openPage(config: LoadedConfig, port = 0): Promise<UiServer> {
  return startUiServer(resultsPageSettings(config), { port });
}

export async function pageResults(page: UiServer): Promise<ResultsSnapshot> {
  const response = await fetch(`${page.url}api/results`);
  if (!response.ok) throw new Error(`GET /api/results answered ${response.status}`);
  return (await response.json()) as ResultsSnapshot;
}

/** Votes counted on the page (sum over candidates); undefined while the page does not answer. */
export async function countedOnPage(page: UiServer): Promise<number | undefined> {
  try {
    return (await pageResults(page)).candidates.reduce((sum, c) => sum + c.votes, 0);
  } catch {
    return undefined;
  }
}

/** Polls the page until it shows more votes than `baseline`; returns when that happened (ms epoch). */
export async function waitForCountBeyond(page: UiServer, baseline: number, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const counted = await countedOnPage(page);
    if (counted !== undefined && counted > baseline) return Date.now();
    await sleep(100);
  }
  throw new Error(`the page still showed at most ${baseline} votes ${timeoutMs / 1000}s later`);
}

/** Polls the page until it shows at least `votes` votes. */
export async function waitForCountAtLeast(page: UiServer, votes: number, timeoutMs: number): Promise<void> {
  await waitForCountBeyond(page, votes - 1, timeoutMs);
}

export interface SseEvent {
  event: string;
  data: string;
}

/**
 * Connects to /events as a browser's EventSource does and collects the first `count` events (the
 * server sends the full state at once to a new client).
 */
export async function firstServerSentEvents(page: UiServer, count: number, timeoutMs = 30_000): Promise<SseEvent[]> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  const events: SseEvent[] = [];
  try {
    const response = await fetch(`${page.url}events`, { signal: abort.signal, headers: { accept: 'text/event-stream' } });
    if (!response.body) throw new Error('no event stream');
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body) {
      buffer += decoder.decode(chunk as Uint8Array, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const lines = block.split('\n');
        const event = lines.find((l) => l.startsWith('event:'))?.slice('event:'.length).trim();
        const data = lines.filter((l) => l.startsWith('data:')).map((l) => l.slice('data:'.length).replace(/^ /, '')).join('\n');
        if (event) events.push({ event, data });
        if (events.length >= count) return events;
      }
    }
    return events;
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
}
