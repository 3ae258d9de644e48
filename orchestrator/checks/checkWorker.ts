import { parentPort, workerData } from 'node:worker_threads';
import type { LoadedConfig } from '../../shared/config/load.ts';
import { runChecks } from './quality.ts';

// The body of the worker thread runChecksInWorker starts (checkThread.ts): one `tally check`
// run, its results posted back to the thread that started it. What it throws ends the worker
// with an 'error' event, which that thread turns into a rejection.

const { config } = workerData as { config: LoadedConfig };
parentPort?.postMessage(await runChecks(config));
