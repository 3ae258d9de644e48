import { setTimeout as sleep } from 'node:timers/promises';

// The one poll loop with a deadline (as kafkajs has one retry helper): services starting, topics
// getting leaders, jobs starting, finishing or stopping, checks waiting for the pipeline to catch up.

export interface PollOptions<T> {
  /** How long to keep trying, in milliseconds, from the first attempt. */
  timeoutMs: number;
  /** The pause between two attempts, in milliseconds. Defaults to 500. */
  intervalMs?: number;
  /** When an attempt's value ends the wait. Defaults to "the value is truthy". */
  until?: (value: T) => boolean;
  /**
   * Which errors of an attempt mean "not yet" (a service still starting refuses connections);
   * any other error ends the poll at once. Defaults to none: every error is thrown.
   */
  retryOn?: (error: unknown) => boolean;
  /**
   * What to say when the deadline passes: the error to throw, given the last value (undefined
   * when no attempt returned one) and the last retried error. Without it, poll returns the last value.
   */
  onTimeout?: (last: T | undefined, lastError: unknown) => Error;
}

/**
 * Calls `attempt` until its value satisfies `until`, at least once and then every `intervalMs`
 * until `timeoutMs` has passed.
 * @returns the first value that satisfies `until`; on timeout (without `onTimeout`) the last value,
 *   or undefined when no attempt returned one
 * @throws an attempt's error that `retryOn` does not accept, or the error of `onTimeout`
 */
export async function poll<T>(attempt: () => Promise<T>, options: PollOptions<T>): Promise<T | undefined> {
  const { timeoutMs, intervalMs = 500, until = Boolean, retryOn = () => false, onTimeout } = options;
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await attempt();
      lastError = undefined;
      if (until(last)) return last;
    } catch (error) {
      if (!retryOn(error)) throw error;
      lastError = error;
    }
    if (Date.now() >= deadline) break;
    await sleep(Math.min(intervalMs, Math.max(0, deadline - Date.now())));
  }
  if (onTimeout) throw onTimeout(last, lastError);
  return last;
}

/**
 * Calls `check` every `intervalMs` until it resolves true or `timeoutMs` has passed (poll with
 * every error counting as "not yet").
 * @param check - resolves true when the awaited condition holds
 * @param timeoutMs - how long to keep polling, in milliseconds
 * @param intervalMs - the pause between two checks, in milliseconds. Defaults to 500
 * @returns true as soon as a check passed; false when the deadline passed first (never throws)
 */
export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, intervalMs = 500): Promise<boolean> {
  return (await poll(check, { timeoutMs, intervalMs, retryOn: () => true })) === true;
}
