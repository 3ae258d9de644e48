import { deterministicUuid } from '../shared/election/ids.ts';
import type { Vote } from '../shared/election/model.ts';
import { ukRegions } from '../shared/election/regions.ts';

// The size of one vote as the simulator writes it, so the Kafka ceiling is measured with
// records of the same size as the pipeline's.

export function sampleVoteBytes(seed: number): number {
  const voterId = deterministicUuid('voter', seed, 'bench');
  const vote: Vote = {
    vote_id: deterministicUuid('vote', seed, voterId),
    voter_id: voterId,
    candidate_id: deterministicUuid('candidate', seed, 'bench'),
    cast_at: Date.now(),
    region_id: ukRegions()[0]?.region_id ?? 'region',
  };
  return Buffer.byteLength(JSON.stringify(vote));
}
