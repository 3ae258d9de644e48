import { setTimeout as sleep } from 'node:timers/promises';

// The one poll loop with a deadline: services starting, topics getting leaders, jobs draining.

/**
 * Calls `check` every `intervalMs` until it resolves true or `timeoutMs` has passed. A check that
 * throws or rejects counts as "not yet" (a service still starting refuses connections).
 * @param check - resolves true when the awaited condition holds
 * @param timeoutMs - how long to keep polling, in milliseconds
 * @param intervalMs - the pause between two checks, in milliseconds. Defaults to 500
 * @returns true as soon as a check passed; false when the deadline passed first (never throws)
 */
export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, intervalMs = 500): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return true;
    await sleep(intervalMs);
  }
  return false;
}
