import { Worker } from 'node:worker_threads';
import type { LoadedConfig } from '../../shared/config/load.ts';
import type { CheckResult } from './quality.ts';

// `tally check` on a thread of its own, for the results page. The checks read whole topics with
// kafkajs and decode every record: on the page's own thread that work, and the garbage it leaves,
// shared the event loop and the heap with the pushes to every browser, and a garbage collection
// could fall inside a push to 10,000 clients (a push is one synchronous loop over the sockets, so
// nothing else interrupts it). A worker thread has its own event loop and
// its own heap, dropped when the run ends. The worker runs the TypeScript sources through tsx, as
// bin/tally.js does (a worker does not inherit the loader the main thread registered).

const WORKER_SOURCE = new URL('./checkWorker.ts', import.meta.url).href;
const TSX_API = import.meta.resolve('tsx/esm/api');
const BOOT = `import(${JSON.stringify(TSX_API)}).then(({ register }) => { register(); return import(${JSON.stringify(WORKER_SOURCE)}); });`;

/** Options of runChecksInWorker. */
export interface CheckThreadOptions {
  /** A run still going after this long is stopped (the worker terminated) and rejects. Defaults to 600_000. */
  timeoutMs?: number;
  /** The worker's old-generation heap limit, MB. Defaults to 1024. */
  maxHeapMb?: number;
}

/**
 * runChecks(config) (quality.ts) on a worker thread: the same checks and results, computed off the
 * calling thread's event loop and heap.
 * @returns one result per check, as runChecks returns them
 * @throws what runChecks throws in the worker (rebuilt from what the worker reported: message and
 *   name), an Error when the worker exits without an answer, or when it runs longer than timeoutMs
 */
export function runChecksInWorker(config: LoadedConfig, options: CheckThreadOptions = {}): Promise<CheckResult[]> {
  const { timeoutMs = 600_000, maxHeapMb = 1024 } = options;
  return new Promise<CheckResult[]>((resolve, reject) => {
    const worker = new Worker(BOOT, { eval: true, workerData: { config }, resourceLimits: { maxOldGenerationSizeMb: maxHeapMb }, stdout: false, stderr: false });
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
      void worker.terminate();
    };
    const timer = setTimeout(() => settle(() => reject(new Error(`tally check did not finish within ${timeoutMs / 1000} s`))), timeoutMs);
    worker.once('message', (results: CheckResult[]) => settle(() => resolve(results)));
    worker.once('error', (error) => settle(() => reject(error)));
    worker.once('exit', (code) => settle(() => reject(new Error(`the tally check thread exited (code ${code}) without an answer`))));
  });
}
