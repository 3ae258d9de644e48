import { Broadcaster, type BroadcasterOptions, type SseClient, type SubscribeOptions } from './broadcast.ts';
import { RenderedVersion, type SseEvent } from './renderedVersion.ts';
import type { ResultsSnapshot } from './resultsSnapshot.ts';

// Streams of one view of the data (the regions table in a reader's own sort and page): each view
// any client watches is rendered once per data version and fanned out like the main stream, the
// same bytes to every client of that view, so a reader who sorted the table is pushed its view
// instead of re-fetching it on every change. A view nobody watches any longer is forgotten.

interface ViewChannel {
  broadcaster: Broadcaster;
  /** The view's own chain of versions (its sequence counts the view's versions, not the data's). */
  latest: RenderedVersion;
  /** The data version it was rendered from. */
  from: RenderedVersion;
}

export class ViewStreams {
  readonly #channels = new Map<string, ViewChannel>();
  readonly #render: (snapshot: ResultsSnapshot, view: string) => SseEvent[];
  readonly #options: BroadcasterOptions;

  /**
   * @param render - the events of `view` (a key the caller normalised, e.g. a query string) for a snapshot
   * @param options - the slow-client rules and heartbeat of every view's Broadcaster
   */
  constructor(render: (snapshot: ResultsSnapshot, view: string) => SseEvent[], options: BroadcasterOptions = {}) {
    this.#render = render;
    this.#options = options;
  }

  /** Views watched now. */
  get viewCount(): number {
    return this.#channels.size;
  }

  /**
   * Adds a client of `view` and writes it the view's full state, rendered from `version` unless a
   * newer data version has been published since.
   * @returns its unsubscribe (call it when the connection closes)
   */
  subscribe(view: string, client: SseClient, version: RenderedVersion, options: SubscribeOptions = {}): () => void {
    let channel = this.#channels.get(view);
    if (!channel) {
      const made: ViewChannel = { broadcaster: new Broadcaster(this.#options), latest: this.#viewVersion(view, undefined, version), from: version };
      this.#channels.set(view, made);
      channel = made;
    } else if (version.sequence > channel.from.sequence) {
      this.#advance(view, channel, version);
    }
    const unsubscribe = channel.broadcaster.subscribe(client, channel.latest, options);
    const current = channel;
    return () => {
      unsubscribe();
      if (current.broadcaster.clientCount > 0 || this.#channels.get(view) !== current) return;
      current.broadcaster.close();
      this.#channels.delete(view);
    };
  }

  /** Renders every watched view from `version` and writes each to its clients. */
  publish(version: RenderedVersion): void {
    for (const [view, channel] of this.#channels) if (version.sequence > channel.from.sequence) this.#advance(view, channel, version);
  }

  /** Ends every view's streams. */
  close(): void {
    for (const channel of this.#channels.values()) channel.broadcaster.close();
    this.#channels.clear();
  }

  #advance(view: string, channel: ViewChannel, version: RenderedVersion): void {
    channel.latest = this.#viewVersion(view, channel.latest, version);
    channel.from = version;
    channel.broadcaster.publish(channel.latest);
  }

  #viewVersion(view: string, previous: RenderedVersion | undefined, version: RenderedVersion): RenderedVersion {
    return new RenderedVersion(version.id, previous, version.snapshot, this.#render(version.snapshot, view));
  }
}
