import { Agent, get } from 'node:http';
import type { Socket } from 'node:net';
import { constants, inflateRawSync } from 'node:zlib';
import { SYNC_FLUSH_MARKER } from '../ui/live/sseEncoding.ts';
import { openRawStream } from './raw-http-stream.ts';

// One benchmark client that behaves like a browser on the results page: it holds the SSE stream
// (gzip, as browsers ask for it), notes when each update (the headline's newest cast_at) arrives,
// fetches what htmx would fetch for the events it gets, and reconnects as EventSource does: after
// the `retry:` delay the page sent it, again and again until the page answers. Readers on the
// regions table's default view swap the `regions` event in as is; a reader who sorted or paged the
// table also holds the stream of that view, as the page's panel does (ui/views/regionTable.ts).
// Neither requests anything on a push.
//
// Cheap enough that thousands share a process: streams are read off bare sockets
// (raw-http-stream.ts), not through Node's http client; each compressed push ends with the sync-flush
// marker (ui/live/sseEncoding.ts), so a client finds where a push ends without decoding it, and
// the clients of a process decode each distinct push once (every client is sent the same bytes),
// sharing what it said through a PushCache.

export interface FetchStats {
  /** Fragment requests made, and how many were answered 200, 304 or failed. */
  requests: number;
  ok: number;
  notModified: number;
  failed: number;
  /** Each request's time to the full answer, ms. */
  latenciesMs: number[];
}

/** What one push said, decoded once per process. */
interface PushFacts {
  castAt: number | null;
  regions: 'none' | 'html' | 'signal';
}

/** The pushes the clients of one process have decoded, by their last bytes and length. */
export type PushCache = Map<string, PushFacts>;

export interface ClientShared {
  origin: string;
  /** The keep-alive agent fragment requests share (browsers reuse connections). */
  agent: Agent;
  stats: FetchStats;
  pushes: PushCache;
}

export interface BrowserLikeClient {
  /** Resolves true once the first stream is open (200), false if it could not open. */
  opened: Promise<boolean>;
  /** [cast_at, received at] for each newer update, in order. */
  receipts: [number, number][];
  /** Epoch ms at which each stream after the first delivered its first push (the state). */
  reconnectedAt: number[];
  /** Connection attempts of the main stream that failed (refused, reset, not 200). */
  failedAttempts: number;
  /** Pushes of the sorted table's own stream received (0 for a reader on the default view). */
  viewPushes: number;
  /** Reconnect like EventSource when the stream ends (default: stay closed). */
  followRetry: boolean;
  /** Ends the stream; with `reconnectInMs`, opens a new one that many ms later. */
  drop(reconnectInMs?: number): void;
  close(): void;
}

const CAST_AT = 'data-last-cast-at="';
const REGIONS_EVENT = 'event: regions\ndata: ';
const RETRY = Buffer.from('retry: ');
const SSE_EVENT_END = Buffer.from('\n\n');
/** What EventSource sends (Chromium's Accept-Encoding, keep-alive as HTTP/1.1 has it). */
const STREAM_HEADERS = { Accept: 'text/event-stream', 'Accept-Encoding': 'gzip, deflate, br', 'Cache-Control': 'no-cache' };
const KEY_BYTES = 16;
/** Share of clients that sorted the regions table (they also hold the stream of that view). */
export const DEFAULT_SORTED_SHARE = 0.1;
/** The query of a reader who sorted the regions table by turnout. */
export const SORTED_REGIONS_QUERY = 'sort=turnout&dir=desc&page=1&size=10';
/** EventSource's reconnection time before a server sends one. */
const DEFAULT_RETRY_MS = 3_000;

function factsOf(text: string): PushFacts {
  const at = text.lastIndexOf(CAST_AT);
  const castAt = at < 0 ? null : Number(text.slice(at + CAST_AT.length, text.indexOf('"', at + CAST_AT.length)));
  const regionsAt = text.indexOf(REGIONS_EVENT);
  const regions = regionsAt < 0 ? 'none' : text.startsWith('<section', regionsAt + REGIONS_EVENT.length) ? 'html' : 'signal';
  return { castAt, regions };
}

/** What a push (deflated, sync-flushed; or plain SSE text) said, decoded at most once per process. */
function readPush(piece: Buffer, gzip: boolean, cache: PushCache): PushFacts {
  const key = `${piece.length}:${piece.toString('latin1', Math.max(0, piece.length - KEY_BYTES))}`;
  let facts = cache.get(key);
  if (!facts) {
    facts = factsOf(gzip ? inflateRawSync(piece, { finishFlush: constants.Z_SYNC_FLUSH }).toString('utf8') : piece.toString('utf8'));
    cache.set(key, facts);
  }
  return facts;
}

/** One SSE stream as EventSource holds it: reopened after the page's `retry:` delay when it ends (if following). */
interface StreamHandlers {
  /** A complete push arrived at `at` (epoch ms); `first` is true for the first push of each stream (the state). */
  onPush(facts: PushFacts, at: number, first: boolean): void;
  /** The stream answered 200 (ok) or could not open. */
  onOpenAttempt(ok: boolean): void;
}

interface Stream {
  drop(reconnectInMs?: number): void;
  close(): void;
}

/**
 * Opens the SSE stream at `path` (gzip, as browsers ask) and keeps it open as EventSource does
 * while `follow()` says so: after the `retry:` delay the page sent, again until the page answers.
 * The stream is read off a bare socket (raw-http-stream.ts), not through Node's http client.
 */
function openStream(shared: ClientShared, path: string, follow: () => boolean, handlers: StreamHandlers): Stream {
  const { pushes } = shared;
  const { hostname, port } = new URL(shared.origin);
  let socket: Socket | undefined;
  let retryMs = DEFAULT_RETRY_MS;
  let closed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const connect = (): void => {
    timer = undefined;
    if (closed) return;
    let pending: Buffer[] = [];
    let gotState = false;
    let gzip = false;
    let marker = SSE_EVENT_END;
    let skip = 0; // the gzip header
    let opened = false;
    const current = openRawStream(hostname, Number(port), path, STREAM_HEADERS, {
      onHead: (head) => {
        if (head.status !== 200) { current.destroy(); return; }
        opened = true;
        handlers.onOpenAttempt(true);
        gzip = head.headers.get('content-encoding') === 'gzip';
        marker = gzip ? SYNC_FLUSH_MARKER : SSE_EVENT_END;
        skip = gzip ? 10 : 0;
      },
      onBody: (bytes, at) => {
        if (!opened) return;
        if (!gotState) {
          const retryAt = bytes.indexOf(RETRY);
          if (retryAt >= 0) retryMs = Number(/^\d+/.exec(bytes.toString('latin1', retryAt + RETRY.length, retryAt + RETRY.length + 8))?.[0] ?? retryMs);
        }
        if (skip > 0) { const cut = Math.min(skip, bytes.length); skip -= cut; bytes = bytes.subarray(cut); }
        if (bytes.length === 0) return;
        const end = bytes.lastIndexOf(marker);
        if (end < 0 || end + marker.length !== bytes.length) { // pushes end where a write ends
          pending.push(Buffer.from(bytes)); // a view of the shared read buffer: kept, so copied
          return;
        }
        const piece = pending.length === 0 ? bytes : Buffer.concat([...pending, bytes]);
        pending = [];
        const first = !gotState;
        gotState = true;
        handlers.onPush(readPush(piece, gzip, pushes), at, first);
      },
      onClose: () => {
        if (!opened) handlers.onOpenAttempt(false);
        if (socket !== current) return;
        socket = undefined;
        if (follow() && !closed) timer = setTimeout(connect, retryMs);
      },
    });
    socket = current;
  };
  connect();
  return {
    drop: (reconnectInMs) => {
      const current = socket;
      socket = undefined;
      current?.destroy();
      if (reconnectInMs !== undefined && !closed) timer = setTimeout(connect, reconnectInMs);
    },
    close: () => {
      closed = true;
      if (timer) clearTimeout(timer);
      socket?.destroy();
    },
  };
}

/**
 * Opens one client on `shared.origin` (http://host:port).
 * @param sortedView - true: this reader sorted the regions table (its panel holds a stream of that view)
 */
export function openBrowserLikeClient(shared: ClientShared, sortedView: boolean): BrowserLikeClient {
  const { stats } = shared;
  let lastSeen = -1;
  let etag: string | undefined;
  let fetching = false;
  let firstAttempt = true;
  let resolveOpened: (ok: boolean) => void = () => undefined;
  const opened = new Promise<boolean>((resolve) => { resolveOpened = resolve; });

  // What htmx would fetch on a `regions` event that is not the panel itself: the page sends none
  // now, so a request here (the fan-out table's fragment column) would show it started again.
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
    get(`${shared.origin}/fragments/regions?${SORTED_REGIONS_QUERY}`, { agent: shared.agent, headers }, (response) => {
      const tag = response.headers.etag;
      if (typeof tag === 'string') etag = tag;
      response.on('data', () => undefined);
      response.on('end', () => done(response.statusCode === 304 ? 'notModified' : response.statusCode === 200 ? 'ok' : 'failed'));
      response.on('error', () => done('failed'));
    }).on('error', () => done('failed'));
  };

  const follow = (): boolean => client.followRetry;
  const main = openStream(shared, '/events', follow, {
    onOpenAttempt: (ok) => {
      if (firstAttempt) resolveOpened(ok);
      if (!ok) client.failedAttempts++;
    },
    onPush: (facts, at, first) => {
      if (first && !firstAttempt) client.reconnectedAt.push(at);
      firstAttempt = false;
      if (facts.castAt !== null && facts.castAt > lastSeen) {
        lastSeen = facts.castAt;
        client.receipts.push([facts.castAt, at]);
      }
      if (facts.regions === 'signal') fetchRegions();
    },
  });
  // A sorted table is swapped by the pushes of its own view's stream (ui/views/regionTable.ts):
  // the main stream's `regions` event (the default view) does not reach it.
  const view = sortedView ? openStream(shared, `/events/regions?${SORTED_REGIONS_QUERY}`, follow, { onOpenAttempt: () => undefined, onPush: () => { client.viewPushes++; } }) : undefined;

  const client: BrowserLikeClient = {
    opened,
    receipts: [],
    reconnectedAt: [],
    failedAttempts: 0,
    viewPushes: 0,
    followRetry: false,
    drop: (reconnectInMs) => {
      main.drop(reconnectInMs);
      view?.drop(reconnectInMs);
    },
    close: () => {
      main.close();
      view?.close();
    },
  };
  return client;
}
