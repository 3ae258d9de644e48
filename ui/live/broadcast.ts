import type { RenderedVersion } from './renderedVersion.ts';
import { encodeBoth, storedBlock, type SseEncoding } from './sseEncoding.ts';

// Fans data versions out to many SSE clients. Every client is written the same bytes of the same
// render: the version's delta when it has the version before, its full state otherwise. A client
// whose send buffer is full is skipped (and sent the full newest state when it drains), so a slow
// browser never delays the others; one that stays full, or holds too much, is dropped, so it never
// holds memory either. One heartbeat timer serves every client. A client that takes gzip gets the
// same pushes compressed, once per version for all of them (sseEncoding.ts).

export interface SseClient {
  /** Queues `bytes`; returns false when the client's send buffer is over its high-water mark. */
  write(bytes: Buffer): boolean;
  /** Bytes queued for the client and not yet taken by the socket. */
  bufferedBytes(): number;
  /** Calls `listener` once, when the send buffer has drained. */
  onceDrained(listener: () => void): void;
  /** Ends the client's stream. */
  close(): void;
}

export interface BroadcasterOptions {
  /** A comment line sent to every client this often, so proxies keep idle streams open. Defaults to 15 000. */
  heartbeatMs?: number;
  /** A client whose send buffer holds more than this is dropped. Defaults to 1 MiB. */
  maxBufferedBytes?: number;
  /** A client whose buffer has not drained for this long is dropped. Defaults to 30 000. */
  stalledMs?: number;
  now?: () => number;
}

/** One publish as the page did it: when, to how many clients, and how long writing to all of them took. */
export interface PushTiming {
  /** Epoch ms when the publish started. */
  at: number;
  /** Clients written to. */
  clients: number;
  /** Time to write the version to every client (the socket writes themselves), ms. */
  writeMs: number;
}

/** Publishes whose timing is kept (the most recent). */
const KEPT_PUSH_TIMINGS = 200;

interface ClientState {
  client: SseClient;
  encoding: SseEncoding;
  /** Sequence of the newest version written to it (0: none). */
  sequence: number;
  /** Since when its buffer has been full (undefined: it is not). */
  fullSince: number | undefined;
}

const HEARTBEAT = encodeBoth(Buffer.from(': heartbeat\n\n'));

/** How a new client's stream starts. */
export interface SubscribeOptions {
  /** SSE lines written before the state (e.g. its `retry:` line); a gzip client gets them as a stored block. */
  preamble?: Buffer;
  /** Defaults to identity. */
  encoding?: SseEncoding;
}

export class Broadcaster {
  readonly #clients = new Set<ClientState>();
  readonly #maxBufferedBytes: number;
  readonly #stalledMs: number;
  readonly #now: () => number;
  readonly #heartbeat: ReturnType<typeof setInterval>;
  #latest: RenderedVersion | undefined;
  readonly #pushTimings: PushTiming[] = [];

  constructor(options: BroadcasterOptions = {}) {
    this.#maxBufferedBytes = options.maxBufferedBytes ?? 1024 * 1024;
    this.#stalledMs = options.stalledMs ?? 30_000;
    this.#now = options.now ?? Date.now;
    this.#heartbeat = setInterval(() => this.#beat(), options.heartbeatMs ?? 15_000);
    this.#heartbeat.unref();
  }

  get clientCount(): number {
    return this.#clients.size;
  }

  /**
   * Adds a client and writes it the preamble and the full state of `version` (or of a
   * newer version published since).
   * @returns its unsubscribe (call it when the connection closes)
   */
  subscribe(client: SseClient, version: RenderedVersion, options: SubscribeOptions = {}): () => void {
    const encoding = options.encoding ?? 'identity';
    const state: ClientState = { client, encoding, sequence: 0, fullSince: undefined };
    this.#clients.add(state);
    if (!this.#latest || version.sequence > this.#latest.sequence) this.#latest = version;
    if (options.preamble && options.preamble.length > 0) client.write(encoding === 'gzip' ? storedBlock(options.preamble) : options.preamble);
    this.#send(state, this.#latest.payload('full', encoding));
    return () => this.#clients.delete(state);
  }

  /** Writes `version` to every client that can take it now, and notes how long that took (pushTimings). */
  publish(version: RenderedVersion): void {
    this.#latest = version;
    const at = this.#now();
    const started = performance.now();
    let written = 0;
    for (const state of this.#clients) {
      if (state.fullSince !== undefined || state.sequence >= version.sequence) continue;
      const bytes = version.payload(state.sequence === version.sequence - 1 ? 'delta' : 'full', state.encoding);
      if (bytes.length === 0) state.sequence = version.sequence;
      else {
        this.#send(state, bytes);
        written++;
      }
    }
    if (written === 0) return;
    this.#pushTimings.push({ at, clients: written, writeMs: performance.now() - started });
    if (this.#pushTimings.length > KEPT_PUSH_TIMINGS) this.#pushTimings.shift();
  }

  /** The most recent publishes that wrote to at least one client (up to 200), oldest first. */
  pushTimings(): PushTiming[] {
    return [...this.#pushTimings];
  }

  /** Ends every client's stream and stops the heartbeat. */
  close(): void {
    clearInterval(this.#heartbeat);
    for (const state of [...this.#clients]) this.#drop(state);
  }

  #send(state: ClientState, bytes: Buffer): void {
    state.sequence = this.#latest?.sequence ?? 0;
    if (state.client.write(bytes)) return;
    if (state.client.bufferedBytes() > this.#maxBufferedBytes) {
      this.#drop(state);
      return;
    }
    state.fullSince = this.#now();
    state.client.onceDrained(() => {
      state.fullSince = undefined;
      if (!this.#clients.has(state) || !this.#latest || state.sequence >= this.#latest.sequence) return;
      this.#send(state, this.#latest.payload('full', state.encoding));
    });
  }

  #beat(): void {
    const now = this.#now();
    for (const state of [...this.#clients]) {
      if (state.fullSince === undefined) state.client.write(HEARTBEAT[state.encoding]);
      else if (now - state.fullSince > this.#stalledMs) this.#drop(state);
    }
  }

  #drop(state: ClientState): void {
    this.#clients.delete(state);
    state.client.close();
  }
}
