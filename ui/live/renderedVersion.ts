import { createHash } from 'node:crypto';
import type { ResultsSnapshot } from './resultsSnapshot.ts';
import { deflatePush, type SseEncoding } from './sseEncoding.ts';

// One data version of the results, rendered once: the snapshot, the panels as SSE events, the
// bytes every SSE client is sent (the whole state, and the change since the version before), and
// a memo of the HTTP bodies made from it, so a crowd asking for the same version costs one render.

export interface SseEvent {
  event: string;
  data: string;
}

/** A body made from one version, with its strong validator. */
export interface CachedBody {
  body: Uint8Array<ArrayBuffer>;
  /** A strong ETag (quoted), a hash of the body: equal bytes, equal tag, across versions too. */
  etag: string;
}

/** Most memoised bodies per version (query strings vary; anything beyond is rendered uncached). */
const MAX_MEMOISED = 256;
const ENCODER = new TextEncoder();

/** `events` as SSE wire bytes: `event:` then one `data:` line per line of data, blank line after. */
export function encodeSseEvents(events: readonly SseEvent[]): Buffer {
  let text = '';
  for (const { event, data } of events) {
    text += `event: ${event}\n`;
    for (const line of data.replace(/\r\n?/g, '\n').split('\n')) text += `data: ${line}\n`;
    text += '\n';
  }
  return Buffer.from(text, 'utf8');
}

/** A strong ETag for `body`: the quoted base64url SHA-1. */
export function etagOf(body: Uint8Array): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}

export class RenderedVersion {
  /** Unique across server restarts: the boot id, then the sequence number. */
  readonly id: string;
  /** 1 for the first version a process renders, then +1 per version. */
  readonly sequence: number;
  readonly snapshot: ResultsSnapshot;
  readonly events: readonly SseEvent[];
  /** Every event: what a client that has nothing (or missed a version) is sent. */
  readonly full: Buffer;
  /** The events whose data changed since the previous version (empty when none did). */
  readonly delta: Buffer;
  readonly #memo = new Map<string, CachedBody>();
  #fullGzip: Buffer | undefined;
  #deltaGzip: Buffer | undefined;

  /**
   * @param bootId - a token unique to this process, so ids never repeat after a restart
   * @param previous - the version before, or undefined for the first (then delta equals full)
   */
  constructor(bootId: string, previous: RenderedVersion | undefined, snapshot: ResultsSnapshot, events: readonly SseEvent[]) {
    this.sequence = (previous?.sequence ?? 0) + 1;
    this.id = `${bootId}-${this.sequence}`;
    this.snapshot = snapshot;
    this.events = events;
    this.full = encodeSseEvents(events);
    if (!previous) {
      this.delta = this.full;
    } else {
      const before = new Map(previous.events.map((e) => [e.event, e.data]));
      this.delta = encodeSseEvents(events.filter((e) => before.get(e.event) !== e.data));
    }
  }

  /**
   * What a client on `encoding` is sent: the whole state, or the change since the version before
   * (empty when nothing changed). Compressed at most once per version (sseEncoding.ts).
   */
  payload(kind: 'full' | 'delta', encoding: SseEncoding): Buffer {
    if (encoding === 'identity') return kind === 'full' ? this.full : this.delta;
    if (kind === 'full') return (this.#fullGzip ??= deflatePush(this.full));
    return (this.#deltaGzip ??= this.delta === this.full ? this.payload('full', 'gzip') : deflatePush(this.delta));
  }

  /**
   * The body `render` makes from this version, rendered at most once per key while the memo has
   * room (then rendered on every call, never stored).
   * @param key - what distinguishes the body within the version (route and normalised query)
   * @param render - makes the body from this version's snapshot; whatever it throws propagates
   */
  cached(key: string, render: (snapshot: ResultsSnapshot) => string): CachedBody {
    const hit = this.#memo.get(key);
    if (hit) return hit;
    const body = ENCODER.encode(render(this.snapshot));
    const made = { body, etag: etagOf(body) };
    if (this.#memo.size < MAX_MEMOISED) this.#memo.set(key, made);
    return made;
  }
}
