// Paces sends to a target rate: before sending n more, wait until the time at which n more are
// due. Rate 0 means no limit.

export interface RateLimiter {
  /** Waits until `n` more events may be sent, then counts them. */
  take(n: number): Promise<void>;
  /** Largest batch worth sending at once (about a tenth of a second of events). */
  readonly batchSize: number;
}

/**
 * Paces sends to `perSecond` events a second (0: no limit), from the first take: the time spent
 * connecting before it is not made up with a burst.
 * @param maxBatch - the largest batch size it suggests. Defaults to 5 000
 * @param now - a clock in ms (performance.now), for tests
 */
export function rateLimiter(perSecond: number, maxBatch = 5000, now: () => number = () => performance.now()): RateLimiter {
  let start: number | undefined;
  let sent = 0;
  return {
    batchSize: perSecond > 0 ? Math.max(1, Math.min(maxBatch, Math.round(perSecond / 10))) : maxBatch,
    async take(n) {
      start ??= now();
      if (perSecond > 0) {
        const dueAt = start + ((sent + n) / perSecond) * 1000;
        const wait = dueAt - now();
        if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      }
      sent += n;
    },
  };
}
