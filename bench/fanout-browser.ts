import { Agent, get } from 'node:http';

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

// Searched for in each chunk's bytes (with the end of the chunk before), not decoded and parsed
// event by event: ten thousand clients in one process must cost little more than the bytes, or
// the benchmark measures itself. The headline is the only event with a cast_at.
const CAST_AT = Buffer.from('data-last-cast-at="');
const REGIONS_EVENT = Buffer.from('event: regions\ndata: ');
const SECTION = Buffer.from('<section');
const TAIL = 64;
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
  let tail = Buffer.alloc(0);
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

  /** Scans `bytes`, whose last `fresh` bytes are new (the rest was scanned with the chunk before). */
  const onBytes = (bytes: Buffer, fresh: number, at: number): void => {
    for (let i = bytes.indexOf(CAST_AT); i >= 0; i = bytes.indexOf(CAST_AT, i + 1)) {
      const start = i + CAST_AT.length;
      const end = bytes.indexOf(0x22, start); // the closing quote
      if (end < 0) break;
      const castAt = Number(bytes.toString('latin1', start, end));
      if (castAt <= lastSeen) continue;
      lastSeen = castAt;
      receipts.push([castAt, at]);
    }
    for (let i = bytes.indexOf(REGIONS_EVENT); i >= 0; i = bytes.indexOf(REGIONS_EVENT, i + 1)) {
      const dataAt = i + REGIONS_EVENT.length;
      if (dataAt + SECTION.length > bytes.length || dataAt + SECTION.length <= bytes.length - fresh) continue;
      const carriesHtml = bytes.subarray(dataAt, dataAt + SECTION.length).equals(SECTION);
      if (sortedView || !carriesHtml) fetchRegions();
    }
  };

  const opened = new Promise<boolean>((resolve) => {
    request.on('response', (response) => {
      if (response.statusCode !== 200) { resolve(false); response.resume(); return; }
      resolve(true);
      response.on('data', (chunk: Buffer) => {
        const bytes = tail.length > 0 ? Buffer.concat([tail, chunk]) : chunk;
        onBytes(bytes, chunk.length, Date.now());
        tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - TAIL)));
      });
      response.on('error', () => undefined);
    });
    request.on('error', () => resolve(false));
    request.setTimeout(30_000, () => resolve(false));
  });
  return { opened, receipts, close: () => request.destroy() };
}
