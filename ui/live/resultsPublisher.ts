import { randomBytes } from 'node:crypto';
import { RenderedVersion, type SseEvent } from './renderedVersion.ts';
import type { ResultsSnapshot } from './resultsSnapshot.ts';
import type { ResultsSource } from './resultsSource.ts';

// Turns the source's changes into data versions: at most `pushesPerSecond` a second (changes in
// between are coalesced into the next version), each rendered once, whoever reads it.

export interface PublisherOptions {
  source: ResultsSource;
  /** The panels as named SSE events, from a snapshot. */
  render: (snapshot: ResultsSnapshot) => SseEvent[];
  /** Most versions a second (> 0). */
  pushesPerSecond: number;
  /** Epoch ms; defaults to Date.now. */
  now?: () => number;
}

export class ResultsPublisher {
  readonly #source: ResultsSource;
  readonly #render: (snapshot: ResultsSnapshot) => SseEvent[];
  readonly #intervalMs: number;
  readonly #now: () => number;
  readonly #bootId = randomBytes(4).toString('hex');
  readonly #listeners = new Set<(version: RenderedVersion) => void>();
  readonly #unsubscribe: () => void;
  #current: RenderedVersion | undefined;
  /** Whether the reader had caught up with the tally topics when #current was rendered. */
  #currentCaughtUp = false;
  #dirty = true;
  #lastPublishedAt = Number.NEGATIVE_INFINITY;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Once a second: when votes stop flowing the data does not change, but the delay tile must say so. */
  readonly #flowCheck: ReturnType<typeof setInterval>;

  constructor(options: PublisherOptions) {
    this.#source = options.source;
    this.#render = options.render;
    this.#intervalMs = 1000 / options.pushesPerSecond;
    this.#now = options.now ?? Date.now;
    this.#unsubscribe = this.#source.onChange(() => this.notify());
    this.#flowCheck = setInterval(() => {
      const shown = this.#current?.snapshot.headline.votesFlowing;
      if (shown === true && !this.#source.snapshot(this.#now()).headline.votesFlowing) this.notify();
    }, 1_000);
    this.#flowCheck.unref();
  }

  /**
   * The newest version, rendered now when there is none yet, or when the data changed since a
   * version rendered before the reader caught up with the topics: once the page says it is healthy
   * (caught up), nobody is served the partial state of its start.
   */
  current(): RenderedVersion {
    if (this.#current === undefined) return this.#publish();
    if (this.#dirty && !this.#currentCaughtUp && this.#source.readerStatus().caughtUp) return this.#publish();
    return this.#current;
  }

  /** Calls `listener` with every new version; returns the unsubscribe. */
  onVersion(listener: (version: RenderedVersion) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The data changed: a new version follows within one push interval. */
  notify(): void {
    this.#dirty = true;
    if (this.#timer !== undefined) return;
    const wait = Math.max(0, this.#lastPublishedAt + this.#intervalMs - this.#now());
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      if (this.#dirty) this.#publish();
    }, wait);
  }

  /** Stops listening to the source and publishing. */
  close(): void {
    this.#unsubscribe();
    clearInterval(this.#flowCheck);
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#listeners.clear();
  }

  #publish(): RenderedVersion {
    this.#dirty = false;
    this.#lastPublishedAt = this.#now();
    this.#currentCaughtUp = this.#source.readerStatus().caughtUp;
    const snapshot = this.#source.snapshot(this.#lastPublishedAt);
    const version = new RenderedVersion(this.#bootId, this.#current, snapshot, this.#render(snapshot));
    this.#current = version;
    for (const listener of this.#listeners) listener(version);
    return version;
  }
}
