// The vote-to-screen delay the page shows: for each update that brings a newer vote (a newer
// cast_at than any seen), the time it reached the page minus that cast_at; shown as the median of
// the last WINDOW_MS of such samples. When no newer vote has arrived for IDLE_MS, there is no
// delay to show, only "no new votes" (the age of the last vote is not a delay).

const WINDOW_MS = 10_000;
const IDLE_MS = 5_000;

/** Tracks the newest cast_at seen and the delays of recent updates. Times are epoch ms. */
export class ScreenDelay {
  #newestCastAt = Number.NEGATIVE_INFINITY;
  #lastNewAt = Number.NEGATIVE_INFINITY;
  #samples: { at: number; delayMs: number }[] = [];

  /** Records `lastCastAt` (the newest cast_at in the data) as seen at `now`; a newer one is a sample. */
  observe(lastCastAt: number | null, now: number): void {
    if (lastCastAt === null || !Number.isFinite(lastCastAt) || lastCastAt <= this.#newestCastAt) return;
    this.#newestCastAt = lastCastAt;
    this.#lastNewAt = now;
    this.#samples.push({ at: now, delayMs: Math.max(0, now - lastCastAt) });
    this.#samples = this.#samples.filter((s) => s.at > now - WINDOW_MS);
  }

  /** True while newer votes keep arriving (one within the last 5 s). */
  flowing(now: number): boolean {
    return now - this.#lastNewAt <= IDLE_MS;
  }

  /** The median delay (ms) of the updates of the last 10 s while votes flow; null when they do not. */
  delayMs(now: number): number | null {
    if (!this.flowing(now)) return null;
    const recent = this.#samples.filter((s) => s.at > now - WINDOW_MS).map((s) => s.delayMs).sort((a, b) => a - b);
    return recent.length === 0 ? null : recent[Math.floor((recent.length - 1) / 2)]!;
  }
}
