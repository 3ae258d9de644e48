import { connectSse, lastCastAtOf, serverDelayOf, type SseConnection } from './sse-client.ts';

// One browser-like client on the results page's SSE stream. Vote-to-screen is measured client
// side: the time the headline event was read minus the newest cast_at it shows (the
// data-last-cast-at the server renders). The server's own figure (now − newest cast_at when it
// rendered the headline, as the page displays it) is kept beside it for comparison.

export interface ScreenUpdate {
  receivedAt: number;
  lastCastAt: number;
  clientDelayMs: number;
  serverDelayMs: number | null;
}

export class ScreenMonitor {
  readonly updates: ScreenUpdate[] = [];
  readonly #connection: SseConnection;

  constructor(baseUrl: string) {
    this.#connection = connectSse(`${baseUrl}/events`, (event) => {
      if (event.event !== 'headline') return;
      const lastCastAt = lastCastAtOf(event.data);
      if (lastCastAt === null) return;
      this.updates.push({ receivedAt: event.receivedAt, lastCastAt, clientDelayMs: event.receivedAt - lastCastAt, serverDelayMs: serverDelayOf(event.data) });
    });
    this.#connection.done.catch(() => undefined);
  }

  /** Updates received in [from, to] (epoch ms) that showed a vote cast at or after `castSince`. */
  between(from: number, to: number, castSince = from): ScreenUpdate[] {
    return this.updates.filter((u) => u.receivedAt >= from && u.receivedAt <= to && u.lastCastAt >= castSince);
  }

  close(): void {
    this.#connection.close();
  }
}
