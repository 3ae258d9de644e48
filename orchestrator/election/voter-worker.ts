import { parentPort } from 'node:worker_threads';
import { encodeVoters, transferListOf } from './encode-voters.ts';
import { generateVoters, type VoterOptions } from './voters.ts';

// The voter generator thread: answers each request (voters from..to-1 of an election) with the
// chunk encoded for Postgres and Kafka, its memory transferred, so generation runs on the second
// core while the main thread writes the previous chunks.

export interface VoterRequest {
  id: number;
  options: VoterOptions;
  from: number;
  to: number;
}

parentPort!.on('message', (request: VoterRequest) => {
  try {
    const encoded = encodeVoters(generateVoters(request.options, request.from, request.to));
    parentPort!.postMessage({ id: request.id, encoded }, transferListOf(encoded));
  } catch (error) {
    parentPort!.postMessage({ id: request.id, error: (error as Error).message ?? String(error) });
  }
});
