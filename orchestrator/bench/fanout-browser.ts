import { Agent, get } from 'node:http';
import { parseBlock } from './sse-client.ts';

// One benchmark client that behaves like a browser on the results page: it holds the SSE stream,
// notes when each update (the headline's newest cast_at) arrives, and fetches what htmx would
// fetch for the events it gets. Readers on the regions table's default view swap the `regions`
// event's HTML in as is (no request); a reader who sorted or paged the table re-fetches it with
// their query, sending the ETag it holds (If-None-Match), as a browser's cache would. An older
// page whose `regions` event is only a signal (no HTML) makes every reader fetch.

export interface FetchStats {
  /** Fragment requests made, and how many were answered 200, 304 or failed. */
  requests: number;
  ok: number;
  notModified: number;
  failed: number;
  /** Each request's time to the full answer, ms. */
  latenciesMs: number[];
}

export interface BrowserLikeClient {
  /** Resolves true once the stream is open (200), false if it could not open. */
  opened: Promise<boolean>;
  /** [cast_at, received at] for each newer update, in order. */
  receipts: [number, number][];
  close(): void;
}

const CAST_AT = /data-last-cast-at="(\d+)"/;
/** The query of a reader who sorted the regions table by turnout. */
export const SORTED_REGIONS_QUERY = 'sort=turnout&dir=desc&page=1&size=10';

/**
 * Opens one client on `origin` (http://host:port).
 * @param sortedView - true: this reader sorted the regions table (re-fetches it on `regions`)
 * @param agent - the keep-alive agent fragment requests share (browsers reuse connections)
 * @param stats - where fragment requests are counted
 */
export function openBrowserLikeClient(origin: string, sortedView: boolean, agent: Agent, stats: FetchStats): BrowserLikeClient {
  const receipts: [number, number][] = [];
  let lastSeen = -1;
  let buffer = '';
  let etag: string | undefined;
  let fetching = false;
  const request = get(`${origin}/events`, { agent: false, headers: { Accept: 'text/event-stream' } });

  const fetchRegions = (): void => {
    if (fetching) return; // htmx drops a trigger while the element's request is in flight
    fetching = true;
    stats.requests++;
    const started = performance.now();
    const headers: Record<string, string> = { 'HX-Request': 'true' };
    if (etag) headers['If-None-Match'] = etag;
    const done = (outcome: 'ok' | 'notModified' | 'failed'): void => {
      fetching = false;
      stats[outcome]++;
      if (outcome !== 'failed') stats.latenciesMs.push(performance.now() - started);
    };
    get(`${origin}/fragments/regions?${SORTED_REGIONS_QUERY}`, { agent, headers }, (response) => {
      const tag = response.headers.etag;
      if (typeof tag === 'string') etag = tag;
      response.on('data', () => undefined);
      response.on('end', () => done(response.statusCode === 304 ? 'notModified' : response.statusCode === 200 ? 'ok' : 'failed'));
      response.on('error', () => done('failed'));
    }).on('error', () => done('failed'));
  };

  const onBlock = (block: string, at: number): void => {
    const event = parseBlock(block);
    if (!event) return;
    if (event.event === 'headline') {
      const match = CAST_AT.exec(event.data);
      const castAt = match ? Number(match[1]) : -1;
      if (castAt > lastSeen) {
        lastSeen = castAt;
        receipts.push([castAt, at]);
      }
    } else if (event.event === 'regions') {
      const carriesHtml = event.data.startsWith('<section');
      if (sortedView || !carriesHtml) fetchRegions();
    }
  };

  const opened = new Promise<boolean>((resolve) => {
    request.on('response', (response) => {
      if (response.statusCode !== 200) { resolve(false); response.resume(); return; }
      resolve(true);
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        const at = Date.now();
        buffer += chunk;
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          onBlock(buffer.slice(0, end), at);
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
        }
      });
      response.on('error', () => undefined);
    });
    request.on('error', () => resolve(false));
    request.setTimeout(30_000, () => resolve(false));
  });
  return { opened, receipts, close: () => request.destroy() };
}
