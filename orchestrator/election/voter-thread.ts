import { Worker } from 'node:worker_threads';
import type { EncodedVoters } from './encode-voters.ts';
import type { VoterRequest } from './voter-worker.ts';
import type { VoterOptions } from './voters.ts';

// The main thread's side of the voter generator thread (voter-worker.ts): requests are answered
// in order, so asking for the next chunks ahead keeps the thread busy while this one writes.

export interface VoterThread {
  /** Voters from..to-1, generated and encoded on the thread. Rejects if the thread fails. */
  encoded(from: number, to: number): Promise<EncodedVoters>;
  /** Stops the thread; pending requests reject. */
  close(): Promise<void>;
}

type Reply = { id: number; encoded: EncodedVoters; error?: undefined } | { id: number; error: string };

/** Starts a generator thread for one election's voters. */
export function openVoterThread(options: VoterOptions): VoterThread {
  // A young generation large enough for a chunk in the making: with the default, most of its
  // strings are copied by several scavenges before they are sent.
  const worker = new Worker(new URL('./voter-worker.mjs', import.meta.url), { resourceLimits: { maxYoungGenerationSizeMb: 96 } });
  const pending = new Map<number, { resolve: (e: EncodedVoters) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  const failAll = (error: Error): void => {
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };
  worker.on('message', (reply: Reply) => {
    const waiting = pending.get(reply.id);
    pending.delete(reply.id);
    if (reply.error !== undefined) waiting?.reject(new Error(`the voter generator failed: ${reply.error}`));
    else waiting?.resolve(reply.encoded);
  });
  worker.on('error', (error) => failAll(new Error(`the voter generator thread failed: ${error.message}`, { cause: error })));
  worker.on('exit', (code) => failAll(new Error(`the voter generator thread stopped (exit code ${code})`)));
  return {
    encoded(from, to) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, options, from, to } satisfies VoterRequest);
      });
    },
    async close() {
      await worker.terminate();
    },
  };
}
