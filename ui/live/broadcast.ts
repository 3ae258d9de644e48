// Fans live updates out to many SSE clients. Each client gets at most `pushesPerSecond` pushes a
// second; changes in between are coalesced into the next push, which carries only the events whose
// content changed for that client. A client still busy with its previous write is skipped (and
// caught up when it is done), so one slow browser never holds back the others.

export interface SseEvent {
  event: string;
  data: string;
}

export interface SseClient {
  /** Writes the events; resolves when the transport has taken them, rejects when the client is gone. */
  send(events: SseEvent[]): Promise<void>;
  /** Ends the client's stream (the server is shutting down). */
  close?(): void;
}

export interface BroadcastOptions {
  pushesPerSecond: number;
  /** The full current state as named events (one per panel). */
  render: () => SseEvent[];
  now?: () => number;
}

interface ClientState {
  client: SseClient;
  dirty: boolean;
  writing: boolean;
  closed: boolean;
  lastSentAt: number;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** What this client last received per event name, so unchanged panels are not resent. */
  sent: Map<string, string>;
}

export class Broadcaster {
  readonly #clients = new Set<ClientState>();
  readonly #intervalMs: number;
  readonly #render: () => SseEvent[];
  readonly #now: () => number;
  #generation = 0;
  #rendered: { generation: number; events: SseEvent[] } | undefined;

  constructor(options: BroadcastOptions) {
    this.#intervalMs = 1000 / options.pushesPerSecond;
    this.#render = options.render;
    this.#now = options.now ?? Date.now;
  }

  get clientCount(): number {
    return this.#clients.size;
  }

  /** Adds a client and sends it the full current state at once; returns its unsubscribe. */
  subscribe(client: SseClient): () => void {
    const state: ClientState = {
      client, dirty: true, writing: false, closed: false, lastSentAt: Number.NEGATIVE_INFINITY, timer: undefined, sent: new Map(),
    };
    this.#clients.add(state);
    this.#flush(state);
    return () => this.#drop(state);
  }

  /** The state changed: every client gets it within its next push slot. */
  notify(): void {
    this.#generation += 1;
    for (const state of this.#clients) {
      state.dirty = true;
      this.#schedule(state);
    }
  }

  close(): void {
    for (const state of [...this.#clients]) {
      this.#drop(state);
      state.client.close?.();
    }
  }

  #schedule(state: ClientState): void {
    if (state.timer !== undefined || state.writing || state.closed) return;
    const wait = Math.max(0, state.lastSentAt + this.#intervalMs - this.#now());
    state.timer = setTimeout(() => {
      state.timer = undefined;
      this.#flush(state);
    }, wait);
  }

  #flush(state: ClientState): void {
    if (!state.dirty || state.closed) return;
    state.dirty = false;
    const changed = this.#currentEvents().filter((e) => state.sent.get(e.event) !== e.data);
    if (changed.length === 0) return;
    for (const e of changed) state.sent.set(e.event, e.data);
    state.writing = true;
    state.lastSentAt = this.#now();
    state.client.send(changed).then(
      () => {
        state.writing = false;
        if (state.dirty) this.#schedule(state);
      },
      () => this.#drop(state),
    );
  }

  /** Renders once per change, however many clients there are. */
  #currentEvents(): SseEvent[] {
    if (this.#rendered?.generation !== this.#generation) {
      this.#rendered = { generation: this.#generation, events: this.#render() };
    }
    return this.#rendered.events;
  }

  #drop(state: ClientState): void {
    state.closed = true;
    if (state.timer !== undefined) clearTimeout(state.timer);
    state.timer = undefined;
    this.#clients.delete(state);
  }
}
